"""The content of the evaluation reports, section by section.

The notebooks in notebooks/ are thin shells: each cell calls one method here and displays
the :class:`~reportkit.markup.Section` it returns. :func:`open_report` checks the
parameters first, so an unknown unit or year fails in the first code cell with one clear
line naming the bad value and the nearest valid one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from reportkit import domain, figures, indicators
from reportkit.datasource import dataset
from reportkit.labels import LABELS, label
from reportkit.markup import Section, figure, p, section, table
from reportkit.numfmt import Lang, fmt_dec, fmt_int, fmt_pct
from reportkit.params import resolve_lang, resolve_unit, resolve_year
from reportkit.prepare import Dataset, default_processed_dir
from reportkit.provenance import git_commit, library_versions
from reportkit.units import nearest_unit

MAX_ANNEX_ROWS = 200


def open_report(
    commune: str | None,
    year: int,
    data_dir: str | Path,
    lang: str = "vi",
    processed_dir: str | Path | None = None,
) -> Report:
    """Load the data and check the parameters; ``commune`` None = the district report."""
    lang_ = resolve_lang(lang)
    unit = resolve_unit(commune) if commune is not None else None
    raw = Path(data_dir)
    processed = Path(processed_dir) if processed_dir else default_processed_dir(raw)
    data = dataset(raw, processed)
    y = resolve_year(year, data.years())
    return Report(data=data, year=y, unit=unit, lang=lang_, data_dir=raw)


@dataclass
class Report:
    """One report: a unit's (``unit``) or the district's (``unit`` None) for ``year``."""

    data: Dataset
    year: int
    unit: domain.Unit | None
    lang: Lang
    data_dir: Path
    _cache: dict[str, object] = field(default_factory=dict, repr=False)

    # --- helpers ----------------------------------------------------------------------

    def t(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    def n(self, v: object) -> str:
        return fmt_int(None if v is None or pd.isna(v) else v, self.lang)  # type: ignore[arg-type]

    def pct(self, v: object) -> str:
        return fmt_dec(None if v is None or pd.isna(v) else v, 2, self.lang)  # type: ignore[arg-type]

    def mvnd(self, vnd: object) -> str:
        """VND in millions with two decimals (107.880.000 đồng → 107,88), the unit of the
        programme's tables and of the district's own reporting."""
        if vnd is None or pd.isna(vnd):
            return fmt_dec(None, 2, self.lang)
        return fmt_dec(float(vnd) / 1_000_000, 2, self.lang)  # type: ignore[arg-type]

    @property
    def commune(self) -> str | None:
        return self.unit.name if self.unit else None

    @property
    def place(self) -> str:
        if self.unit is None:
            return domain.district()["name"]
        return f"{self.t('unit_kind_' + self.unit.kind)} {self.unit.name}"

    @property
    def standard(self) -> domain.Standard:
        return domain.standard_for_year(self.year)

    @property
    def title(self) -> str:
        d = domain.district()
        if self.unit is None:
            return self.t("district_title", year=self.year, district=d["name"])
        return self.t("commune_title", year=self.year, unit=self.place)

    @property
    def subtitle(self) -> str:
        d = domain.district()
        s = self.standard
        return self.t(
            "subtitle",
            district=d["name"],
            province=d["province"],
            standard=s.id,
            basis=s.legal_basis,
        )

    @property
    def header(self) -> str:
        return f"{self.place} — {self.year}"

    @property
    def slug(self) -> str:
        return self.unit.slug if self.unit else domain.district()["slug"]

    def figures_of(self, year: int) -> pd.DataFrame:
        key = f"hf{year}"
        if key not in self._cache:
            self._cache[key] = indicators.household_figures(self.data, year)
        return self._cache[key]  # type: ignore[return-value]

    def em_figures_of(self, year: int) -> pd.DataFrame:
        """Ethnic-minority household figures of ``year`` (computed once per report)."""
        key = f"em{year}"
        if key not in self._cache:
            self._cache[key] = indicators.subgroup_figures(self.data, year, "ethnic_minority")
        return self._cache[key]  # type: ignore[return-value]

    def row_of(self, year: int) -> pd.Series | None:
        """This unit's (or the district total's) household figures in ``year``."""
        if year not in self.data.years():
            return None
        f = self.figures_of(year)
        sel = f["commune"].isna() if self.unit is None else f["commune"] == self.commune
        return f.loc[sel].iloc[0] if sel.any() else None

    def has_households(self, year: int) -> bool:
        """Whether this unit (every unit, for the district) has household rows in ``year``."""
        row = self.row_of(year)
        return row is not None and present(row["reviewed"]) is not None

    def target(self, year: int, column: str) -> float | None:
        return _target(self.data, year, self.commune, column)

    def verdict(self, value: object, target: object, rule: str = "at_most") -> str:
        """Đạt / Không đạt for ``value`` against ``target`` by ``rule`` ("at_most",
        "at_least" or "more_than"). No verdict without both: "Không có số liệu" when the
        value is missing (no data, no denominator), "–" when there is no target."""
        v, t = present(value), present(target)
        if v is None:
            return self.t("no_data")
        if t is None:
            return self.t("no_target")
        ok = {"at_most": v <= t, "at_least": v >= t, "more_than": v > t}[rule]  # type: ignore[operator]
        return self.t("met") if ok else self.t("not_met")

    def missing_notes(self, year: int) -> list[str]:
        """Notes saying which data of ``year`` this report lacks (none when complete)."""
        row = self.row_of(year)
        if row is None:
            return []
        place = (
            self.place
            if self.unit is not None
            else self.t("district_place", district=domain.district()["name"])
        )
        notes = []
        if self.unit is None and present(row["missing_units"]):
            units = ", ".join(str(row["missing_units"]).split(";"))
            notes.append(self.t("missing_units_note", year=year, units=units))
        missing = str(present(row["missing_tables"]) or "").split(";")
        if "households" in missing:
            notes.append(self.t("missing_households_note", year=year, place=place))
        elif "population" in missing:
            notes.append(self.t("missing_population_note", year=year, place=place))
        return notes

    def signed(self, v: float | None, digits: int = 2) -> str:
        if v is None or pd.isna(v):
            return fmt_dec(None, digits, self.lang)
        text = fmt_dec(abs(v), digits, self.lang)
        return ("+" if v > 0 else "−" if v < 0 else "") + text

    def missing_table_note(self, name: str) -> str | None:
        return p(self.t("table_missing", table=name), "note") if self.data[name].empty else None

    @cached_property
    def em_rates(self) -> dict[int, float | None]:
        """Poor rate among ethnic-minority households by year (population's EM households)."""
        pop = self.data["population"]
        if "ethnic_minority_households" not in pop.columns:
            return {}
        out: dict[int, float | None] = {}
        for y in (self.year - 1, self.year):
            if y not in self.data.years():
                continue
            if not self.has_households(y):
                out[y] = None  # no household data: no rate, whatever the subgroup table says
                continue
            em = self.em_figures_of(y)
            prow = pop.loc[pop["year"] == y]
            if self.unit is not None:
                prow = prow.loc[prow["commune"] == self.commune]
                poor = em.loc[em["commune"] == self.commune, "poor"]
            else:
                poor = em.loc[em["commune"].isna(), "poor"]
            households = prow["ethnic_minority_households"].sum(min_count=1)
            out[y] = indicators.percent(
                None if poor.empty else int(poor.iloc[0]),
                None if pd.isna(households) else float(households),
            )
        return out

    # --- 1. key figures -----------------------------------------------------------------

    def key_figures(self) -> Section:
        cur = self.row_of(self.year)
        prev = self.row_of(self.year - 1)
        y0, y1 = self.year - 1, self.year

        def val(row: pd.Series | None, col: str) -> object:
            return None if row is None else present(row[col])

        def diff(col: str) -> float | None:
            a, b = val(prev, col), val(cur, col)
            if a is None or b is None:
                return None
            return round(float(b) - float(a), 2)  # type: ignore[arg-type]

        def now(text: str, col: str) -> str:
            """This year's figure, or "Không có số liệu" when the data lacks it."""
            return text if val(cur, col) is not None else self.t("no_data")

        drop = None if diff("poor_rate") is None else -diff("poor_rate")  # type: ignore[operator]

        def count_and_rate(status: str, target_column: str) -> list[list[object]]:
            target = self.target(y1, target_column)
            rate = f"{status}_rate"
            return [
                [
                    self.t(f"{status}_households"),
                    self.n(val(prev, status)),
                    now(self.n(val(cur, status)), status),
                    self.signed(diff(status), 0),
                    self.t("no_target"),
                    self.t("no_target"),
                ],
                [
                    self.t(rate),
                    self.pct(val(prev, rate)),
                    now(self.pct(val(cur, rate)), rate),
                    self.signed(diff(rate)),
                    self.pct(target),
                    self.verdict(val(cur, rate), target),
                ],
            ]

        rows = count_and_rate("poor", "poverty_rate_target")
        rows.append(
            [
                self.t("poor_rate_drop"),
                "",
                self.pct(drop),
                "",
                self.t("national_drop_target"),
                self.verdict(drop, 1.0, "at_least"),
            ]
        )
        rows += count_and_rate("near_poor", "near_poor_rate_target")
        em = self.em_rates
        if em.get(y1) is not None:
            em_drop = None if em.get(y0) is None else round(em[y0] - em[y1], 2)  # type: ignore[operator]
            rows.append(
                [
                    self.t("em_poor_rate"),
                    self.pct(em.get(y0)),
                    self.pct(em[y1]),
                    self.signed(None if em_drop is None else -em_drop),
                    "",
                    "",
                ]
            )
            rows.append(
                [
                    self.t("em_poor_rate_drop"),
                    "",
                    self.pct(em_drop),
                    "",
                    self.t("national_em_target"),
                    self.verdict(em_drop, 3.0, "more_than"),
                ]
            )
        budget = self.budget()
        if not budget.empty:
            alloc, disb = budget["allocated_vnd"].sum(), budget["disbursed_vnd"].sum()
            rows.append(
                [
                    self.t("disbursement_rate"),
                    "",
                    self.pct(indicators.percent(disb, alloc)),
                    "",
                    self.t("no_target"),
                    self.t("no_target"),
                ]
            )
        header = [
            self.t("indicator"),
            self.t("prev_year", year=y0),
            self.t("prev_year", year=y1),
            self.t("change"),
            self.t("target"),
            self.t("assessment"),
        ]
        note = self.t("key_note", households=self.n(val(cur, "households")))
        notes = [p(text, "note") for text in self.missing_notes(y1)]
        return section(
            self.t("s_key"), *notes, table(header, rows, num_cols=[1, 2, 3, 4]), p(note, "note")
        )

    # --- 2. poverty situation -----------------------------------------------------------

    def poverty_situation(self) -> Section:
        years = [y for y in self.data.years() if y <= self.year]
        rows, chart_rows = [], []
        for y in years:
            r = self.row_of(y)
            if r is None:
                continue
            rows.append(
                [
                    str(y),
                    self.n(r["households"]),
                    self.n(r["reviewed"]),
                    self.n(r["poor"]),
                    self.pct(r["poor_rate"]),
                    self.n(r["near_poor"]),
                    self.pct(r["near_poor_rate"]),
                    self.n(r["average"]),
                ]
            )
            chart_rows.append(
                {"year": y, "poor_rate": r["poor_rate"], "near_poor_rate": r["near_poor_rate"]}
            )
        header = [
            self.t("year"),
            self.t("households"),
            self.t("reviewed"),
            self.t("poor"),
            self.t("rate_pct"),
            self.t("near_poor"),
            self.t("rate_pct"),
            self.t("average"),
        ]
        chart = figures.line_chart(
            pd.DataFrame(chart_rows),
            "year",
            ["poor_rate", "near_poor_rate"],
            labels=[self.t("poor"), self.t("near_poor")],
            lang=self.lang,
            value_fmt=self.pct,
        )
        parts = [table(header, rows, num_cols=range(1, 8)), figure(chart, self.t("rates_chart"))]
        if self.unit is not None:
            parts.append(self._villages())
        parts.append(self._ethnic_minority())
        parts.append(self._agri())
        return section(self.t("s_situation"), *parts)

    def _villages(self) -> str:
        head = f"<h3>{self.t('by_village')}</h3>"
        if not self.has_households(self.year):
            return head + p(self.t("no_rows"), "note")
        v = indicators.village_summary(self.data, self.year, self.commune)  # type: ignore[arg-type]
        rows = [
            [r.village, self.n(r.reviewed), self.n(r.poor), self.n(r.near_poor)]
            for r in v.itertuples()
        ]
        header = [self.t("village"), self.t("reviewed"), self.t("poor"), self.t("near_poor")]
        return head + table(header, rows, num_cols=[1, 2, 3])

    def _ethnic_minority(self) -> str:
        rows = []
        for y in [y for y in self.data.years() if y <= self.year]:
            em = self.em_figures_of(y)
            sel = em["commune"].isna() if self.unit is None else em["commune"] == self.commune
            r = em.loc[sel].iloc[0]
            if not self.has_households(y):
                rows.append([str(y), *[self.t("no_data")] * 3])  # not zeros: no data at all
                continue
            rows.append([str(y), self.n(r["reviewed"]), self.n(r["poor"]), self.n(r["near_poor"])])
        header = [self.t("year"), self.t("em_reviewed"), self.t("poor"), self.t("near_poor")]
        return f"<h3>{self.t('em_heading')}</h3>" + table(header, rows, num_cols=[1, 2, 3])

    def _agri(self) -> str:
        hh = self.data.households
        cur = hh.loc[hh["year"] == self.year]
        if self.unit is not None:
            cur = cur.loc[cur["commune"] == self.commune]
        avg = cur.loc[cur["recorded_status"] == "average"]
        n = int((avg["agri_sector"].fillna(0) == 1).sum())
        text = self.t("agri_sentence", year=self.year, n=self.n(n), total=self.n(len(avg)))
        return f"<h3>{self.t('agri_heading')}</h3>" + p(text)

    # --- 3. review summary --------------------------------------------------------------

    def review(self) -> Section:
        heading = self.t("s_review", year=self.year)
        r = self.row_of(self.year)
        if r is None or r["poor_start"] is None or pd.isna(r["poor_start"]):
            return section(heading, p(self.t("no_baseline", prev=self.year - 1), "note"))
        em = self.em_figures_of(self.year)
        em_row = em.loc[
            em["commune"].isna() if self.unit is None else em["commune"] == self.commune
        ]
        groups = [(self.t("all_households"), r)]
        if not em_row.empty and not pd.isna(em_row.iloc[0]["poor_start"]):
            groups.append((self.t("em_households_short"), em_row.iloc[0]))
        keys = ["poor_start", "escaped", "removed", "fell_back", "new_poor"]
        header = [self.t("group"), *[self.t(k) for k in keys], self.t("poor_end")]
        rows = [[name, *[self.n(g[k]) for k in keys], self.n(g["poor"])] for name, g in groups]
        ok = int(r["poor_start"]) - int(r["escaped"]) - int(r["removed"]) + int(
            r["fell_back"]
        ) + int(r["new_poor"]) == int(r["poor"])
        identity = self.t(
            "identity",
            end=self.n(r["poor"]),
            start=self.n(r["poor_start"]),
            escaped=self.n(r["escaped"]),
            removed=self.n(r["removed"]),
            fell_back=self.n(r["fell_back"]),
            new=self.n(r["new_poor"]),
            ok=self.t("identity_ok") if ok else self.t("identity_bad"),
        )
        steps = [
            (self.t("poor_start"), int(r["poor_start"])),
            (self.t("escaped"), -int(r["escaped"])),
            (self.t("removed"), -int(r["removed"])),
            (self.t("fell_back"), int(r["fell_back"])),
            (self.t("new_poor"), int(r["new_poor"])),
            (self.t("poor_end"), int(r["poor"])),
        ]
        parts = [table(header, rows, num_cols=range(1, 7)), p(identity)]
        if ok:
            chart = figures.waterfall_chart(
                [(_wrap(s), v) for s, v in steps],
                lang=self.lang,
            )
            parts.append(figure(chart, self.t("review_chart", year=self.year)))
        if self.unit is None:
            parts.append(self._review_by_unit())
        return section(heading, *parts)

    def _review_by_unit(self) -> str:
        f = self.figures_of(self.year)
        keys = ["poor_start", "escaped", "removed", "fell_back", "new_poor", "poor"]
        rows = []
        for r in f.itertuples():
            name = r.commune if r.commune is not None else self.t("district_total")
            rows.append([name, *[self.n(getattr(r, k)) for k in keys]])
        header = [self.t("unit"), *[self.t(k) for k in keys[:-1]], self.t("poor_end")]
        return table(header, rows, num_cols=range(1, 7), total_rows=[len(rows) - 1])

    # --- 4. deprivation profile ---------------------------------------------------------

    def deprivation(self) -> Section:
        prof = indicators.deprivation_profile(self.data, self.year, self.commune)
        mean = indicators.mean_deprivations(self.data, self.year, self.commune)
        name_col = "vi" if self.lang == "vi" else "en"
        rows = [
            [
                i + 1,
                r[name_col],
                self.n(r["poor_deprived"]),
                self.pct(r["poor_share"]),
                self.n(r["near_poor_deprived"]),
                self.pct(r["near_poor_share"]),
                self.pct(r["poor_or_near_poor_share"]),
            ]
            for i, r in prof.iterrows()
        ]
        header = [
            "#",
            self.t("indicator"),
            self.t("poor"),
            self.t("share_pct"),
            self.t("near_poor"),
            self.t("share_pct"),
            self.t("poor_and_near_poor") + " (%)",
        ]
        chart = figures.bar_chart(
            list(prof[name_col]),
            [0.0 if pd.isna(v) else v for v in prof["poor_or_near_poor_share"]],
            lang=self.lang,
            value_fmt=self.pct,
        )
        sentence = self.t(
            "mean_deprivations",
            poor=fmt_dec(mean["poor_mean"], 2, self.lang),  # type: ignore[arg-type]
            near_poor=fmt_dec(mean["near_poor_mean"], 2, self.lang),  # type: ignore[arg-type]
            both=fmt_dec(mean["poor_or_near_poor_mean"], 2, self.lang),  # type: ignore[arg-type]
        )
        return section(
            self.t("s_deprivation"),
            table(header, rows, num_cols=[0, 2, 3, 4, 5, 6]),
            p(sentence),
            figure(chart, self.t("deprivation_chart")),
        )

    # --- 5. programme -------------------------------------------------------------------

    def budget(self) -> pd.DataFrame:
        if self.data["budget"].empty:
            return pd.DataFrame(columns=["commune", "project", "allocated_vnd", "disbursed_vnd"])
        b = indicators.budget_figures(self.data, self.year)
        return b if self.unit is None else b.loc[b["commune"] == self.commune]

    def programme(self) -> Section:
        parts = [f"<h3>{self.t('budget_heading')}</h3>"]
        parts.append(self.missing_table_note("budget") or self._budget_table())
        parts.append(f"<h3>{self.t('trainings_heading')}</h3>")
        parts.append(self.missing_table_note("trainings") or self._trainings())
        parts.append(f"<h3>{self.t('monitoring_heading')}</h3>")
        parts.append(self.missing_table_note("monitoring") or self._monitoring())
        return section(self.t("s_programme"), *parts)

    def _budget_table(self) -> str:
        b = self.budget()
        if b.empty:
            return p(self.t("no_rows"), "note")
        if self.unit is None:  # district: district-level lines, then each project summed over units
            district = b.loc[b["commune"].isna()].assign(where=self.t("district_level"))
            units = (
                b.loc[b["commune"].notna()]
                .groupby("project", as_index=False)[["allocated_vnd", "disbursed_vnd"]]
                .sum()
                .assign(where=self.t("unit") + " (13)")
            )
            lines = pd.concat([district, units], ignore_index=True)
        else:
            lines = b.assign(where=self.place)
        projects = domain.projects()
        rows = []
        for r in lines.itertuples():
            name = projects.get(r.project, {}).get(self.lang, r.project)
            rows.append(
                [
                    r.project,
                    name,
                    r.where,
                    self.mvnd(r.allocated_vnd),
                    self.mvnd(r.disbursed_vnd),
                    self.pct(indicators.percent(r.disbursed_vnd, r.allocated_vnd)),
                ]
            )
        alloc, disb = lines["allocated_vnd"].sum(), lines["disbursed_vnd"].sum()
        rows.append(
            [
                self.t("total"),
                "",
                "",
                self.mvnd(alloc),
                self.mvnd(disb),
                self.pct(indicators.percent(disb, alloc)),
            ]
        )
        header = [
            self.t("project"),
            self.t("project_name"),
            self.t("unit"),
            self.t("allocated"),
            self.t("disbursed"),
            self.t("rate"),
        ]
        chart_lines = lines.groupby("project", sort=False)[["allocated_vnd", "disbursed_vnd"]].sum()
        chart = figures.grouped_bar_chart(
            list(chart_lines.index),
            {
                self.t("allocated_short"): list(chart_lines["allocated_vnd"] / 1e6),
                self.t("disbursed_short"): list(chart_lines["disbursed_vnd"] / 1e6),
            },
            lang=self.lang,
        )
        parts = [
            table(header, rows, num_cols=[3, 4, 5], total_rows=[len(rows) - 1]),
            figure(chart, self.t("budget_chart")),
        ]
        if any(not projects.get(code, {}).get("verified", True) for code in lines["project"]):
            parts.append(p(self.t("unverified_note"), "note"))
        return "".join(parts)

    def _trainings(self) -> str:
        t = self.data["trainings"]
        t = t.loc[t["year"] == self.year]
        t = t.loc[t["commune"].isna()] if self.unit is None else t.loc[t["commune"] == self.commune]
        if t.empty:
            return p(self.t("no_rows"), "note")
        t = t.sort_values(["date", "_row"], kind="stable")
        rows = [
            [
                _date(r.date, self.lang),
                r.project or "",
                r.title or "",
                self.n(r.participants),
                self.mvnd(r.cost_vnd),
            ]
            for r in t.itertuples()
        ]
        rows.append(
            [
                self.t("total"),
                "",
                self.t("events") + f": {self.n(len(t))}",
                self.n(t["participants"].sum()),
                self.mvnd(t["cost_vnd"].sum()),
            ]
        )
        header = [
            self.t("date"),
            self.t("project"),
            self.t("title"),
            self.t("participants"),
            self.t("cost"),
        ]
        by_line = indicators.training_figures(self.data, self.year, self.commune)
        by_line = by_line.loc[by_line["commune"].isna()] if self.unit is None else by_line
        line_rows = [
            [r.project or "", self.n(r.events), self.n(r.participants), self.mvnd(r.cost_vnd)]
            for r in by_line.itertuples()
        ]
        line_header = [self.t("project"), self.t("events"), self.t("participants"), self.t("cost")]
        return table(header, rows, num_cols=[3, 4], total_rows=[len(rows) - 1]) + table(
            line_header, line_rows, num_cols=[1, 2, 3]
        )

    def _monitoring(self) -> str:
        m = indicators.monitoring_figures(self.data, self.year)
        total = m.iloc[-1]
        units = len(domain.units())
        parts = []
        if self.unit is None:
            inspected = m.loc[
                m["commune"].notna() & (m["units_inspected"] == 1), "commune"
            ].tolist()
            names = f" ({', '.join(inspected)})" if inspected else ""
            parts.append(
                p(
                    self.t(
                        "supervised_sentence",
                        supervised=total["units_supervised"],
                        inspected=total["units_inspected"],
                        units=units,
                        names=names,
                    )
                )
            )
            made, resolved = total["recommendations"], total["recommendations_resolved"]
        else:
            visits = self.data["monitoring"]
            visits = visits.loc[(visits["year"] == self.year) & (visits["commune"] == self.commune)]
            if visits.empty:
                return p(self.t("no_rows"), "note")
            rows = [
                [
                    _date(r.date, self.lang),
                    self.t(r.kind),
                    self._finding_text(r.findings),
                    self.n(r.recommendations),
                    self.n(r.recommendations_resolved),
                ]
                for r in visits.sort_values(["date", "_row"], kind="stable").itertuples()
            ]
            header = [
                self.t("date"),
                self.t("kind"),
                self.t("findings"),
                self.t("recommendations"),
                self.t("resolved"),
            ]
            parts.append(table(header, rows, num_cols=[3, 4]))
            made = visits["recommendations"].fillna(0).sum()
            resolved = visits["recommendations_resolved"].fillna(0).sum()
        parts.append(
            p(
                self.t(
                    "recommendations_sentence",
                    made=self.n(made),
                    resolved=self.n(resolved),
                    rate=fmt_pct(indicators.percent(resolved, made), self.lang),
                )
            )
        )
        f = indicators.findings_by_code(self.data, self.year, self.commune)
        f = f.loc[f["visits"] > 0]
        if not f.empty:
            rows = [[r[self.lang], self.n(r["visits"])] for _, r in f.iterrows()]
            parts.append(f"<h3>{self.t('findings_heading')}</h3>")
            parts.append(table([self.t("findings"), self.t("visits")], rows, num_cols=[1]))
        return "".join(parts)

    def _finding_text(self, codes: object) -> str:
        if codes is None or pd.isna(codes) or not str(codes):
            return ""
        known = domain.findings()
        return "; ".join(known[c][self.lang] if c in known else c for c in str(codes).split(";"))

    # --- 6. data quality ----------------------------------------------------------------

    def data_quality(self) -> Section:
        v = self.data.validation
        if self.unit is not None and not v.empty:
            v = v.loc[v["commune"] == self.commune]
        if not v.empty:
            v = v.loc[(v["year"].isna()) | (v["year"] == self.year) | (v["table"] != "households")]
            v = v.loc[~v["column"].isin(domain.personal_columns())]
        errors = int((v["severity"] == "error").sum()) if not v.empty else 0
        warnings = int((v["severity"] == "warning").sum()) if not v.empty else 0
        parts = [p(self.t("quality_summary", errors=self.n(errors), warnings=self.n(warnings)))]
        if self.unit is None:
            parts.append(self._quality_by_unit())
            if not v.empty:
                unplaced = v.loc[v["commune"].isna()].sort_values("severity", kind="stable")
                if not unplaced.empty:  # unknown units, unreadable files, missing columns
                    parts.append(f"<h3>{self.t('quality_unplaced')}</h3>")
                    parts.append(self._problem_table(unplaced))
        else:
            listed = v.loc[v["column"] != "recorded_status"] if not v.empty else v
            if not listed.empty:
                parts.append(self._problem_table(listed))
            parts.append(self._mismatches())
        return section(self.t("s_quality"), *parts)

    def _problem_table(self, problems: pd.DataFrame) -> str:
        """Validation rows as a table (at most MAX_ANNEX_ROWS, then a note)."""
        rows = [
            [
                r.file,
                self.n(r.row),
                r.column or "",
                r.value or "",
                self.t(r.severity),
                self.problem_text(r.check, r.message, r.value),
            ]
            for r in problems.head(MAX_ANNEX_ROWS).itertuples()
        ]
        header = [
            self.t("file"),
            self.t("row"),
            self.t("column"),
            self.t("value"),
            self.t("severity"),
            self.t("message"),
        ]
        out = table(header, rows, num_cols=[1], cls="report-table small")
        if len(problems) > MAX_ANNEX_ROWS:
            out += p(self.t("quality_more", n=self.n(len(problems) - MAX_ANNEX_ROWS)), "note")
        return out

    def problem_text(self, check: object, message: str, value: object = None) -> str:
        """A validation row's message in the report's language: the detailed English
        message in English reports, the wording of its check in Vietnamese ones (with the
        nearest unit for a name that is not a unit of the district)."""
        key = f"check_{check}"
        if self.lang == "en" or key not in LABELS:
            return message
        text = self.t(key)
        if check in ("bad_unit", "bad_unit_or_district") and isinstance(value, str) and value:
            text += f"; {self.t('nearest_unit')}: {nearest_unit(value).name}"
        return text

    def _mismatches(self) -> str:
        hh = self.data.households
        cur = hh.loc[(hh["year"] == self.year) & (hh["commune"] == self.commune)]
        mism = cur.loc[cur["recorded_status"].astype(str) != cur["rule_status"].astype(str)]
        head = f"<h3>{self.t('mismatch_heading')}</h3>"
        if mism.empty:
            return head + p(self.t("no_rows"), "note")
        mism = mism.sort_values("household_id")
        rows = [
            [
                r.household_id,
                r.village,
                self.t("status_" + str(r.recorded_status)),
                self.t("status_" + str(r.rule_status)),
                self.n(r.income_per_capita),
                self.n(r.deprivations),
            ]
            for r in mism.itertuples()
        ]
        header = [
            self.t("household_id"),
            self.t("village"),
            self.t("recorded"),
            self.t("rule"),
            self.t("income"),
            self.t("deprivations"),
        ]
        return head + table(header, rows, num_cols=[4, 5], cls="report-table small")

    def _quality_by_unit(self) -> str:
        v = self.data.validation
        f = self.figures_of(self.year)
        rows = []
        for r in f.itertuples():
            if r.commune is None:
                continue
            sel = v.loc[v["commune"] == r.commune] if not v.empty else v
            sel = sel.loc[(sel["year"] == self.year) | sel["year"].isna()] if not sel.empty else sel
            e = int((sel["severity"] == "error").sum()) if not sel.empty else 0
            w = int((sel["severity"] == "warning").sum()) if not sel.empty else 0
            rows.append([r.commune, self.n(e), self.n(w), self.n(r.status_mismatches)])
        header = [self.t("unit"), self.t("errors"), self.t("warnings"), self.t("mismatches")]
        return f"<h3>{self.t('quality_by_unit')}</h3>" + table(header, rows, num_cols=[1, 2, 3])

    # --- 7. provenance ------------------------------------------------------------------

    def provenance(self) -> Section:
        params = [
            ["commune", self.commune or ""],
            ["year", str(self.year)],
            ["data_dir", self.data_dir.as_posix()],
            ["lang", self.lang],
        ]
        _, read = self.data.fingerprint(self.year, self.commune)
        files = [[name, self.n(rows), sha] for name, rows, sha in read]
        software = [[self.t("git_commit"), git_commit()]]
        software += [[name, version] for name, version in library_versions().items()]
        s = self.standard
        parts = [
            f"<h3>{self.t('parameters')}</h3>",
            table(["", ""], params, cls="report-table small"),
            f"<h3>{self.t('inputs')}</h3>",
            table(
                [self.t("file"), self.t("rows_read"), self.t("sha256_rows")],
                files,
                num_cols=[1],
                cls="report-table small mono",
            ),
            p(self.t("sha256_note"), "note"),
            f"<h3>{self.t('software')}</h3>",
            table(["", ""], software, cls="report-table small"),
            f"<h3>{self.t('standard')}</h3>",
            p(f"{s.id} — {s.legal_basis}"),
        ]
        if self.data.synthetic:
            parts.append(p(self.t("synthetic_note"), "note"))
        return section(self.t("s_provenance"), *parts)

    # --- district: units compared -------------------------------------------------------

    def units_compared(self) -> Section:
        f = self.figures_of(self.year)
        prev = self.figures_of(self.year - 1) if self.year - 1 in self.data.years() else None
        units = f.loc[f["commune"].notna()].copy()
        units = units.sort_values(["poor_rate", "commune"], ascending=[False, True], kind="stable")
        rows = []
        for rank, r in enumerate(units.itertuples(), start=1):
            before = None
            if prev is not None:
                pr = prev.loc[prev["commune"] == r.commune, "poor_rate"]
                before = None if pr.empty else present(pr.iloc[0])
            rate = present(r.poor_rate)
            change = None if before is None or rate is None else round(rate - before, 2)  # type: ignore[operator]
            target = _target(self.data, self.year, r.commune, "poverty_rate_target")
            rows.append(
                [
                    rank if rate is not None else "",  # no rate, no rank
                    r.commune,
                    self.n(r.households),
                    self.n(r.poor),
                    self.pct(r.poor_rate),
                    self.signed(change),
                    self.pct(target),
                    self.verdict(rate, target),
                    self.n(r.near_poor),
                    self.pct(r.near_poor_rate),
                ]
            )
        total = f.iloc[-1]
        rows.append(
            [
                "",
                self.t("district_total"),
                self.n(total["households"]),
                self.n(total["poor"]),
                self.pct(total["poor_rate"]),
                "",
                "",
                "",
                self.n(total["near_poor"]),
                self.pct(total["near_poor_rate"]),
            ]
        )
        header = [
            self.t("rank"),
            self.t("unit"),
            self.t("households"),
            self.t("poor"),
            self.t("rate_pct"),
            self.t("change"),
            self.t("target"),
            self.t("assessment"),
            self.t("near_poor"),
            self.t("rate_pct"),
        ]
        chart = figures.bar_chart(
            list(units["commune"]),
            [0.0 if pd.isna(v) else v for v in units["poor_rate"]],
            lang=self.lang,
            value_fmt=self.pct,
        )
        return section(
            self.t("s_units"),
            *[p(text, "note") for text in self.missing_notes(self.year)],
            table(header, rows, num_cols=[0, 2, 3, 4, 5, 6, 8, 9], total_rows=[len(rows) - 1]),
            p(self.t("units_note"), "note"),
            figure(chart, self.t("units_chart", year=self.year)),
        )

    # --- metadata for the template -------------------------------------------------------

    def metadata(self) -> dict[str, object]:
        """The nbconvert template's title block (see templates/reportkit/README.md)."""
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "header": self.header,
            "lang": self.lang,
            "synthetic": self.data.synthetic,
        }


def present(v: object) -> object:
    """``v``, or None when it is missing (None, NaN, pd.NA): the one test of "no value"
    before a figure is compared or assessed."""
    if v is None:
        return None
    try:
        return None if pd.isna(v) else v  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return v


def _target(data: Dataset, year: int, commune: str | None, column: str) -> float | None:
    """The plan target of a unit (None = the district) in ``year``, if the targets table
    has one."""
    t = data["targets"]
    if t.empty or column not in t.columns:
        return None
    where = t["commune"].isna() if commune is None else t["commune"] == commune
    v = t.loc[(t["year"] == year) & where, column]
    return None if v.empty or pd.isna(v.iloc[0]) else float(v.iloc[0])


def _date(v: object, lang: Lang) -> str:
    """Dates as officials write them: 16/05/2023 in Vietnamese, ISO 2023-05-16 in English."""
    if v is None or pd.isna(v):
        return ""
    return pd.Timestamp(v).strftime("%d/%m/%Y" if lang == "vi" else "%Y-%m-%d")  # type: ignore[arg-type]


def _wrap(text: str, width: int = 12) -> str:
    """Chart tick labels on two lines when long."""
    if len(text) <= width or " " not in text:
        return text
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "\n".join(lines)

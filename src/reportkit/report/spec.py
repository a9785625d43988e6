"""A resolved report: its unit, year, language and data, and the helpers every section
uses (wording, number formats, "the unit's row or the district's", the self-checked
figures, verdicts).

Each section lives in its own module of this package, takes a :class:`Report` and returns
a :class:`~reportkit.report.document.Part`; :mod:`.annual` puts them together as the
annual report the notebooks' cells call (:func:`~reportkit.report.annual.open_report`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from reportkit import domain
from reportkit.core.numfmt import Lang, fmt_dec, fmt_int
from reportkit.data import registry
from reportkit.data.prepare import Dataset
from reportkit.figures import indicators, lineage
from reportkit.report import selfcheck
from reportkit.report.document import Node, note
from reportkit.report.labels import LABELS, label

UNIT_KINDS_LISTED = ("xã", "phường", "thị trấn", "đặc khu")
"""The order in which documents list the kinds of commune-level units ("các xã, thị trấn")."""


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
        """The label ``key`` in the report's language; ``{area_name}``, ``{area_kind}``
        and ``{Area_kind}`` name the report year's area ("huyện" / "district"),
        ``{unit_kinds}`` the kinds of the units it compares ("xã, thị trấn")."""
        return label(key, self.lang, **{**self.area_words, **values})

    @property
    def area(self) -> registry.Area | None:
        """The area reported on in the report's year (the unit's parent; None: none named)."""
        return registry.area_for(self.year)

    @property
    def area_words(self) -> dict[str, str]:
        if "area_words" not in self._cache:
            a = self.area
            kind = label("area_kind_" + a.kind, self.lang) if a is not None else ""
            kinds = {u.kind for u in indicators.participating(self.data, self.year)}
            self._cache["area_words"] = {
                "area_name": a.name if a is not None else "",
                "area_kind": kind,
                "Area_kind": kind[:1].upper() + kind[1:],
                "unit_kinds": ", ".join(k for k in UNIT_KINDS_LISTED if k in kinds) or "xã",
            }
        return self._cache["area_words"]  # type: ignore[return-value]

    def n(self, v: object) -> str:
        return fmt_int(None if v is None or pd.isna(v) else v, self.lang)  # type: ignore[arg-type]

    def numbers(self, row: pd.Series, columns: Iterable[str]) -> dict[str, str]:
        """``row``'s whole numbers in ``columns`` (:meth:`n`) by column name: the values of
        a sentence whose placeholders are named after the figures' columns."""
        return {c: self.n(row[c]) for c in columns}

    def pct(self, v: object) -> str:
        return fmt_dec(None if v is None or pd.isna(v) else v, 2, self.lang)  # type: ignore[arg-type]

    def mvnd(self, vnd: object) -> str:
        """Đồng in millions with three decimals, i.e. to the thousand đồng (104.052.000 đồng
        → 104,052), the unit of the programme's tables: amounts in whole thousands print
        exactly, so the parts of a table add up to its total as printed."""
        if vnd is None or pd.isna(vnd):
            return fmt_dec(None, 3, self.lang)
        return fmt_dec(float(vnd) / 1_000_000, 3, self.lang)  # type: ignore[arg-type]

    @staticmethod
    def thousand(vnd: object) -> int:
        """An amount rounded to the thousand đồng it is printed with (missing = 0)."""
        if vnd is None or pd.isna(vnd):  # type: ignore[arg-type]
            return 0
        return int(round(float(vnd) / 1000)) * 1000  # type: ignore[arg-type]

    def t_pair(self, key: str) -> tuple[str, str]:
        """A label in both languages (for sentence builders that pick one)."""
        return LABELS[key]

    @property
    def commune(self) -> str | None:
        return self.unit.name if self.unit else None

    @property
    def place(self) -> str:
        if self.unit is None:
            return self.area_words["area_name"]
        return f"{self.t('unit_kind_' + self.unit.kind)} {self.unit.name}"

    @property
    def place_name(self) -> str:
        """The unit as a sentence names it: "xã Tân Lập", "tỉnh Lâm Đồng"."""
        if self.unit is None:
            return self.t("district_place")
        kind = self.t("unit_kind_" + self.unit.kind)
        return f"{kind[0].lower()}{kind[1:]} {self.unit.name}" if self.lang == "vi" else self.place

    @property
    def programme(self) -> domain.Programme | None:
        """The national target programme of the report's period (its decision and targets
        apply to that period's reviews only)."""
        return domain.programme_for_year(self.year)

    @property
    def programme_running(self) -> bool:
        """Whether the programme had project lines in the report's year (Decision
        90/QĐ-TTg of 18 January 2022: from 2022)."""
        p = self.programme
        return p is not None and self.year >= p.first_budget_year

    @property
    def standard(self) -> domain.Standard:
        return domain.standard_for_year(self.year)

    @property
    def baseline(self) -> bool:
        """Whether this is the first review under its standard: the period's baseline (số
        liệu đầu kỳ), compared with no earlier year."""
        return domain.first_review_of_standard(self.year)

    def comparable(self, year: int) -> bool:
        """Whether ``year``'s figures may be compared with the report year's (a change
        computed or judged): only under the same poverty standard."""
        return domain.same_standard(year, self.year)

    @property
    def title(self) -> str:
        if self.unit is None:
            return self.t("district_title", year=self.year)
        return self.t("commune_title", year=self.year, unit=self.place)

    @property
    def standard_sentence(self) -> str:
        """Which poverty standard the report applied, its legal basis and the income line
        of the unit's area (both lines for the district). Where a part of the standard or
        the unit's area is unverified, the reader is told it follows the guidance in force
        ("theo hướng dẫn hiện hành"); the caveat itself is an internal note
        (:attr:`internal_notes`), never in the signed text."""
        s = self.standard
        key = "standard_sentence_guidance" if self.internal_notes else "standard_sentence"
        text = self.t(key, year=self.year, standard=s.id, basis=s.legal_basis)
        areas = ("rural", "urban") if self.unit is None else (self.unit.area,)
        lines = "; ".join(
            self.t(f"line_{a}", line=self.n(s.lines(a).poverty_line))  # type: ignore[arg-type]
            for a in areas
        )
        return text + " " + self.t("lines_applied", lines=lines)

    @property
    def internal_notes(self) -> list[str]:
        """What the report applied that is unverified (configurable): for the analyst's
        technical information and internal workbook, not for the signed document."""
        s = self.standard
        notes = []
        if self.unit is not None and not self.unit.area_verified:
            preds = ", ".join(self.unit.predecessors)
            line_area = {"rural": ("nông thôn", "rural"), "urban": ("thành thị", "urban")}
            words = line_area[self.unit.area][self.lang == "en"]
            notes.append(self.t("area_unverified", predecessors=preds, line_area=words))
        notes += [self.t(f"unverified_{part}", basis=s.legal_basis) for part in s.unverified]
        p = self.programme
        if p is not None:
            notes += [self.t(f"unverified_programme_{part}", period=p.id) for part in p.unverified]
        return notes

    @property
    def slug(self) -> str:
        return self.unit.slug if self.unit else (self.area.slug if self.area else "area")

    def figures_of(self, year: int) -> pd.DataFrame:
        key = f"hf{year}"
        if key not in self._cache:
            self._cache[key] = indicators.household_figures(self.data, year)
        return self._cache[key]  # type: ignore[return-value]

    def villages(self) -> pd.DataFrame:
        """This commune's figures per village in the report's year (computed once per
        report: the situation, Appendix 1 and the self-check read them)."""
        if "villages" not in self._cache:
            self._cache["villages"] = indicators.village_summary(
                self.data,
                self.year,
                self.commune,  # type: ignore[arg-type]
            )
        return self._cache["villages"]  # type: ignore[return-value]

    def em_figures_of(self, year: int) -> pd.DataFrame:
        """Ethnic-minority household figures of ``year`` (computed once per report)."""
        key = f"em{year}"
        if key not in self._cache:
            self._cache[key] = indicators.subgroup_figures(self.data, year, "ethnic_minority")
        return self._cache[key]  # type: ignore[return-value]

    def row_of(self, year: int) -> pd.Series | None:
        """This unit's (or the district total's) household figures in ``year``; for a
        year before a successor commune existed, the sum over its lineage (its
        ``predecessors`` column names the units summed)."""
        if year not in self.data.years():
            return None
        key = f"row{year}"
        if key not in self._cache:
            row = self._raw_row(year)
            self._cache[key] = None if row is None else self._checked(row, year)
        return self._cache[key]  # type: ignore[return-value]

    def _checked(self, row: pd.Series, year: int, em: bool = False) -> pd.Series:
        """``row`` after the self-check of its identities: what breaks one is blanked
        (printed "–") and recorded (:attr:`failures`). ``em``: an ethnic-minority row
        (its flow only; its rate is checked by :meth:`em_poverty`)."""
        failures = selfcheck.row_failures(row, self.commune, year)
        if em:
            failures = [replace(f, identity="flow_em") for f in failures if f.identity == "flow"]
        self._record(failures)
        return selfcheck.withhold(row, failures)

    def _record(self, failures: list[selfcheck.Failure]) -> None:
        known: list[selfcheck.Failure] = self._cache.setdefault("failures", [])  # type: ignore[assignment]
        known += [f for f in failures if f not in known]

    @property
    def failures(self) -> list[selfcheck.Failure]:
        """The identities this report's figures break (see :mod:`.selfcheck`), after
        :meth:`self_check` or the sections have read them."""
        return list(self._cache.get("failures", []))  # type: ignore[call-overload]

    def self_check(self) -> list[selfcheck.Failure]:
        """Verify every identity of the report's year before printing: the unit's row and
        last year's, the ethnic-minority rows and rates, and the villages (commune) or
        units (area) adding up to it. Returns the failures (none on sound data)."""
        if "checked" in self._cache:
            return self.failures
        for y in (self.year - 1, self.year):
            self.row_of(y)
            self.em_row_of(y)
            self.em_poverty(y)
        row = self.row_of(self.year)
        if row is not None and self.has_households(self.year):
            if self.unit is not None:
                parts = self.villages()
                columns = ("reviewed", "poor", "near_poor", *selfcheck.TRANSITIONS)
                identity = "villages"
            else:
                f = self.figures_of(self.year)
                parts = f.loc[f["commune"].notna()]
                columns = tuple(indicators.COUNT_COLUMNS)
                identity = "units"
            raw = self._raw_row(self.year)
            if raw is not None:
                self._record(
                    selfcheck.parts_add_up(parts, raw, columns, self.commune, self.year, identity)
                )
        self._cache["checked"] = True
        return self.failures

    def _raw_row(self, year: int) -> pd.Series | None:
        """The unit's row as computed, before any figure was withheld."""
        if self.unit is not None and not self.unit.valid_in(year):
            return lineage.unit_row(self.data, self.unit, year)
        if self.unit is None and not self._same_area(year):
            return lineage.area_row(self.data, self.year, year)
        f = self.figures_of(year)
        sel = f["commune"].isna() if self.unit is None else f["commune"] == self.commune
        return f.loc[sel].iloc[0] if sel.any() else None

    def parts_in(self, year: int) -> tuple[str, ...]:
        """The units whose rows make up this unit's area in ``year`` (itself, or for a
        year before a successor existed its predecessors); () for the district."""
        if self.unit is None:
            return ()
        return tuple(u.name for u in registry.lineage_in(self.unit, year))

    def em_row_of(self, year: int) -> pd.Series | None:
        """Ethnic-minority figures of this unit (its lineage before it existed) or of
        the district in ``year``; None without such a year."""
        if year not in self.data.years():
            return None
        key = f"em_row{year}"
        if key not in self._cache:
            row = self._em_raw_row(year)
            self._cache[key] = None if row is None else self._checked(row, year, em=True)
        return self._cache[key]  # type: ignore[return-value]

    def _same_area(self, year: int) -> bool:
        """Whether ``year``'s area is the report year's (else its land is followed)."""
        return registry.area_for(year) == self.area

    def _em_raw_row(self, year: int) -> pd.Series | None:
        if self.unit is None and not self._same_area(year):
            units = lineage.area_parts(self.data, self.year, year)
            if not units:
                return None
            frame = indicators.subgroup_figures(self.data, year, "ethnic_minority", units)
            return frame.drop(columns="commune").sum(skipna=False).astype("Int64")
        em = self.em_figures_of(year)
        if self.unit is None:
            sel = em["commune"].isna()
            return em.loc[sel].iloc[0] if sel.any() else None
        parts = self.parts_in(year)
        if parts == (self.commune,):
            return em.loc[em["commune"] == self.commune].iloc[0]
        units = tuple(registry.lineage_in(self.unit, year))
        frame = indicators.subgroup_figures(self.data, year, "ethnic_minority", units)
        return frame.drop(columns="commune").sum(skipna=False).astype("Int64")

    def has_households(self, year: int) -> bool:
        """Whether this unit (every unit, for the district) has household rows in ``year``."""
        row = self.row_of(year)
        return row is not None and present(row["reviewed"]) is not None

    def target(self, year: int, column: str) -> float | None:
        """This unit's (or the district's) plan target in ``year``, if the data has one."""
        return _target(self.data, year, self.commune, column)

    def target_of(self, commune: str | None, column: str) -> float | None:
        """Another unit's plan target in the report's year (the district's units)."""
        return _target(self.data, self.year, commune, column)

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
        place = self.place if self.unit is not None else self.t("district_place")
        notes = []
        if year == self.year and self.self_check():
            names = ", ".join(
                dict.fromkeys(self.t(f"identity_{f.identity}") for f in self.failures)
            )
            notes.append(self.t("withheld_note", identities=names))
        if self.unit is None and present(row["missing_units"]):
            units = ", ".join(str(row["missing_units"]).split(";"))
            notes.append(self.t("missing_units_note", year=year, units=units))
        missing = str(present(row["missing_tables"]) or "").split(";")
        if "households" in missing:
            notes.append(self.t("missing_households_note", year=year, place=place))
        elif "population" in missing:
            key = (
                "population_below_reviewed_note"
                if self._left_out(year, "population_below_reviewed")
                else "missing_population_note"
            )
            notes.append(self.t(key, year=year, place=place))
        return notes

    def _left_out(self, year: int, check: str) -> bool:
        """Whether the validation left a row of this unit (the district: any unit) out of
        ``year``'s figures for ``check``."""
        v = self.data.validation
        if v.empty:
            return False
        sel = (v["check"] == check) & (v["year"] == year)
        if self.unit is not None:
            sel &= v["commune"] == self.commune
        return bool(sel.any())

    def signed(self, v: float | None, digits: int = 2) -> str:
        if v is None or pd.isna(v):
            return fmt_dec(None, digits, self.lang)
        text = fmt_dec(abs(v), digits, self.lang)
        return ("+" if v > 0 else "−" if v < 0 else "") + text

    def missing_table_note(self, name: str) -> list[Node]:
        """A note when the input has no ``name`` table at all (else nothing): decided by
        the files read (the prepared data's counts), so a report made from one unit's rows
        says the same as one made from all."""
        counts = self.data.counts.get(name)
        absent = counts.files == 0 if counts is not None else self.data[name].empty
        return [note(self.t("table_missing", table=name))] if absent else []

    def budget_lines(self) -> pd.DataFrame:
        """Budget lines of the year: every line for the district, the unit's otherwise."""
        if self.data["budget"].empty:
            return pd.DataFrame(columns=["commune", "project", "allocated_vnd", "disbursed_vnd"])
        b = indicators.budget_figures(self.data, self.year)
        return b if self.unit is None else b.loc[b["commune"] == self.commune]

    def em_poverty(self, year: int) -> EthnicMinorityRate | None:
        """Poor ethnic-minority households, the unit's resident ethnic-minority households
        (population table: the denominator) and their rate in ``year``; None when the data
        has no such year or no ethnic-minority household counts."""
        pop = self.data["population"]
        if "ethnic_minority_households" not in pop.columns or year not in self.data.years():
            return None
        prow = pop.loc[pop["year"] == year]
        names = self.parts_in(year) or [u.name for u in registry.units_in_year(year)]
        prow = prow.loc[prow["commune"].isin(names)]
        total = prow["ethnic_minority_households"].sum(min_count=1)
        households = None if pd.isna(total) else int(total)
        em = self.em_row_of(year)
        # No household data: no count and no rate, whatever the subgroup table says.
        count = None if em is None or not self.has_households(year) else present(em["poor"])
        count = None if count is None else int(count)  # type: ignore[call-overload]
        rate = indicators.percent(count, households)
        failures = selfcheck.em_rate(count, households, rate, self.commune, year)
        self._record(failures)
        return EthnicMinorityRate(count, households, None if failures else rate)


@dataclass(frozen=True)
class EthnicMinorityRate:
    """Poor ethnic-minority households, their denominator and the rate (percent)."""

    poor: int | None
    households: int | None
    rate: float | None


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

"""What made the report: parameters, input rows, software, standard. Shown on screen
(the HTML) only, never printed: the signed document carries no hashes, versions or paths;
manifest.json keeps them too."""

from __future__ import annotations

from reportkit import domain
from reportkit.core.provenance import body_font, git_commit, library_versions
from reportkit.report.document import Heading, Part, block, para, part, table
from reportkit.report.spec import Report


def provenance(rpt: Report) -> Part:
    params = [
        ["commune", rpt.commune or ""],
        ["year", str(rpt.year)],
        ["data_dir", rpt.data_dir.as_posix()],
        ["lang", rpt.lang],
    ]
    _, read = rpt.data.fingerprint(rpt.year, rpt.commune)
    files = [[name, rpt.n(rows), sha] for name, rows, sha in read]
    software = [[rpt.t("git_commit"), git_commit()]]
    software += [[name, version] for name, version in library_versions().items()]
    font = body_font()
    software.append([rpt.t("font"), font if font == "Liberation Serif" else rpt.t("font_fallback")])
    s = rpt.standard
    parts = [
        Heading(rpt.t("parameters"), 3),
        table(["", ""], params, small=True),
        Heading(rpt.t("inputs"), 3),
        table(
            [rpt.t("file"), rpt.t("rows_read"), rpt.t("sha256_rows")],
            files,
            num_cols=[1],
            small=True,
        ),
        para(rpt.t("sha256_note"), style="note"),
        Heading(rpt.t("software"), 3),
        table(["", ""], software, small=True),
        Heading(rpt.t("standard"), 3),
        para(f"{s.id} — {s.legal_basis}"),
        *[para(text, style="note") for text in rpt.internal_notes],
    ]
    if any(not p.get("verified", True) for p in domain.projects().values()):
        parts.append(para(rpt.t("unverified_note"), style="note"))
    if rpt.data.synthetic:
        parts.append(para(rpt.t("synthetic_note"), style="note"))
    # Screen only: hashes, versions and paths never reach the printed, signed document.
    return part(block(rpt.t("s_provenance"), *parts, screen_only=True))

"""The parts officials write: II.1 direction, administration and communication; III the
overall assessment (strengths, shortcomings, causes, lessons); IV next year's direction
and tasks; V proposals to higher levels. Their words come from the commentary table
(:mod:`.commentary`); a part without them shows a visible fill-in mark."""

from __future__ import annotations

from reportkit.report.commentary import commentary
from reportkit.report.document import Heading, Part, block, part
from reportkit.report.spec import Report


def direction(rpt: Report) -> Part:
    """Opens part II with its first subsection."""
    sub = block(rpt.t("s_direction"), *commentary(rpt, "direction"), level=3)
    return part(block(rpt.t("s_results"), sub))


def assessment(rpt: Report) -> Part:
    causes = block(
        rpt.t("s_causes"),
        Heading(rpt.t("s_causes_objective"), 4),
        *commentary(rpt, "causes_objective"),
        Heading(rpt.t("s_causes_subjective"), 4),
        *commentary(rpt, "causes_subjective"),
        level=3,
    )
    return part(
        block(
            rpt.t("s_assessment"),
            block(rpt.t("s_strengths"), *commentary(rpt, "strengths"), level=3),
            block(rpt.t("s_shortcomings"), *commentary(rpt, "shortcomings"), level=3),
            causes,
            block(rpt.t("s_lessons"), *commentary(rpt, "lessons"), level=3),
        )
    )


def next_year(rpt: Report) -> Part:
    return part(block(rpt.t("s_next_year", year=rpt.year + 1), *commentary(rpt, "next_year")))


def proposals(rpt: Report) -> Part:
    return part(block(rpt.t("s_proposals"), *commentary(rpt, "proposals")))

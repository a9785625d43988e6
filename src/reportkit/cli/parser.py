"""The command line's grammar: its commands and their options."""

from __future__ import annotations

import argparse

from reportkit import __version__
from reportkit.cli import commands
from reportkit.cli.options import (
    PROCESSED_DEFAULT,
    SUMMARY_TABLES,
    area_arg,
    path_arg,
    processed_arg,
    raw_arg,
    rendering_options,
    seconds,
    workers,
)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reportkit",
        description="Evaluation reports of the sustainable poverty-reduction programme "
        "of any commune of Vietnam and its area (the district up to 2024, the province "
        "since): clean the raw tables, compute the official figures, render the reports.",
    )
    p.add_argument("--version", action="version", version=f"reportkit {__version__}")
    sub = p.add_subparsers(title="commands", metavar="COMMAND")

    pr = sub.add_parser(
        "prepare",
        help="clean and validate data/raw into data/processed",
        description="Read every table of the raw folder, clean and validate it, classify "
        "households, and write Parquet tables plus validation.csv to the processed folder. "
        "Prints rows read, kept, rejected and warnings per table. Exit 0 unless a required "
        "table cannot be read at all.",
    )
    raw_arg(pr)
    area_arg(pr)
    path_arg(
        pr,
        "--processed",
        None,
        "DIR",
        "where to write processed tables (default: the folder 'processed' beside the raw "
        "folder: data/raw → data/processed)",
    )

    sm = sub.add_parser(
        "summary",
        help="print or write the official figures of one review year",
        description="The official figures of one review year per unit and for their area. "
        "Without --raw the processed data is used (re-prepared first when data/raw changed); "
        "with --raw that folder is read and cleaned directly, in memory, unless --processed "
        "is given.",
    )
    sm.add_argument("--year", type=int, required=True, help="review year, e.g. 2023")
    path_arg(sm, "--raw", None, "DIR", "read and clean this raw folder directly")
    processed_arg(
        sm, "with --raw, none (in memory); else as for render and batch: " + PROCESSED_DEFAULT
    )
    sm.add_argument(
        "--table",
        choices=SUMMARY_TABLES,
        default="households",
        help="which figures (default: households: one row per unit reported in the year "
        "with its predecessors and incomplete flags, then the area's total (commune empty); "
        "former_district: the area reported on before 2025, followed by year up to --year)",
    )
    sm.add_argument(
        "--format",
        choices=("json", "csv", "xlsx"),
        default="json",
        help="output format (default: json; xlsx needs --out)",
    )
    path_arg(sm, "--out", None, "FILE", "write to FILE (atomically) instead of printing")

    va = sub.add_parser(
        "validate",
        help="print the validation table (one row per problem)",
        description="Clean and validate the raw folder and print every problem found: file, "
        "row, column, value, severity, message. Exit 0 when no errors, 1 when any row has "
        "an error.",
    )
    raw_arg(va)
    area_arg(va)

    rendering = rendering_options()
    rn = sub.add_parser(
        "render",
        parents=[rendering],
        help="render one report (a unit's or its area's) to HTML, PDF and/or Word",
        description="Execute the report notebook with papermill and render it with the "
        "reportkit nbconvert template to OUT/{year}/{slug}.html and .pdf, and to a Word file "
        "OUT/{year}/{slug}.docx (--to picks the formats; slug: the unit's or the area's ASCII "
        "name, e.g. tan-lap, lam-dong; '-en' appended for English). The executed notebook "
        "is kept in OUT/{year}/notebooks/.",
    )
    who = rn.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--commune", metavar="NAME", help="unit name (any usual spelling) or official code"
    )
    who.add_argument(
        "--district",
        "--area",
        dest="district",
        action="store_true",
        help="the report of the area the data names for that year (district up to 2024, "
        "province since)",
    )
    rn.add_argument("--year", type=int, required=True, help="review year, e.g. 2023")

    bt = sub.add_parser(
        "batch",
        parents=[rendering],
        help="render every unit's report and its area's, for one or more years",
        description="Render the reports of every unit with data in each year and the report "
        "of their area (HTML, PDF and Word by default) in parallel and publish them under OUT: "
        "OUT/{year}/*.html|pdf|docx, manifest.json, "
        "summary.xlsx, reports-{year}.zip, and OUT/index.html. Only reports whose inputs "
        "changed (data, notebook, template, parameters, package) are rendered again; --force "
        "renders all. Exit 1 when any report failed (the others are still rendered); exit "
        "2 when the batch had to stop (an output it cannot write, the timeout): the reports "
        "done so far are kept and listed, and the next run publishes.",
    )
    when = bt.add_mutually_exclusive_group()
    when.add_argument("--year", type=int, help="one review year")
    when.add_argument(
        "--years",
        metavar="Y1-Y2",
        help="years, e.g. 2021-2024 or 2022,2023 (default: every year in the data)",
    )
    bt.add_argument(
        "--communes",
        default="all",
        metavar="all|NAME,...",
        help="'all' (every unit with data, and the area; default) or a comma-separated list "
        "of units and, by its name with its kind, the area ('Hàm Kiệm,tỉnh Lâm Đồng')",
    )
    bt.add_argument(
        "--workers",
        type=workers,
        default=None,
        metavar="N",
        help="local worker processes (default: CPU cores); 0: render in this process, one "
        "report after another (for a few reports, or a debugger; a report that crashes "
        "Python ends the batch)",
    )
    bt.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="send the jobs to a Dask cluster, e.g. tcp://10.0.0.5:8786: its workers get "
        "the data from this process and send each report back, so with the default engine "
        "they need no access to the data or output folders (start them with --nthreads 1)",
    )
    bt.add_argument(
        "--timeout",
        type=seconds,
        default=None,
        metavar="SECONDS",
        help="give up when no report has finished for SECONDS (default: 600) or, with "
        "--scheduler, when no worker has joined the cluster for SECONDS (default: 120; the "
        "batch says that it waits); the reports not rendered are named",
    )
    bt.add_argument("--force", action="store_true", help="render every report again")
    bt.add_argument(
        "--timings",
        action="store_true",
        help="at the end, print where the time went: each stage's mean per report (running "
        "the cells, charts, nbconvert, WeasyPrint, ...) and the batch's own stages",
    )
    for name, command in sub.choices.items():  # each command NAME runs commands.cmd_NAME
        command.set_defaults(func=getattr(commands, f"cmd_{name}"))
    return p

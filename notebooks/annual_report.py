# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown] tags=["remove"]
# # Annual evaluation report (Báo cáo đánh giá năm)
#
# One notebook for a unit's report and for its area's: `commune` names the unit (its name,
# any spelling, or its code); `commune = None` gives the report of the area the unit belongs
# to (the district up to 2024, the province since, as the raw folder's settings name it),
# which compares its units. Set the parameters in the next cell and run all cells.
# `data_dir = None` reads `$REPORTKIT_DATA_DIR`, else the project's `data/raw`, wherever
# the notebook runs. `reportkit render --commune NAME --year Y` (or `--area`) runs this
# notebook with papermill and renders it to HTML, PDF and Word. Every cell is one call
# into the `reportkit` library; all logic lives in `src/reportkit/`. A cell you add shows
# in the reports too (README, "Add your own section").

# %% tags=["parameters"]
commune = None  # a unit of the area; None: the area's report
year = 2023
data_dir = None  # raw data folder; None: $REPORTKIT_DATA_DIR, else the project's data/raw
lang = "vi"
processed_dir = None  # None: beside a data_dir named raw (data/raw → data/processed)

# %%
from reportkit.report import open_report  # noqa: E402

report = open_report(commune, year, data_dir, lang, processed_dir)

# %%
report.head()

# %%
report.situation()

# %%
report.direction()

# %%
report.targets()

# %%
report.review()

# %%
report.projects()

# %%
report.monitoring()

# %%
report.assessment()

# %%
report.next_year()

# %%
report.proposals()

# %%
report.signature()

# %%
report.review_table()

# %%
report.budget_table()

# %% tags=["remove"]
# Internal: shown here for the analyst, never in the signed HTML, PDF or Word file.
report.data_quality()

# %%
report.technical()

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
# # District evaluation report (Báo cáo đánh giá cấp huyện)
#
# Compares the 13 units of the district for one review year. Set the parameters in the
# next cell and run all cells (`data_dir = None` reads `$REPORTKIT_DATA_DIR`, else the
# project's `data/raw`, wherever the notebook runs); `reportkit render --district --year Y`
# renders it.

# %% tags=["parameters"]
year = 2023
data_dir = None  # raw data folder; None: $REPORTKIT_DATA_DIR, else the project's data/raw
lang = "vi"
processed_dir = None  # None: beside a data_dir named raw (data/raw → data/processed)

# %%
from reportkit.report import open_report  # noqa: E402

report = open_report(None, year, data_dir, lang, processed_dir)

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

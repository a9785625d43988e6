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
# next cell and run all cells; `reportkit render --district --year Y` renders it.

# %% tags=["parameters"]
year = 2023
data_dir = "../data/raw"
lang = "vi"
processed_dir = None

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

# %%
report.data_quality()

# %%
report.technical()

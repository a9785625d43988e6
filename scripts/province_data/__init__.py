"""Generator of a SYNTHETIC raw folder for a fictional province (Dữ liệu minh họa), for the
benchmarks and tests of "any commune, any province" (issue 16).

``python -m scripts.province_data OUT --communes 124 --years 2025,2026 --seed N`` writes
the tables of the data contract for a province that does not exist — names built from
syllables that name no unit of Vietnam, codes from 90001 that the national registry lacks —
with a units table declaring its communes (about a fifth phường) and settings naming the
province as the area. Each commune has 3,000–5,000 resident households, 15–20 % of them on
the review list; the lists are a household panel across the years (stable ids, escapes, new
poor) following the demo's status rules for 2025 and 2026.

Built on the demo generator ``scripts/demo_data`` (its panel simulator, recording errors,
table helpers and writers are imported, not copied). The parts: ``units`` (the province,
its communes and the units table), ``simulate`` (the households), ``programme`` (budget and
trainings), ``tables`` (population, monitoring, targets, commentary, settings), ``checks``
(the self-check), ``build`` (everything in order), ``write`` (the files and README.md),
``summary`` and ``__main__``. The same seed and arguments give byte-identical files (for
given numpy and pandas versions).
"""

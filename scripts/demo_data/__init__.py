"""Generator of the committed SYNTHETIC demo data in ``data/raw/`` (Dữ liệu minh họa).

Nothing produced here is real statistics. Households, names, incomes and indicators are
simulated; only a handful of district-level 2023 figures (budget of Project 7, the three
training events, the 13 supervised and 3 inspected units, the six findings) are taken from
the district's published 2023 monitoring, as described in ``data/raw/README.md``.

Review years 2021–2024: the 13 units of Hàm Thuận Nam district, plus the history of the two
units from outside it whose areas joined successor communes (Sông Phan, Tiến Lợi). Review
years 2025–2026: the six successor communes of Lâm Đồng province (Resolution
1671/NQ-UBTVQH15), continuing their predecessors' households with the same ids; 2025 under
the Decree 07/2021 lines, 2026 under the Decree 351/2025 lines — all as the registry in
``src/reportkit/domain.toml`` says. New content draws from its own random streams (spawn
keys 10–19), so the 2021–2024 rows of the 13 units never change.

The parts, by job: ``registry`` (seed, years, units and successors, the status rule),
``names`` and ``panel`` (a unit's simulated households), ``merger`` (the successors'
panels), ``messiness`` (the deliberate errors and a commune's own way of writing a list),
``households``, ``programme``, ``tables`` and ``commentary`` (the tables), ``checks`` (the
self-check), ``build`` (everything in order), ``write`` (the files), ``summary`` and
``__main__``. Run ``python scripts/make_demo_data.py`` from the repository root; the output
is byte-for-byte deterministic for a given seed and library versions, and is committed so
that reports never depend on a library's random streams.
"""

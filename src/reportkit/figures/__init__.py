"""Processed → numbers. In: a :class:`~reportkit.data.prepare.Dataset`; out: the official
figures as frames — per unit and area (:mod:`.indicators`), the review's transitions
(:mod:`.transitions`), series across the 2025 merger (:mod:`.lineage`) and a new
standard's start recomputed (:mod:`.reclassify`). Nothing here formats or prints.
"""

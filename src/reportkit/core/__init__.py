"""Foundations every layer may use. In: nothing of reportkit; out: errors users can cause
(:mod:`.errors`), paths (:mod:`.locations`), atomic writes, stage timings, Vietnamese text
and number formats, reproducible zip and Excel bytes, the software's versions.
"""

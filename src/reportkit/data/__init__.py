"""Raw → processed. In: the raw folder's tables, however messy (data/raw, never written);
out: a validated :class:`~.prepare.Dataset` (data/processed, Parquet) and its validation
table, one row per problem.

Recipe (:func:`~.prepare.prepare`): find the files (:mod:`.sources`) → read them
(:mod:`.read`) → clean each table (:mod:`.clean`, units matched by :mod:`.units`) → date
units across the 2025 reform (:mod:`.crosswalk`) → validate (:mod:`.validate`) → classify
by the rules (:mod:`.classify`) → write. :mod:`.datasource` opens the prepared data once.
"""

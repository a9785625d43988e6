"""Running reports. In: report parameters (unit, year, language, formats) and the raw
folder; out: files in outputs/ — one report (:mod:`.render`: papermill through
:mod:`.engine`/:mod:`.execute`, then HTML, PDF, Word), or many (:mod:`.batch`: plan,
executors, the output folder's lock, publishing: manifests, summary, :mod:`.index`, zip).
"""

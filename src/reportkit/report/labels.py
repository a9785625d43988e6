"""Words of the reports in Vietnamese (default) and English, read from ``labels.toml``
beside this module: the one table of the reports' wording, data like the rules.

``label(key, lang)`` looks a key up; ``{placeholders}`` are filled by str.format.
"""

from __future__ import annotations

import tomllib
from importlib import resources

from reportkit.core.numfmt import Lang


def _load() -> dict[str, tuple[str, str]]:
    text = resources.files("reportkit.report").joinpath("labels.toml").read_bytes()
    return {k: (v["vi"], v["en"]) for k, v in tomllib.loads(text.decode("utf-8")).items()}


LABELS: dict[str, tuple[str, str]] = _load()
"""Key → (Vietnamese, English)."""


def label(key: str, lang: Lang, **values: object) -> str:
    vi, en = LABELS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text

"""A registry as JSON, stored beside the processed data (registry.json) so that loading the
processed copy gives the very units the data was cleaned against."""

from __future__ import annotations

import dataclasses
import json

from reportkit.data.registry.model import Area, Registry
from reportkit.domain import Unit

_TUPLES = ("codes", "predecessors")


def registry_to_json(reg: Registry) -> str:
    doc = {
        "areas": [dataclasses.asdict(a) for a in reg.areas],
        "units": [dataclasses.asdict(u) for u in reg.units],
        "villages": reg.villages,
        "neighbours": reg.neighbours,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def registry_from_json(text: str) -> Registry:
    doc = json.loads(text)
    units = tuple(
        Unit(**{k: tuple(v) if k in _TUPLES else v for k, v in u.items()}) for u in doc["units"]
    )
    return Registry(
        units=units,
        areas=tuple(Area(**a) for a in doc["areas"]),
        villages=doc["villages"],
        neighbours=doc["neighbours"],
    )

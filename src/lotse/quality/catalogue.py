"""Read the starter catalogue file (`lotse/data/quality/catalogue.yaml`)."""

from pathlib import Path

import yaml

CATALOGUE_FILE = Path(__file__).resolve().parent.parent / "data" / "quality" / "catalogue.yaml"
AREA_KEYS = [
    "access", "process", "recognition", "referral", "data_protection", "intercultural",
    "language", "accessibility", "evaluation",
]  # fmt: skip


def read_catalogue(path: Path = CATALOGUE_FILE) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    keys = [area["key"] for area in data["areas"]]
    if keys != AREA_KEYS:
        raise ValueError(f"{path.name}: areas must be {AREA_KEYS}, got {keys}")
    criteria = [c["key"] for area in data["areas"] for c in area["criteria"]]
    if len(criteria) != len(set(criteria)):
        raise ValueError(f"{path.name}: criterion keys must be unique")
    return data

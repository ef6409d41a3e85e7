"""Read and validate the directory files (districts, Welcome Centers, counselling centres)."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from lotse.core.datafiles import (
    Problem,
    check_sourced,
    entries,
    need,
    read_yaml,
    unique,
    where,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
KINDS = {"counselling", "welcome_center", "partner"}
SERVICES = {
    "recognition",
    "qualification",
    "job_search",
    "employer_advice",
    "residence_law",
    "language",
}
MODES = {"in_person", "phone", "video", "email"}
LANG_RE = re.compile(r"^[a-z]{2,3}$")


@dataclass
class DirectoryData:
    regions: list[dict] = field(default_factory=list)
    districts: list[dict] = field(default_factory=list)
    centres: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_directory(root: Path = DATA_DIR) -> DirectoryData:
    data = DirectoryData()
    doc = read_yaml(root / "districts.yaml", root, data.problems)
    data.regions = entries(doc, "regions", "districts.yaml", data.problems)
    data.districts = entries(doc, "districts", "districts.yaml", data.problems)
    for path in sorted((root / "directory").glob("*.yaml")):
        rel = str(path.relative_to(root))
        data.centres += entries(read_yaml(path, root, data.problems), "centres", rel, data.problems)
    _validate(data)
    return data


def _validate(data: DirectoryData) -> None:
    problems = data.problems
    region_keys = unique(data.regions, "key", problems, "region key")
    codes = unique(data.districts, "code", problems, "district key")
    for item in data.districts:
        if item.get("region") not in region_keys:
            problems.append(Problem(*where(item), f"district '{item.get('code')}': unknown region"))
    unique(data.centres, "key", problems, "centre key")
    for item in data.centres:
        what = f"centre '{item.get('key')}'"
        need(item, ["key", "kind", "name", "districts"], problems, what)
        check_sourced(item, problems, what)
        if item.get("kind") not in KINDS:
            problems.append(Problem(*where(item), f"{what}: unknown kind '{item.get('kind')}'"))
        for name, allowed in (("services", SERVICES), ("modes", MODES)):
            unknown = sorted(set(item.get(name) or []) - allowed)
            if unknown:
                problems.append(Problem(*where(item), f"{what}: unknown {name} {unknown}"))
        bad_districts = sorted(set(item.get("districts") or []) - codes)
        if bad_districts:
            problems.append(Problem(*where(item), f"{what}: unknown districts {bad_districts}"))
        bad_langs = [lang for lang in item.get("languages") or [] if not LANG_RE.match(str(lang))]
        if bad_langs:
            problems.append(
                Problem(*where(item), f"{what}: languages must be ISO codes, got {bad_langs}")
            )

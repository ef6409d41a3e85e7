"""Reading reviewable YAML data files with line numbers, for loaders that report problems
as `file:line: message` before anything is written."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

LINE = "__line__"
FILE = "__file__"


class LineLoader(yaml.SafeLoader):
    """A safe YAML loader that remembers the line of every mapping."""


def _mapping_with_line(loader: LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def strip_lines(value: Any) -> Any:
    """The data without the bookkeeping keys added while reading."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k not in (LINE, FILE)}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


def read_yaml(path: Path, root: Path, problems: list[Problem]) -> Any:
    rel = str(path.relative_to(root))
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader)  # noqa: S506
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = (mark.line + 1) if mark else 0
        problems.append(Problem(rel, line, f"not valid YAML: {error}"))
        return None


def entries(doc: Any, key: str, rel: str, problems: list[Problem]) -> list[dict]:
    """The mappings listed under `key`, each tagged with its file."""
    if doc is None:
        return []
    items = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(items, list):
        problems.append(Problem(rel, 1, f"expected a list under '{key}'"))
        return []
    result = []
    for item in items:
        if isinstance(item, dict):
            item[FILE] = rel
            result.append(item)
        else:
            problems.append(Problem(rel, 1, f"an entry under '{key}' is not a mapping"))
    return result


def where(item: dict) -> tuple[str, int]:
    return item.get(FILE, "?"), item.get(LINE, 0)


def check_sourced(item: dict, problems: list[Problem], what: str) -> None:
    """Every fact needs at least one source URL and a "checked on" date."""
    sources = item.get("sources")
    if not sources or not all(isinstance(s, str) and s.startswith("http") for s in sources):
        problems.append(Problem(*where(item), f"{what}: needs at least one source URL"))
    if not isinstance(item.get("checked_on"), dt.date):
        problems.append(Problem(*where(item), f"{what}: 'checked_on' must be a date"))


def unique(items: list[dict], key: str, problems: list[Problem], what: str) -> set[str]:
    seen: dict[str, tuple[str, int]] = {}
    for item in items:
        value = item.get(key)
        if value in seen:
            first = seen[value]
            problems.append(
                Problem(
                    *where(item), f"duplicate {what} '{value}' (first at {first[0]}:{first[1]})"
                )
            )
        elif value:
            seen[value] = where(item)
    return set(seen)


def need(item: dict, names: list[str], problems: list[Problem], what: str) -> None:
    for name in names:
        if item.get(name) in (None, "", []):
            problems.append(Problem(*where(item), f"{what}: '{name}' is missing"))

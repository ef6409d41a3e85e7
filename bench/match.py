"""Benchmark of the occupation matcher against two baselines, on the evaluation set.

    .venv/bin/python bench/match.py [--eval bench/data/match_eval.csv] [--repeat 3]

Loads the shipped reference data into a throw-away SQLite database, builds the matcher's index,
and prints per language and overall: top-1 and top-5 accuracy, and the latency per query
(median, p95, p99, in-process, pinned to one core) — for the matcher and, measured in the same
run, for fuzzy matching on German titles only and for SQLite FTS5 over all labels. It also
prints the memory the index takes (tracemalloc) and the time to build it.

The evaluation set was written independently of the label files (see docs/occupations.md).
"""

import argparse
import csv
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

from common import percentile, pin_to_one_core, setup_django

ROOT = Path(__file__).resolve().parent.parent


class GermanTitlesBaseline:
    """Fuzzy matching (rapidfuzz WRatio) on the German titles only — the federal portal's way."""

    name = "fuzzy, German titles only"

    def __init__(self, occupations):
        self.keys, self.slugs = [], []
        for o in occupations:
            for title in {o.title_de, o.title_de_f}:
                self.keys.append(title.lower())
                self.slugs.append(o.slug)

    def top(self, query: str, limit: int = 5) -> list[str]:
        from rapidfuzz import fuzz, process

        hits = process.extract(query.lower(), self.keys, scorer=fuzz.WRatio, limit=limit * 3)
        return _dedupe(self.slugs[pos] for _key, _score, pos in hits)[:limit]


class Fts5Baseline:
    """SQLite FTS5 (unicode61, diacritics removed) over all labels and titles, ranked by bm25."""

    name = "SQLite FTS5, all labels"

    def __init__(self, occupations, labels):
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE fts USING fts5(text, slug UNINDEXED, "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        rows = [(o.title_de, o.slug) for o in occupations]
        rows += [(o.title_de_f, o.slug) for o in occupations]
        rows += [(o.title_en, o.slug) for o in occupations]
        rows += labels
        self.db.executemany("INSERT INTO fts(text, slug) VALUES (?, ?)", rows)

    def top(self, query: str, limit: int = 5) -> list[str]:
        tokens = [t for t in re.split(r"\W+", query) if t]
        if not tokens:
            return []
        expression = " OR ".join('"' + t.replace('"', "") + '"' for t in tokens)
        rows = self.db.execute(
            "SELECT slug FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?",
            (expression, limit * 5),
        ).fetchall()
        return _dedupe(slug for (slug,) in rows)[:limit]


def _dedupe(items) -> list[str]:
    return list(dict.fromkeys(items))


def evaluate(name: str, top, rows, repeat: int) -> dict:
    per_lang: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    latencies: list[float] = []
    for query, lang, expected, _kind in rows:
        best = None
        for _ in range(repeat):
            start = time.perf_counter_ns()
            slugs = top(query)
            elapsed = (time.perf_counter_ns() - start) / 1e6
            best = elapsed if best is None else min(best, elapsed)
        latencies.append(best)
        per_lang[lang].append((slugs[:1] == [expected], expected in slugs[:5]))
    return {"name": name, "per_lang": per_lang, "latencies": latencies}


def accuracy(pairs: list[tuple[bool, bool]]) -> tuple[float, float]:
    n = len(pairs)
    return sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval", type=Path, default=ROOT / "bench" / "data" / "match_eval.csv")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the fastest counts")
    parser.add_argument("--misses", action="store_true", help="print the matcher's top-1 misses")
    args = parser.parse_args()

    pin_to_one_core()

    with tempfile.TemporaryDirectory(prefix="lotse-bench-") as var_dir:
        setup_django(var_dir)
        from lotse.occupations import matcher
        from lotse.occupations.models import Label, Occupation

        tracemalloc.start()
        start = time.perf_counter()
        index = matcher.build_index()
        build_seconds = time.perf_counter() - start
        index_bytes, _peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        matcher._state.update(index=index, built=time.monotonic())

        with args.eval.open(encoding="utf-8") as handle:
            rows = [
                (r["query"], r["lang"], r["expected_slug"], r["kind"])
                for r in csv.DictReader(handle)
            ]
        occupations = list(Occupation.objects.all())
        labels = list(Label.objects.values_list("text", "occupation__slug"))

        def lotse_top(query: str) -> list[str]:
            return [r.occupation.slug for r in index.match(query, limit=5).results]

        runs = [
            evaluate("Lotse matcher", lotse_top, rows, args.repeat),
            evaluate(
                GermanTitlesBaseline.name, GermanTitlesBaseline(occupations).top, rows, args.repeat
            ),
            evaluate(Fts5Baseline.name, Fts5Baseline(occupations, labels).top, rows, args.repeat),
        ]

    languages = sorted(
        runs[0]["per_lang"], key=lambda lang: (-len(runs[0]["per_lang"][lang]), lang)
    )
    print(f"Evaluation set: {len(rows)} queries in {len(languages)} languages ({args.eval.name})")
    print(f"Knowledge base: {len(occupations)} occupations, {len(index)} labels in the index")
    memory = f"{index_bytes / 2**20:.1f} MiB (tracemalloc)"
    print(f"Index: built in {build_seconds * 1000:.0f} ms, {memory}")
    print()
    header = f"{'language':<10}{'n':>5}" + "".join(f"{run['name'][:24]:>30}" for run in runs)
    print("Top-1 / top-5 accuracy")
    print(header)
    for lang in [*languages, "overall"]:
        if lang == "overall":
            cells = [sum(run["per_lang"].values(), []) for run in runs]
        else:
            cells = [run["per_lang"][lang] for run in runs]
        text = "".join(f"{a1:>21.3f} / {a5:.3f}" for a1, a5 in (accuracy(c) for c in cells))
        print(f"{lang:<10}{len(cells[0]):>5}{text}")
    print()
    print("Latency per query, in-process, one core (ms)")
    print(f"{'':<25}{'median':>8}{'p95':>10}{'p99':>10}{'max':>10}")
    for run in runs:
        lat = run["latencies"]
        print(
            f"{run['name'][:24]:<25}{statistics.median(lat):>8.3f}{percentile(lat, 95):>10.3f}"
            f"{percentile(lat, 99):>10.3f}{max(lat):>10.3f}"
        )
    if args.misses:
        print()
        print("Matcher top-1 misses (query | lang | expected | got)")
        for query, lang, expected, _kind in rows:
            got = lotse_top(query)
            if got[:1] != [expected]:
                print(f"  {query} | {lang} | {expected} | {', '.join(got[:3])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

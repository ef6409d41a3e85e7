"""Find reference occupations from what people type, in any language and script.

The index is built once per process from the labels in the database (German titles, former
titles and English titles count as labels too) and queried in memory: a query never touches
the database. It is rebuilt when the reference data changes in this process (signals) and
after `LOTSE_MATCHER_TTL` seconds, so other processes pick up changes too.

A query is normalised (normalise.py), cut into its content words (stop words such as
"I am a", "ich habe … studiert", "كنت أعمل" are dropped) and matched phrase by phrase: exact
keys first, then a word-order-insensitive fuzzy comparison (rapidfuzz) in the query's own
script, in Latin transliteration, and on consonant skeletons for transliterated Arabic and
Persian. A match on a shorter phrase than the whole query counts a little less.
"""

import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from rapidfuzz import fuzz, process

from lotse.occupations.models import Label, Occupation
from lotse.occupations.normalise import keys_for, normalise, script_of, to_latin, to_skeleton
from lotse.occupations.stopwords import STOPWORDS

MIN_FUZZY_LENGTH = 4  # shorter words (GP, MTA, PTA) must match exactly
FUZZY_CUTOFF = 72
CONFIDENT_SCORE = 0.8
MAX_PHRASE_WORDS = 3
CANDIDATES = 150
EVIDENCE_BONUS = 8.0
SHORT_KEY = 7


@dataclass(frozen=True)
class OccupationRow:
    slug: str
    title_de: str
    title_de_f: str
    isco08: str
    kldb2010: str
    regulated: bool
    regulation: str
    group: str


@dataclass(frozen=True)
class Entry:
    occupation: int
    label: str
    lang: str


@dataclass
class Result:
    occupation: OccupationRow
    score: float
    matched_label: str
    matched_lang: str

    def as_dict(self) -> dict:
        o = self.occupation
        return {
            "slug": o.slug,
            "title_de": o.title_de,
            "title_de_f": o.title_de_f,
            "isco08": o.isco08,
            "kldb2010": o.kldb2010,
            "regulated": o.regulated,
            "score": round(self.score, 3),
            "matched_label": self.matched_label,
            "matched_lang": self.matched_lang,
        }


@dataclass
class Matches:
    query: str
    results: list[Result]

    @property
    def confident(self) -> bool:
        return bool(self.results) and self.results[0].score >= CONFIDENT_SCORE


def _sorted_words(text: str) -> str:
    """Words in alphabetical order: "engineer civil" and "civil engineer" become one key."""
    return " ".join(sorted(text.split()))


def _grams(text: str, n: int) -> set[str]:
    padded = f" {text} "
    return {padded[i : i + n] for i in range(len(padded) - n + 1)}


@dataclass
class _KeyList:
    """Unique keys (words sorted), each pointing to the entries that produce it.

    An n-gram index picks the candidates worth a fuzzy comparison, so a query compares
    against a few hundred keys rather than all of them.
    """

    keys: list[str] = field(default_factory=list)
    entries: list[list[int]] = field(default_factory=list)
    _pos: dict[str, int] = field(default_factory=dict)
    _trigram_postings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    # Bigrams only for short keys: only those can match a short query well anyway.
    _bigram_postings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def add(self, key: str, entry: int) -> None:
        key = _sorted_words(key)
        if not key:
            return
        pos = self._pos.get(key)
        if pos is None:
            pos = self._pos[key] = len(self.keys)
            self.keys.append(key)
            self.entries.append([entry])
            for gram in _grams(key, 3):
                self._trigram_postings[gram].append(pos)
            if len(key) <= 2 * SHORT_KEY:
                for gram in _grams(key, 2):
                    self._bigram_postings[gram].append(pos)
        elif entry not in self.entries[pos]:
            self.entries[pos].append(entry)

    def exact(self, key: str) -> list[int]:
        pos = self._pos.get(_sorted_words(key))
        return self.entries[pos] if pos is not None else []

    def candidates(self, key: str, limit: int = CANDIDATES) -> dict[int, str]:
        """Keys sharing enough n-grams with `key` to be worth a fuzzy comparison."""
        # Short words lose most trigrams to a single typo ("meidc"), so they use bigrams.
        short = len(key) <= SHORT_KEY
        grams = _grams(key, 2) if short else _grams(key, 3)
        postings = self._bigram_postings if short else self._trigram_postings
        counts: Counter[int] = Counter()
        for gram in grams:
            posting = postings.get(gram)
            if posting:
                counts.update(posting)
        need = max(2, len(grams) // 4)
        return {pos: self.keys[pos] for pos, n in counts.most_common(limit) if n >= need}


_EMPTY = _KeyList()


class MatchIndex:
    def __init__(self, occupations: list[OccupationRow], labels: list[tuple[int, str, str]]):
        self.occupations = occupations
        self.entries: list[Entry] = []
        self.native: dict[str, _KeyList] = defaultdict(_KeyList)  # by script
        self.latin = _KeyList()
        self.compact = _KeyList()
        self.skeleton = _KeyList()
        for occupation, text, lang in labels:
            entry_id = len(self.entries)
            self.entries.append(Entry(occupation, text, lang))
            keys = keys_for(text)
            script = script_of(keys.native)
            self.native[script].add(keys.native, entry_id)
            self.latin.add(keys.latin, entry_id)
            self.compact.add(keys.latin.replace(" ", ""), entry_id)
            if script != "latin":
                self.skeleton.add(keys.skeleton, entry_id)

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, query: str, *, limit: int = 5) -> Matches:
        words = normalise(query).split()
        is_content = [w not in STOPWORDS for w in words]
        if not any(is_content):
            is_content = [True] * len(words)
        content_length = sum(len(w) for w, c in zip(words, is_content, strict=True) if c)
        # occupation -> {(start, end) of the phrase: (score, entry id)}
        hits: dict[int, dict[tuple[int, int], tuple[float, int]]] = defaultdict(dict)
        for start, end, phrase in _phrases(words):
            # A stop word in one language is a word in another ("si" in Vietnamese "bác sĩ"):
            # phrases may contain stop words, but one made only of them is skipped, and
            # coverage counts content words only.
            covered = sum(
                len(w) for w, c in zip(words[start:end], is_content[start:end], strict=True) if c
            )
            if not covered:
                continue
            weight = 0.75 + 0.25 * covered / max(content_length, 1)
            # Fuzzy comparison only for phrases that start and end with content words; the
            # others get exact lookups, which is all a stop-word-edged phrase needs.
            fuzzy = is_content[start] and is_content[end - 1]
            for score, entry_id in self._score_phrase(phrase, fuzzy=fuzzy):
                occupation = self.entries[entry_id].occupation
                value = score * weight
                if value > hits[occupation].get((start, end), (0.0, -1))[0]:
                    hits[occupation][(start, end)] = (value, entry_id)
        ranked = sorted(
            ((occ, *_combine(spans)) for occ, spans in hits.items()),
            key=lambda item: (-item[1], -item[3], item[0]),
        )[:limit]
        results = [
            Result(
                occupation=self.occupations[occ],
                score=min(value, 100.0) / 100,
                matched_label=self.entries[entry_id].label,
                matched_lang=self.entries[entry_id].lang,
            )
            for occ, value, entry_id, _support in ranked
        ]
        return Matches(query=query, results=results)

    def _score_phrase(self, phrase: str, *, fuzzy: bool = True):
        """(score 0–100, entry id) pairs for one phrase of normalised words."""
        latin = to_latin(phrase)
        compact = latin.replace(" ", "")
        script = script_of(phrase)
        native_keys = self.native.get(script, _EMPTY)
        for entry_id in native_keys.exact(phrase):
            yield 100.0, entry_id
        for entry_id in self.latin.exact(latin) + self.compact.exact(compact):
            yield 99.0, entry_id
        if not fuzzy or len(compact) < MIN_FUZZY_LENGTH:
            return
        if " " not in phrase and len(compact) >= 8:
            # German compounds with a tail: "bauingenieurwesen" → "bauingenieur".
            for end in range(len(compact) - 1, 5, -1):
                for entry_id in self.compact.exact(compact[:end]):
                    yield 88.0 + 8.0 * end / len(compact), entry_id
        if script == "latin" and latin == phrase:
            # Latin-script labels have the same native and Latin keys: one comparison suffices.
            yield from _fuzzy(latin, self.latin, 1.0)
        else:
            yield from _fuzzy(phrase, native_keys, 1.0)
            yield from _fuzzy(latin, self.latin, 0.97)
        if script == "latin":
            skeleton = to_skeleton(latin)
            if len(skeleton.replace(" ", "")) >= 3:
                for entry_id in self.skeleton.exact(skeleton):
                    yield 86.0, entry_id
                yield from _fuzzy(skeleton, self.skeleton, 0.85, cutoff=85)


def _fuzzy(text: str, keys: _KeyList, factor: float, cutoff: int = FUZZY_CUTOFF):
    text = _sorted_words(text)
    choices = keys.candidates(text)
    if not choices:
        return
    hits = process.extract(text, choices, scorer=fuzz.ratio, limit=12, score_cutoff=cutoff)
    for _key, score, pos in hits:
        for entry_id in keys.entries[pos]:
            yield score * factor, entry_id


def _phrases(words: list[str]) -> list[tuple[int, int, str]]:
    """The whole query (if short) and every run of up to three consecutive words."""
    spans = []
    if len(words) <= 6:
        spans.append((0, len(words)))
    for size in range(min(MAX_PHRASE_WORDS, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            if (start, start + size) not in spans:
                spans.append((start, start + size))
    return [(start, end, " ".join(words[start:end])) for start, end in spans]


def _combine(spans: dict[tuple[int, int], tuple[float, int]]) -> tuple[float, int, int]:
    """The best phrase's score, plus a little for other words of the query that point to the
    same occupation ("Lehrerin … Gymnasium"). Returns (score, entry id, support)."""
    (best_start, best_end), (best, entry_id) = max(spans.items(), key=lambda kv: kv[1][0])
    bonus = 0.0
    for (start, end), (value, _entry) in spans.items():
        if end <= best_start or start >= best_end:
            bonus += 0.1 * value
    return best + min(bonus, EVIDENCE_BONUS), entry_id, len(spans)


# --- The process-wide index ----------------------------------------------------------------

_lock = threading.Lock()
_state: dict[str, object] = {"index": None, "built": 0.0}


def build_index() -> MatchIndex:
    """Read occupations and labels once and build the in-memory index."""
    rows, position, labels = [], {}, []
    for occupation in Occupation.objects.order_by("id").only(
        "id", "slug", "title_de", "title_de_f", "title_en", "isco08", "kldb2010",
        "regulation", "group", "data",
    ):  # fmt: skip
        position[occupation.id] = len(rows)
        rows.append(
            OccupationRow(
                slug=occupation.slug,
                title_de=occupation.title_de,
                title_de_f=occupation.title_de_f,
                isco08=occupation.isco08,
                kldb2010=occupation.kldb2010,
                regulated=occupation.is_regulated,
                regulation=occupation.regulation,
                group=occupation.group,
            )
        )
        i = position[occupation.id]
        titles = [occupation.title_de, occupation.title_de_f]
        titles += list(occupation.data.get("former_titles_de") or [])
        labels += [(i, title, "de") for title in dict.fromkeys(titles) if title]
        labels.append((i, occupation.title_en, "en"))
    for occupation_id, lang, text in Label.objects.values_list("occupation_id", "lang", "text"):
        labels.append((position[occupation_id], text, lang))
    return MatchIndex(rows, labels)


def get_index() -> MatchIndex:
    ttl = getattr(settings, "LOTSE_MATCHER_TTL", 300)
    index = _state["index"]
    if index is None or time.monotonic() - _state["built"] > ttl:
        with _lock:
            if _state["index"] is None or time.monotonic() - _state["built"] > ttl:
                _state["index"] = build_index()
                _state["built"] = time.monotonic()
    return _state["index"]  # type: ignore[return-value]


def reset_index(**kwargs) -> None:
    _state["index"] = None


def occupation_match(query: str, *, limit: int = 5) -> Matches:
    """The best reference occupations for a free-text query."""
    limit = max(1, min(limit, 50))
    if not query.strip():
        return Matches(query=query, results=[])
    return get_index().match(query[:200], limit=limit)

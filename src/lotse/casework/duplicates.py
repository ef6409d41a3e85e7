"""Keys that fold how a name, phone number or e-mail address was typed, and a tolerant
comparison of two names, for the duplicate check before a new client is created.

Pure functions: the queries live in `selectors.possible_duplicates`, the writes that store
the keys in `services`. A counsellor types "Olha Petrenko" for a client already recorded as
"Olga Petrenko" or "Ольга Петренко"; all three must meet, so names are compared after
transliteration to Latin letters, word by word, with one typo allowed per word (two in long
words) and consonant skeletons for scripts that write no short vowels.
"""

import re

from anyascii import anyascii

from lotse.occupations.normalise import normalise, to_skeleton

# Apostrophes and soft signs vanish instead of splitting a word: O'Brien, Ольга (Ol'ga).
_APOSTROPHES = re.compile("['`\u02b9\u02bc\u2019\u2018]")
_NOT_LATIN = re.compile(r"[^a-z0-9]+")
PHONE_KEY_DIGITS = 9


def name_key(name: str) -> str:
    """Latin letters and digits, lower case, one space between words.

    "Ольга Петренко", "Olga  PETRENKO" and "Olga Petrenko" all give "olga petrenko".
    """
    latin = anyascii(normalise(_APOSTROPHES.sub("", name or ""))).lower()
    latin = _APOSTROPHES.sub("", latin)
    return " ".join(_NOT_LATIN.sub(" ", latin).split())[:200]


def phone_key(phone: str) -> str:
    """The last nine digits, so "+49 711 1234567" and "0711 / 123 45 67" meet; "" when the
    number is too short to say anything."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    return digits[-PHONE_KEY_DIGITS:] if len(digits) >= 6 else ""


def email_key(email: str) -> str:
    return (email or "").strip().lower()


def _distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbouring letters as one edit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def words_close(a: str, b: str) -> bool:
    """Two name words that are probably the same: equal, one typo apart (two in words of eight
    letters or more), or the same consonants ("mohammed" / "mhmd" from Arabic script)."""
    if a == b:
        return True
    skeleton_a, skeleton_b = to_skeleton(a), to_skeleton(b)
    if len(skeleton_a) >= 3 and skeleton_a == skeleton_b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    allowed = 1 if max(len(a), len(b)) < 8 else 2
    return abs(len(a) - len(b)) <= allowed and _distance(a, b) <= allowed


def names_match(a: str, b: str) -> bool:
    """Every word of the shorter name key has its own close word in the longer one, in any
    order. A single word matches only a single word: "Olga" alone says too little."""
    words_a, words_b = a.split(), b.split()
    if not words_a or not words_b:
        return False
    short, long = sorted((words_a, words_b), key=len)
    if len(short) == 1 and len(long) > 1:
        return False
    used: set[int] = set()
    for word in short:
        found = next(
            (j for j, other in enumerate(long) if j not in used and words_close(word, other)),
            None,
        )
        if found is None:
            return False
        used.add(found)
    return True

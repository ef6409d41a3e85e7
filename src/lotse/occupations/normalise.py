"""Text normalisation for matching what people type against occupation labels.

Each string yields up to three keys, compared key by key:
- `native`: the text in its own script, with case, diacritics and letter variants folded
  (Arabic/Persian alef, yeh, kaf, teh marbuta; German ä → ae; Turkish ı → i …);
- `latin`: the same transliterated to ASCII (anyascii), so "медсестра" meets "medsestra";
- `skeleton`: the Latin key without vowels, so a phone-typed "mohandes" meets "مهندس"
  (Arabic script writes no short vowels).
"""

import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
        "ى": "ي", "ی": "ي", "ئ": "ي", "ې": "ي", "ێ": "ي",
        "ک": "ك", "ڪ": "ك",
        "ة": "ه", "ۀ": "ه", "ە": "ه", "ھ": "ه",
        "ؤ": "و", "ۆ": "و", "ۇ": "و",
        "ء": "",
        "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4",
        "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
        "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4",
        "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
    }
)  # fmt: skip
_LATIN_SPECIAL = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "ł": "l", "ø": "o", "æ": "ae",
     "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ё": "е"}
)  # fmt: skip
# Gender marks of German job titles: Lehrer*in, Lehrer:innen, Lehrer/-in, Lehrer(in), LehrerIn.
_GENDER_MARK = re.compile(r"(?:[*:_/]-?|\(|/-)(?:in|innen)\b\)?", re.IGNORECASE)
_BINNEN_I = re.compile(r"(?<=[a-zäöüß])I(nnen|n)\b")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
# German plurals of job titles fold onto the singular forms that are labels:
# Lehrerinnen → lehrerin, Kaufleute → kaufmann.
_FEMININE_PLURAL = re.compile(r"\b(\w{3,})innen\b")
_LEUTE = re.compile(r"\b(\w{3,})leute\b")
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Keys:
    native: str
    latin: str
    skeleton: str


def script_of(text: str) -> str:
    """The dominant script of a string: latin, arabic, cyrillic, greek or other."""
    counts = {"latin": 0, "arabic": 0, "cyrillic": 0, "greek": 0, "other": 0}
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        for script, marker in (
            ("latin", "LATIN"),
            ("arabic", "ARABIC"),
            ("cyrillic", "CYRILLIC"),
            ("greek", "GREEK"),
        ):
            if name.startswith(marker):
                counts[script] += 1
                break
        else:
            counts["other"] += 1
    best = max(counts, key=counts.get)
    return best if counts[best] else "latin"


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", kept)


def normalise(text: str) -> str:
    """Fold case, diacritics, letter variants and gender marks; words separated by one space."""
    text = unicodedata.normalize("NFKC", text)
    text = _BINNEN_I.sub(r"i\1", text)
    text = _GENDER_MARK.sub("", text)
    text = text.replace("\u200c", " ").replace("\u200d", "")
    text = text.casefold()
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_LETTERS)
    text = text.translate(_LATIN_SPECIAL)
    text = _strip_marks(text)
    text = _FEMININE_PLURAL.sub(r"\1in", text)
    text = _LEUTE.sub(r"\1mann", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def to_latin(native: str) -> str:
    return " ".join(_NON_WORD.sub(" ", anyascii(native).lower()).split())


def to_skeleton(latin: str) -> str:
    """Consonants only, doubled letters collapsed: "mohandes" and "mhnds" both give "mhnds"."""
    words = []
    for word in latin.split():
        consonants = _REPEATS.sub(r"\1", _VOWELS.sub("", word))
        if consonants:
            words.append(consonants)
    return " ".join(words)


def keys_for(text: str) -> Keys:
    native = normalise(text)
    latin = to_latin(native)
    return Keys(native=native, latin=latin, skeleton=to_skeleton(latin))

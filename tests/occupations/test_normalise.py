import pytest

from lotse.occupations.normalise import keys_for, normalise, script_of


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # Arabic: tashkeel, tatweel, alef/yeh/kaf/teh marbuta forms
        ("مُهَنْدِس", "مهندس"),
        ("مهـــندس", "مهندس"),
        ("أستاذ", "استاذ"),
        ("إمام", "امام"),
        ("ممرضة", "ممرضه"),
        ("مستشفى", "مستشفي"),
        # Persian: Persian yeh and kaf fold onto the Arabic letters; ZWNJ is a word break
        ("پزشکی", "پزشكي"),
        ("می‌کنم", "مي كنم"),
        ("۱۲", "12"),
        # Cyrillic: case and ё
        ("МЕДСЕСТРА", "медсестра"),
        ("Шофёр", "шофер"),
        # Greek: accents and final sigma
        ("Νοσηλεύτρια", "νοσηλευτρια"),
        # Latin: diacritics, Turkish dotless i, German umlauts and ß
        ("Hemşire", "hemsire"),
        ("MÜHENDİS", "muehendis"),
        ("ınşaat", "insaat"),
        ("Bäcker", "baecker"),
        ("Straßenbauer", "strassenbauer"),
        ("Inginer constructor", "inginer constructor"),
        ("Enfermería", "enfermeria"),
        # German gender marks and plurals
        ("Lehrer*innen", "lehrer"),
        ("Lehrer:in", "lehrer"),
        ("Lehrer/-in", "lehrer"),
        ("LehrerInnen", "lehrerin"),
        ("Erzieherinnen", "erzieherin"),
        ("Kaufleute", "kaufmann"),
        # punctuation and spacing
        ("  Kfz-Mechatroniker!! ", "kfz mechatroniker"),
    ],
)
def test_normalise_folds_what_people_type_onto_one_form(typed, expected):
    assert normalise(typed) == expected


def test_umlaut_spelled_with_e_equals_the_umlaut():
    assert normalise("Baecker") == normalise("Bäcker")
    assert normalise("Zahnaerztin") == normalise("Zahnärztin")


@pytest.mark.parametrize(
    ("text", "script"),
    [("طبيب", "arabic"), ("پرستار", "arabic"), ("лікар", "cyrillic"), ("γιατρός", "greek"),
     ("doctor", "latin"), ("12", "latin")],
)  # fmt: skip
def test_script_of(text, script):
    assert script_of(text) == script


def test_cyrillic_and_latin_transliteration_meet():
    assert keys_for("медсестра").latin == keys_for("medsestra").latin
    assert keys_for("лікар").latin == "likar"


def test_transliterated_arabic_meets_arabic_script_on_the_skeleton():
    assert keys_for("mohandes").skeleton == keys_for("مهندس").skeleton == "mhnds"
    assert keys_for("muhandis").skeleton == "mhnds"

"""The matcher on a small fixed knowledge base (no database), then on the shipped data."""

import pytest

from lotse.occupations.matcher import MatchIndex, OccupationRow, occupation_match


def row(slug: str, title: str, regulated: bool = False) -> OccupationRow:
    return OccupationRow(
        slug=slug, title_de=title, title_de_f=title, isco08="0000", kldb2010="00000",
        regulated=regulated, regulation="federal" if regulated else "none", group="health",
    )  # fmt: skip


OCCUPATIONS = [
    row("arzt", "Arzt", True),
    row("pflegefachmann", "Pflegefachmann", True),
    row("bauingenieur", "Bauingenieur", True),
    row("apotheker", "Apotheker", True),
    row("baecker", "Bäcker"),
    row("lehrer", "Lehrer", True),
    row("elektroingenieur", "Elektroingenieur", True),
    row("mta", "Medizinischer Technologe für Laboratoriumsanalytik", True),
]
LABELS = [
    (0, "Arzt", "de"), (0, "Ärztin", "de"), (0, "doctor", "en"), (0, "GP", "en"),
    (0, "طبيب", "ar"), (0, "лікар", "uk"), (0, "bác sĩ", "vi"),
    (1, "Pflegefachfrau", "de"), (1, "Krankenschwester", "de"), (1, "nurse", "en"),
    (1, "hemşire", "tr"), (1, "ممرضة", "ar"), (1, "медична сестра", "uk"), (1, "پرستار", "fa"),
    (2, "Bauingenieur", "de"), (2, "civil engineer", "en"), (2, "inginer constructor", "ro"),
    (2, "مهندس مدني", "ar"), (2, "inşaat mühendisi", "tr"),
    (3, "Apotheker", "de"), (3, "pharmacist", "en"), (3, "صيدلاني", "ar"),
    (4, "Bäcker", "de"), (4, "baker", "en"),
    (5, "Lehrer", "de"), (5, "Lehrerin", "de"), (5, "teacher", "en"),
    (6, "Elektroingenieur", "de"), (6, "elektrik mühendisi", "tr"),
    (6, "electrical engineer", "en"),
    (7, "MTA", "de"), (7, "MTLA", "de"),
]  # fmt: skip


@pytest.fixture(scope="module")
def index() -> MatchIndex:
    return MatchIndex(OCCUPATIONS, LABELS)


def top(index: MatchIndex, query: str) -> str | None:
    results = index.match(query, limit=3).results
    return results[0].occupation.slug if results else None


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Krankenschwester", "pflegefachmann"),  # German, plain
        ("صيدلاني", "apotheker"),  # Arabic script
        ("صَيْدَلَانِيّ", "apotheker"),  # with tashkeel
        ("hemsire", "pflegefachmann"),  # Turkish without diacritics
        ("медсестра медична", "pflegefachmann"),  # word order
        ("medychna sestra", "pflegefachmann"),  # Ukrainian in Latin letters
        ("inginer constructor", "bauingenieur"),  # Romanian
        ("Baecker", "baecker"),  # umlaut as ae
        ("Lehrerinnen", "lehrer"),  # feminine plural
        ("Lehrer*in", "lehrer"),  # gender star
        ("Ärztinnen", "arzt"),
        ("Krankenschwster", "pflegefachmann"),  # typo
        ("pharmacsit", "apotheker"),  # typo
        ("I am a nurse", "pflegefachmann"),  # extra words
        ("ich habe Bauingenieurwesen studiert", "bauingenieur"),
        ("bachelor in civil engineering", "bauingenieur"),
        ("engineer civil", "bauingenieur"),  # word order
        ("mühendis elektrik", "elektroingenieur"),
        ("GP", "arzt"),  # abbreviation
        ("MTA", "mta"),
        ("mohandes madani", "bauingenieur"),  # Arabic typed in Latin letters
        ("parastar", "pflegefachmann"),  # Persian typed in Latin letters
    ],
)
def test_finds_the_reference_occupation(index, query, slug):
    assert top(index, query) == slug


def test_result_says_which_label_matched_in_which_language(index):
    result = index.match("ممرضه", limit=1).results[0]
    assert result.matched_label == "ممرضة"
    assert result.matched_lang == "ar"
    assert result.score == 1.0


def test_exact_match_scores_higher_than_a_typo(index):
    exact = index.match("pharmacist", limit=1).results[0].score
    typo = index.match("farmacist", limit=1).results[0].score
    assert exact > typo >= 0.8


def test_gibberish_is_reported_as_low_confidence_not_as_a_guess(index):
    matches = index.match("xqzv wrtpl", limit=5)
    assert not matches.confident


def test_short_words_must_match_exactly(index):
    assert top(index, "GX") is None


def test_limit_is_respected(index):
    assert len(index.match("engineer", limit=2).results) <= 2


# --- on the shipped knowledge base -------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Krankenschwester", "pflegefachmann"),
        ("dentist", "zahnarzt"),
        ("hemşire", "pflegefachmann"),
        ("صيدلاني", "apotheker"),
        ("ich habe Bauingenieurwesen studiert", "bauingenieur"),
        ("Kfz-Mechaniker", "kfz-mechatroniker"),
        ("Bürokauffrau", "kaufmann-bueromanagement"),
    ],
)
def test_shipped_data_answers_common_questions(reference_data, query, slug):
    slugs = [r.occupation.slug for r in occupation_match(query, limit=5).results]
    assert slug in slugs[:2], slugs


def test_a_query_does_not_touch_the_database_once_the_index_is_built(
    reference_data, django_assert_num_queries
):
    occupation_match("Arzt")
    with django_assert_num_queries(0):
        occupation_match("Krankenschwester")
        occupation_match("صيدلاني")


def test_empty_query_gives_no_results(reference_data):
    assert occupation_match("   ").results == []

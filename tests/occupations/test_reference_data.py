import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lotse.occupations.models import Authority, Label, Occupation
from lotse.occupations.reference_data import DATA_DIR, read_all


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A copy of the shipped data that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    (target / "labels").mkdir(exist_ok=True)
    return target


def replace_in(path: Path, old: str, new: str, count: int = 1) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def problems_of(data_dir: Path) -> list[str]:
    return [str(p) for p in read_all(data_dir).problems]


def test_shipped_reference_data_is_valid():
    data = read_all()
    assert data.problems == []
    assert len(data.districts) == 44
    assert len(data.occupations) >= 250


def test_unknown_authority_is_reported_with_file_and_line(data_dir):
    line = replace_in(
        data_dir / "competences.yaml", "authority: ihk-fosa", "authority: ihk-nowhere"
    )
    problems = problems_of(data_dir)
    assert any(
        p.startswith("competences.yaml:") and "unknown authority 'ihk-nowhere'" in p
        for p in problems
    ), problems
    reported_line = int(next(p for p in problems if "ihk-nowhere" in p).split(":")[1])
    assert 0 < line - reported_line < 20  # the line of the entry that holds the bad key


def test_missing_source_is_reported(data_dir):
    path = data_dir / "occupations" / "regulated_federal.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("slug: arzt\n")
    sources = text.index("sources:", start)
    end = text.index("checked_on:", sources)
    indent = text[text.rindex("\n", 0, sources) + 1 : sources]
    path.write_text(text[:sources] + "sources: []\n" + indent + text[end:], encoding="utf-8")
    assert any(
        "regulated_federal.yaml:" in p and "occupation 'arzt': needs at least one source URL" in p
        for p in problems_of(data_dir)
    )


def test_duplicate_slug_names_both_places(data_dir):
    replace_in(data_dir / "occupations" / "dual_ihk.yaml", "slug: koch\n", "slug: arzt\n")
    problems = [p for p in problems_of(data_dir) if "duplicate slug 'arzt'" in p]
    assert len(problems) == 1
    assert "first at" in problems[0] and "regulated_federal.yaml" in problems[0]


@pytest.mark.parametrize(
    ("field", "bad"), [("kldb2010", '"8140"'), ("isco08", "2211"), ("kldb2010", '"8140X"')]
)
def test_bad_classification_code_is_reported(data_dir, field, bad):
    path = data_dir / "occupations" / "regulated_federal.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("slug: arzt\n")
    line_start = text.index(f"{field}:", start)
    line_end = text.index("\n", line_start)
    path.write_text(text[:line_start] + f"{field}: {bad}" + text[line_end:], encoding="utf-8")
    assert any(f"occupation 'arzt': {field} must be" in p for p in problems_of(data_dir))


def test_label_for_an_unknown_occupation_is_reported(data_dir):
    (data_dir / "labels" / "xx.yaml").write_text("lang: xx\nlabels:\n  nosuch: [foo]\n")
    assert any(
        "labels/xx.yaml" in p and "unknown occupation 'nosuch'" in p for p in problems_of(data_dir)
    )


def test_broken_yaml_is_reported_not_raised(data_dir):
    (data_dir / "occupations" / "broken.yaml").write_text("occupations:\n  - slug: [\n")
    assert any(p.startswith("occupations/broken.yaml:") for p in problems_of(data_dir))


def test_load_refuses_invalid_data_and_writes_nothing(db, data_dir):
    replace_in(data_dir / "competences.yaml", "authority: ihk-fosa", "authority: ihk-nowhere")
    with pytest.raises(CommandError, match="ihk-nowhere"):
        call_command("load_reference_data", "--data-dir", str(data_dir))
    assert not Occupation.objects.exists()
    assert not Authority.objects.exists()


def test_load_is_idempotent_and_keeps_sources(db, data_dir):
    (data_dir / "labels" / "tr.yaml").write_text("lang: tr\nlabels:\n  arzt: [doktor, hekim]\n")
    call_command("load_reference_data", "--data-dir", str(data_dir))
    snapshot = list(Occupation.objects.order_by("slug").values())
    labels = sorted(Label.objects.values_list("occupation__slug", "lang", "text"))
    call_command("load_reference_data", "--data-dir", str(data_dir))
    assert list(Occupation.objects.order_by("slug").values()) == snapshot
    assert sorted(Label.objects.values_list("occupation__slug", "lang", "text")) == labels
    arzt = Occupation.objects.get(slug="arzt")
    assert arzt.sources and arzt.checked_on
    assert ("arzt", "tr", "hekim") in labels


def test_removed_label_disappears_on_reload(db, data_dir):
    labels = data_dir / "labels" / "tr.yaml"
    labels.write_text("lang: tr\nlabels:\n  arzt: [doktor, hekim]\n")
    call_command("load_reference_data", "--data-dir", str(data_dir))
    labels.write_text("lang: tr\nlabels:\n  arzt: [doktor]\n")
    call_command("load_reference_data", "--data-dir", str(data_dir))
    assert list(Label.objects.filter(lang="tr").values_list("text", flat=True)) == ["doktor"]


def test_export_writes_back_what_an_administrator_changed(db, data_dir, tmp_path):
    (data_dir / "labels" / "tr.yaml").write_text("lang: tr\nlabels:\n  arzt: [doktor]\n")
    call_command("load_reference_data", "--data-dir", str(data_dir))
    Occupation.objects.filter(slug="arzt").update(title_en="Medical doctor")
    out = tmp_path / "exported"
    call_command("export_reference_data", "--out", str(out))
    shutil.copy(data_dir / "districts.yaml", out / "districts.yaml")
    exported = read_all(out)
    assert exported.problems == []
    arzt = next(o for o in exported.occupations if o["slug"] == "arzt")
    assert arzt["title_en"] == "Medical doctor"
    assert arzt["__file__"] == "occupations/regulated_federal.yaml"
    original = read_all(data_dir)
    assert len(exported.occupations) == len(original.occupations)
    assert ("arzt", "tr", "doktor") in {label[:3] for label in exported.labels}

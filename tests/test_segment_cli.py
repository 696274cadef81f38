"""``python -m pipeline segment`` end to end, as a user runs it."""

from pipeline.rules import corrections_dir
from tests.conftest import run_cli

TEXT = (
    "Neue Radwege für die Altstadt\n"
    "Der Stadtrat hat am 3. Juni z. B. über\n"
    "drei Radwege beraten. „Wir bauen sie bis 2027.“ Dr. Koch ist zufrieden.\n"
    "\n"
    "Zweiter Absatz ohne Punkt\n"
    "\n"
    "Was kostet das? Ca. 2 Mio. Euro."
)
EXPECTED = [
    "Neue Radwege für die Altstadt",
    "Der Stadtrat hat am 3. Juni z. B. über drei Radwege beraten.",
    "„Wir bauen sie bis 2027.“",
    "Dr. Koch ist zufrieden.",
    "Zweiter Absatz ohne Punkt",
    "Was kostet das?",
    "Ca. 2 Mio. Euro.",
]


def test_segment_reads_a_file_and_prints_one_sentence_a_line(tmp_path):
    path = tmp_path / "text.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run_cli("segment", str(path), "--lang", "de")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == EXPECTED


def test_segment_reads_standard_input_in_english():
    result = run_cli("segment", "-", "--lang", "en", input="Mr. Brown went to the U.S. Army base. He left at 5 p.m.\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Mr. Brown went to the U.S. Army base.", "He left at 5 p.m."]


def test_segment_missing_file_is_a_usage_error(tmp_path):
    result = run_cli("segment", str(tmp_path / "nothing.txt"))
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_segment_broken_abbreviation_list_names_file_and_line(tmp_path):
    for f in corrections_dir().iterdir():
        if f.is_file():
            (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    broken = tmp_path / "abbreviations.de.txt"
    broken.write_text("Dr\nz. B.\n", encoding="utf-8")
    result = run_cli("segment", "-", input="Ein Satz.", env={"PIPELINE_CORRECTIONS": str(tmp_path)})
    assert result.returncode == 2
    assert f"{broken}:2:" in result.stderr

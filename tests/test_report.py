"""``python -m pipeline report``: a self-contained page, article text escaped, checked in Chromium."""

import re
import shutil
import subprocess

import pytest

from pipeline.review import load_run
from pipeline.review.report import build_report
from tests.conftest import run_cli
from tests.review_fixtures import build_docs, tiny_run, write_run

CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="module")
def run_dir(tiny_model, tmp_path_factory):
    out = tiny_run(tiny_model, tmp_path_factory.mktemp("report") / "run", tmp_path_factory.getbasetemp())
    run = load_run(out)
    first = run.docs[0].pairs[0].id
    run.reject(first)
    run.edit(run.docs[1].pairs[0].id, en="The weekly market is moving.")
    return out


def test_report_command_writes_one_page_with_everything_escaped(run_dir):
    result = run_cli("report", str(run_dir))
    assert result.returncode == 0, result.stderr
    page = (run_dir / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<img" not in page and "<b onmouseover" not in page
    assert "Markt &lt;b onmouseover=alert(1)&gt;neu&lt;/b&gt;" in page and "<td>javascript:alert(1)</td>" in page
    assert "href=\"javascript" not in page
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;" in page
    assert "&lt;img src=x onerror=&quot;document.title=&#x27;PWNED&#x27;&quot;&gt;" in page
    # nothing is fetched: no external references, the plots are inline SVG
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//|file:)""", page)
    assert "<svg" in page and "Content-Security-Policy" in page
    for section in ("Summary", "Documents", "Score distributions", "Flagged pairs", "Rules", "Edits in context",
                    "Unresolved flags", "Sample view", "random middle"):
        assert section in page
    assert "The weekly market is moving." in page and "rejected" in page


def test_a_directory_that_is_not_a_run_is_a_usage_error(tmp_path):
    result = run_cli("report", str(tmp_path))
    assert result.returncode == 2 and "not a run directory" in result.stderr and "Traceback" not in result.stderr


def test_report_lists_flags_and_rule_statistics(tmp_path):
    page = build_report(load_run(write_run(tmp_path / "run", build_docs())))
    assert 'data-pair="bruecke:4"' in page and "pair.length_ratio" in page
    assert "chars.ligature" in page and "<del>ﬁ</del><ins>fi</ins>" in page


def _chromium(*args, tmp_path):
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run",
               f"--user-data-dir={tmp_path / 'chromium-profile'}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_report_in_headless_chromium(run_dir, tmp_path):
    assert run_cli("report", str(run_dir)).returncode == 0
    url = (run_dir / "report.html").resolve().as_uri()
    dom = _chromium("--dump-dom", url, tmp_path=tmp_path).stdout
    assert "<title>Review report: run</title>" in dom  # the article's script would have changed it
    assert "PWNED</title>" not in dom and "data-pwned" not in dom
    assert "<script" not in dom and "<img" not in dom and "onmouseover=" not in dom.replace("&lt;b onmouseover=", "")
    assert "&lt;script&gt;document.title='PWNED'" in dom  # shown as text
    run = load_run(run_dir)
    for doc in run.docs:
        for pair in doc.pairs:
            assert f'data-pair="{pair.id}"' in dom
            for flag in pair.flags:
                assert flag.rule in dom
    assert dom.count('class="flag"') >= sum(len(p.flags) for d in run.docs for p in d.pairs)
    screenshot = run_dir / "report.png"  # for a person to look at
    _chromium(f"--screenshot={screenshot}", "--window-size=1280,2000", url, tmp_path=tmp_path)
    assert screenshot.stat().st_size > 10_000
    print(f"screenshot: {screenshot}")

"""The lab's HTML report carries every caveat of the text report, renders no markdown and
shows the change column; the one-page student sheet for one what-if prints on one page."""

from __future__ import annotations

import pytest
from chromium import needs_chromium, print_pages
from htmlcheck import check_html, check_self_contained

from game.lab import lab
from game.lab.html import render_html
from game.lab.report import CAVEATS
from game.lab.sheet import render_sheet
from helpers import load
from tests.lab.common import council, write_council


@pytest.fixture(scope="module")
def report():
    return lab(council(), ["no_patronage", "market_blamed"], 4, seed=1, jobs=1)


def test_text_and_html_carry_every_caveat(report):
    text = " ".join(report.render().split())
    page = render_html(report)
    for caveat in CAVEATS:
        assert caveat in text
        assert caveat.replace("'", "&#x27;") in page


def test_the_html_renders_no_markdown_and_has_the_change_column():
    main = lab(load("succession_1924"), ["no_patronage"], 3, seed=0, jobs=1)
    assert "`" in main.arms[1].description  # the scenario writes `ids` in backticks
    page = render_html(main)
    assert "`" not in page and "<code>patronage</code>" in page
    assert main.milestones_shown() and "<th>Change in share</th>" in page
    for c, k in main.milestones_shown():
        assert main.milestone_change(1, c, k).strip() in page


def test_the_sheet_is_one_what_if_with_question_chart_findings_and_tasks(report):
    page = render_sheet(report, 1)
    check_self_contained(page, check_html(page))
    arm = report.arms[1]
    assert f"What if: {arm.title}".upper() in page.upper() and "`" not in page
    assert page.count("<svg ") == 1 and page.count('class="task"') == 3
    assert "What the numbers say" in page and "What they cannot say" in page


def test_a_sheet_needs_exactly_one_what_if(run, tmp_path):
    code, out, err = run(
        ["lab", "--scenario", write_council(tmp_path), "--games", 1, "--sheet",
         tmp_path / "s.html"]
    )
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "--sheet is for one what-if" in err and "no_patronage" in err


def test_the_command_writes_the_sheet(run, tmp_path):
    out_file = tmp_path / "s.html"
    code, _, err = run(
        ["lab", "--scenario", write_council(tmp_path), "--games", 2, "--jobs", 1,
         "--what-if", "no_drive", "--sheet", out_file]
    )
    assert code == 0, err
    assert f"wrote the student sheet to {out_file}" in err
    assert "Student sheet" in out_file.read_text(encoding="utf-8")


@needs_chromium
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_sheet_prints_on_one_page(tmp_path, paper):
    sc = load("succession_1924")
    longest = max(sc.what_ifs, key=lambda w: len(w.description)).id
    r = lab(sc, [longest], 6, seed=0, jobs=1)
    assert print_pages(render_sheet(r, 1), tmp_path, "sheet", paper) == 1

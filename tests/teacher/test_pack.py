"""The teacher pack: `politburo teacher-pack -o DIR` writes an index page and every page a
teacher needs to run the lessons, each valid, self-contained and printable; the suite prints
them with Chromium and checks their page counts."""

from __future__ import annotations

import re

import pytest
from chromium import needs_chromium, print_pages
from htmlcheck import check_html, check_self_contained

from game.content import sources
from game.teacher import material
from game.teacher.pack import pack_pages
from helpers import load

MAIN_PAGES = [
    "index.html",
    "lesson-short.html",
    "lesson-standard.html",
    "lesson-full.html",
    "role-cards.html",
    "essay.html",
    "simplifications.html",
    "further-reading.html",
]
# Pages per page of the pack, on A4 and Letter: a lesson plan is one sheet for the teacher.
MOST_PAGES = {"lesson": 1, "index": 2, "role-cards": 3, "essay": 3, "simplifications": 2,
              "further-reading": 2}


@pytest.fixture(scope="module")
def main_pack(tmp_path_factory):
    from game.cli.main import main

    folder = tmp_path_factory.mktemp("pack") / "pack"
    assert main(["teacher-pack", "-o", str(folder)]) == 0
    return folder


def test_the_pack_has_every_page_linked_from_the_index(main_pack):
    assert sorted(p.name for p in main_pack.iterdir()) == sorted(MAIN_PAGES)
    index = (main_pack / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([a-z-]+\.html)"', index))
    assert links >= set(MAIN_PAGES) - {"index.html"}
    for name in MAIN_PAGES:
        text = (main_pack / name).read_text(encoding="utf-8")
        check_self_contained(text, check_html(text))


def test_each_lesson_plan_has_timed_steps_from_starter_to_plenary(main_pack):
    m = material(load("succession_1924"))
    for plan in m.lessons:
        text = (main_pack / f"lesson-{plan.length}.html").read_text(encoding="utf-8")
        assert f"<b>{plan.minutes} minutes</b>" in text
        clock = 0
        for ph in plan.phases:
            assert f"{clock}\u2013{clock + ph.minutes}" in text
            clock += ph.minutes
        for step in ("starter", "play", "debrief", "plenary"):
            assert step in text.lower()


def test_role_cards_essay_simplifications_and_reading(main_pack):
    sc = load("succession_1924")
    m = material(sc)
    cards = (main_pack / "role-cards.html").read_text(encoding="utf-8")
    assert cards.count('<div class="card cut">') == len(sc.contenders)
    for c in sc.contenders:
        assert f"<h2>{c.name}</h2>" in cards
    essay = (main_pack / "essay.html").read_text(encoding="utf-8")
    assert "How far does Stalin&#x27;s position as General Secretary" in essay
    assert "a model answer" in essay and "Mark scheme" in essay
    assert essay.count("<tr><td>") >= len(m.common.levels) + 8  # levels, then eight factors
    simple = (main_pack / "simplifications.html").read_text(encoding="utf-8")
    assert simple.count("<tr><td><b>") == len(m.simplifications)
    reading = (main_pack / "further-reading.html").read_text(encoding="utf-8")
    for w in m.reading:
        assert f"({w.year})" in reading or f", {w.year})" in reading
        assert "Checked against:" in reading
    assert "<h2>The game's own sources</h2>" in reading


def test_a_scenario_without_a_teacher_file_still_gets_a_pack():
    sc = next(e.scenario for e in sources.discover().usable if e.id == "tutorial")
    pages = pack_pages(material(sc))
    assert [p.name for p in pages][:2] == ["index.html", "lesson-full.html"]
    for p in pages:
        check_html(p.html)


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["teacher-pack"], 2, "required: -o/--output"),
        (["teacher-pack", "-o", "{tmp}/p", "--scenario", "atlantis"], 2, "atlantis"),
        (["teacher-pack", "-o", "{tmp}/file.txt"], 1, "it is a file, not a folder"),
    ],
)
def test_bad_commands_say_why_in_one_line(run, tmp_path, args, code, message):
    (tmp_path / "file.txt").write_text("x")
    got, out, err = run([a.format(tmp=tmp_path) for a in args])
    assert got == code and out == "" and err.count("\n") == 1 and message in err


@needs_chromium
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_page_prints_in_few_pages(main_pack, tmp_path, paper):
    for name in MAIN_PAGES:
        stem = name.removesuffix(".html")
        limit = MOST_PAGES["lesson" if stem.startswith("lesson") else stem]
        text = (main_pack / name).read_text(encoding="utf-8")
        assert print_pages(text, tmp_path, stem, paper) <= limit, (name, paper)

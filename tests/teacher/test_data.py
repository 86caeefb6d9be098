"""The teacher's material as data: every shipped file loads and fits its scenario, every source
the cards cite is described as what it is, every further-reading work keeps the record it was
checked against, and a broken file is refused in one line that says where."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content import sources
from game.teacher import TeacherDataError, material
from game.teacher.data import ASSETS, common, scenario_file
from helpers import GENERAL_HISTORIES, variant

SHIPPED = [e.scenario for e in sources.discover().usable]


def test_common_material_loads_with_checked_reading():
    c = common()
    assert len(c.reading) >= 5 and len(c.levels) >= 3
    for work in c.reading:
        assert work.checked and all(u.startswith("http") for u in work.checked)
        assert work.record and len(work.argues.split()) >= 8
        assert 1900 <= work.year <= 2030
    assert [lv.level for lv in c.levels] == sorted((lv.level for lv in c.levels), reverse=True)


def test_every_source_a_shipped_card_cites_is_described():
    cited = {e.source for sc in SHIPPED for e in sc.events if e.source}
    described = {s.title for s in common().sources}
    histories = set().union(*GENERAL_HISTORIES.values())  # said as the scenario names them
    assert cited <= described | histories, cited - described - histories
    for s in common().sources:
        assert s.kind and s.note


@pytest.mark.parametrize("sc", SHIPPED, ids=[s.id for s in SHIPPED])
def test_every_shipped_scenario_has_complete_material(sc):
    m = material(sc)
    ids = [c.id for c in sc.contenders]
    assert [r.contender for r in m.roles] == ids
    assert [p.length for p in m.lessons] == [x[0] for x in sc.lesson_lengths()]
    for plan in m.lessons:
        assert all(1 <= i <= len(sc.learning_objectives) for i in plan.objectives)
        names = [p.name.lower() for p in plan.phases]
        assert any("starter" in n for n in names) and any("plenary" in n for n in names)
        assert any("play" in n for n in names) and any("debrief" in n for n in names)
        assert plan.minutes <= 60 * plan.lessons  # fits the class periods it says it takes
    assert set(m.factors) >= {"patronage", "luck", "ideology"}
    assert m.essay.question.startswith("How far") and m.essay.question.endswith("?")
    assert m.simplifications


def test_the_main_scenario_is_written_not_built():
    m = material(next(s for s in SHIPPED if s.id == "succession_1924"))
    assert m.from_file >= {"lessons", "roles", "factors", "essay", "simplifications", "reading"}
    assert [p.minutes for p in m.lessons] == [60, 100, 110]


def test_a_scenario_without_a_file_gets_material_from_its_own_data():
    sc = variant(lambda data: None)  # the fictional two-rivals scenario
    assert scenario_file(sc.id) is None
    m = material(sc)
    assert m.from_file == frozenset() and m.reading == []
    for c in sc.contenders:
        card = m.role(c.id)
        assert c.bio.split(".")[0] in card.position
        assert card.assets == (list(c.strengths) or card.assets) and card.weaknesses


def _folder(tmp_path: Path, text: str) -> Path:
    (tmp_path / "common.yaml").write_text((ASSETS / "common.yaml").read_text())
    (tmp_path / "succession_1924.yaml").write_text(text)
    return tmp_path


@pytest.mark.parametrize(
    "text, message",
    [
        ("scenario: succession_1924\nroles: 3\n", r"roles: Input should be a valid list at line 2"),
        ("scenario: succession_1924\nreading: [nobody_1999]\n", "'nobody_1999' is not in"),
        ("scenario: other_one\n", "the file is for scenario 'other_one'"),
        ("scenario: succession_1924\n  bad: [\n", "not valid YAML"),
        ("scenario: succession_1924\nborrow: [roles]\n", "borrow_from"),
        ("scenario: succession_1924\nfactors:\n  - {factor: fate, for: x, against: y}\n",
         "unknown factor 'fate'"),
    ],
)
def test_a_broken_teacher_file_is_refused_in_one_line(tmp_path, text, message):
    folder = _folder(tmp_path, text)
    with pytest.raises(TeacherDataError) as err:
        scenario_file("succession_1924", folder)
    line = str(err.value)
    assert "\n" not in line and line.startswith(str(folder / "succession_1924.yaml"))
    assert re.search(message, line), line

"""The teacher's material as data: what the game's sources are, the verified further reading,
the mark scheme of a "how far" essay, and for each scenario its lesson plans, role cards, essay,
historians' arguments per factor and list of simplifications.

It lives in YAML files under ``assets/teacher/`` so that a teacher can correct it without
touching code: ``common.yaml`` for what every scenario shares, ``<scenario id>.yaml`` for one
scenario. Every section of a scenario file may be left out; :mod:`game.teacher.material` then
builds it from the scenario's own data. The files are read with the scenario loader's safe,
bounded YAML parser and checked by the pydantic models below; a broken file raises
:class:`TeacherDataError` with one line that names the file, the line and the column.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from game.content.datafile import DataFileError, read_data_file
from game.content.yaml_lines import Locator
from game.engine import Factor
from game.resources import assets_folder

ASSETS = assets_folder() / "teacher"
COMMON = "common.yaml"
LengthId = Literal["short", "standard", "full"]
Section = Literal[
    "content_note", "lessons", "roles", "factors", "essay", "simplifications", "reading"
]
_ID = r"^[a-z][a-z0-9_]*$"
M = TypeVar("M", bound=BaseModel)


class TeacherDataError(DataFileError):
    """A teacher file cannot be used; its text is one line: the path and the first problem."""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _one_space(cls, v: object) -> object:
        """Folded YAML blocks leave line breaks and runs of spaces: text reads as one line."""
        if isinstance(v, list):
            return [" ".join(x.split()) if isinstance(x, str) else x for x in v]
        return " ".join(v.split()) if isinstance(v, str) else v


# ----- common.yaml ------------------------------------------------------------------------------


class SourceDoc(Model):
    """One of the documents the scenarios' cards cite, described as what it is."""

    title: str = Field(description="As the cards cite it, quotes included.")
    kind: str = Field(description="What it is: `a student's essay shared on a revision site`.")
    note: str = Field(description="What a student should know before trusting it.")


class Reading(Model):
    """A historian's work (or a primary source) whose author, title and year were checked
    against a public catalogue or trade record."""

    id: str = Field(pattern=_ID)
    author: str
    title: str
    year: int = Field(ge=1900, le=2100)
    publisher: str
    kind: Literal["history", "biography", "primary source"]
    argues: str = Field(description="In a line, in our own words: what the work argues.")
    checked: list[str] = Field(
        min_length=1, description="Addresses of the records its author, title and year match."
    )
    record: str = Field(description="What those records are (publisher's page, review, ...).")

    @field_validator("checked")
    @classmethod
    def _addresses(cls, v: list[str]) -> list[str]:
        for url in v:
            if not url.startswith(("https://", "http://")):
                raise ValueError(f"{url!r} is not a web address")
        return v


class Level(Model):
    """A level of a levels-based mark scheme."""

    level: int = Field(ge=1, le=6)
    marks: str = Field(description="The band of marks, such as `16-20`.")
    descriptor: str


class Common(Model):
    """What every scenario's material shares (``assets/teacher/common.yaml``)."""

    sources: list[SourceDoc]
    reading: list[Reading]
    levels: list[Level] = Field(min_length=3, description="Best level first.")
    levels_note: str = Field(description="How the levels relate to exams, for the teacher.")

    @field_validator("reading")
    @classmethod
    def _unique(cls, v: list[Reading]) -> list[Reading]:
        seen: set[str] = set()
        for r in v:
            if r.id in seen:
                raise ValueError(f"the reading id {r.id!r} is used twice")
            seen.add(r.id)
        return v

    def source(self, title: str) -> SourceDoc | None:
        return next((s for s in self.sources if s.title == title), None)

    def work(self, work_id: str) -> Reading:
        return next(r for r in self.reading if r.id == work_id)


# ----- <scenario>.yaml --------------------------------------------------------------------------


class Phase(Model):
    """A step of a lesson: its name, its minutes and what the teacher does."""

    name: str
    minutes: int = Field(ge=1, le=120)
    what: str


class LessonPlan(Model):
    length: LengthId
    title: str
    lessons: int = Field(1, ge=1, le=4, description="Class periods it takes.")
    objectives: list[int] = Field(
        default_factory=list, description="Indexes (from 1) of the scenario's learning objectives."
    )
    prepare: list[str] = Field(default_factory=list, description="Before the lesson.")
    phases: list[Phase] = Field(min_length=3)
    seats: str = Field("", description="Which seats to hand out, and why.")
    support: str = Field("", description="For students who need more help.")
    stretch: str = Field("", description="For students who need more challenge.")
    homework: str = ""

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.phases)


class RoleCard(Model):
    contender: str = Field(pattern=_ID)
    position: str = Field(description="Where he stood in 1924 (or when the scenario opens).")
    assets: list[str] = Field(min_length=1)
    weaknesses: list[str] = Field(min_length=1)
    wanted: str = Field(description="What he wanted.")
    tip: str = Field("", description="A first move worth trying, for the student.")


class FactorNote(Model):
    """The historians' case on one factor: how it helped the winner, and its limits."""

    factor: str
    for_: str = Field(alias="for")
    against: str

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("factor")
    @classmethod
    def _known(cls, v: str) -> str:
        if v not in {str(f) for f in Factor}:
            known = ", ".join(str(f) for f in Factor)
            raise ValueError(f"unknown factor {v!r}; the factors are {known}")
        return v


class Essay(Model):
    question: str
    scaffold: list[str] = Field(min_length=3, description="A paragraph plan, one step each.")
    model_answer: list[str] = Field(min_length=3, description="Paragraphs.")
    indicative: list[str] = Field(min_length=3, description="What a good answer may use.")


class Simplification(Model):
    topic: str
    game: str = Field(description="What the game does.")
    history: str = Field(description="What happened.")
    why: str = Field(description="Why the game departs from it.")


class ScenarioMaterial(Model):
    """One scenario's teacher file; every section may be left out."""

    scenario: str = Field(pattern=_ID)
    summary: str = ""
    content_note: str = Field(
        "", description="What in the scenario may upset students, and how to prepare them."
    )
    lessons: list[LessonPlan] = Field(default_factory=list)
    roles: list[RoleCard] = Field(default_factory=list)
    factors: list[FactorNote] = Field(default_factory=list)
    essay: Essay | None = None
    simplifications: list[Simplification] = Field(default_factory=list)
    reading: list[str] = Field(default_factory=list, description="Ids of common.yaml's reading.")
    borrow_from: str | None = Field(
        None, pattern=_ID, description="Another scenario's file to take sections from."
    )
    borrow: list[Section] = Field(
        default_factory=list, description="The sections taken from `borrow_from` when left out."
    )


# ----- loading ----------------------------------------------------------------------------------


def _read(path: Path) -> tuple[object, Locator]:
    data, root = read_data_file(path, TeacherDataError)
    if root is None:
        raise TeacherDataError(str(path), ["the file is empty"])
    return data, Locator(root)


def _validate(model: type[M], path: Path) -> M:
    data, locator = _read(path)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        problems = []
        for err in e.errors():
            loc = tuple(err["loc"])
            line, col = locator.position(loc)
            field = ".".join(str(x) for x in loc) or "(top)"
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(f"{field}: {msg} at line {line}, column {col}")
        raise TeacherDataError(str(path), problems) from None


@functools.cache
def common(folder: Path = ASSETS) -> Common:
    """The shared material (sources, further reading, mark scheme)."""
    return _validate(Common, folder / COMMON)


@functools.cache
def scenario_file(scenario_id: str, folder: Path = ASSETS) -> ScenarioMaterial | None:
    """The teacher file of a scenario, or None if it has none. Its reading ids are checked
    against common.yaml."""
    path = folder / f"{scenario_id}.yaml"
    if not path.exists():
        return None
    material = _validate(ScenarioMaterial, path)
    if material.scenario != scenario_id:
        raise TeacherDataError(
            str(path), [f"the file is for scenario {material.scenario!r}, not {scenario_id!r}"]
        )
    if material.borrow and material.borrow_from is None:
        raise TeacherDataError(str(path), ["borrow: name the file to borrow from in borrow_from"])
    lender = material.borrow_from
    if lender is not None and (lender == scenario_id or not (folder / f"{lender}.yaml").exists()):
        raise TeacherDataError(
            str(path), [f"borrow_from: there is no teacher file {material.borrow_from}.yaml"]
        )
    known = {r.id for r in common(folder).reading}
    unknown = [r for r in material.reading if r not in known]
    if unknown:
        raise TeacherDataError(
            str(path), [f"reading: {unknown[0]!r} is not in {COMMON}'s reading list"]
        )
    return material

"""The modder's reference (docs/modding.md) and the JSON Schema (docs/scenario.schema.json).

Both are generated from the models by ``game.content.reference``; these tests make sure the
committed files are current, that the reference covers everything a scenario can contain, that
every example in it is valid, that the schema agrees with the loader on the shipped scenarios
and refuses what the loader refuses, and that the tutorial's scenario plays to the end.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from pydantic import TypeAdapter

from game.ai import play_ai_game
from game.content import reference
from game.content.loader import ScenarioError, load_scenario_text
from game.engine.actions import ActionKind
from game.engine.conditions import CONDITION_TYPES, Condition
from game.engine.effects import EFFECT_TYPES, Effect
from game.engine.scenario import POWER_RULES, Factor, Power, Rules
from helpers import ROOT, SCENARIO_DIR, TWO_RIVALS

SHIPPED = [TWO_RIVALS, *sorted(SCENARIO_DIR.glob("*.yaml"))]
SHIPPED_IDS = [p.relative_to(ROOT).as_posix() for p in SHIPPED]


@pytest.fixture(scope="module")
def markdown() -> str:
    return reference.modding_markdown()


@pytest.fixture(scope="module")
def schema() -> dict:
    return reference.json_schema()


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


def kind(cls) -> str:
    return cls.model_fields["type"].default


# ----- the committed files ----------------------------------------------------------------------


@pytest.mark.parametrize("path", [reference.MODDING_MD, reference.SCHEMA_JSON, reference.TEMPLATE],
                         ids=lambda p: p.name)
def test_generated_file_is_up_to_date(path: Path):
    expected = reference.generated()[path]
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    assert current == expected, (
        f"{path.relative_to(ROOT)} is out of date with the models; regenerate it with "
        f"`{reference.REGENERATE}` and commit the result"
    )


def test_check_mode_reports_stale_files(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(reference, "MODDING_MD", tmp_path / "modding.md")
    monkeypatch.setattr(reference, "SCHEMA_JSON", tmp_path / "scenario.schema.json")
    monkeypatch.setattr(reference, "TEMPLATE", tmp_path / "harbour.yaml")
    assert reference.main(["--check"]) == 1
    assert reference.main([]) == 0
    assert reference.main(["--check"]) == 0
    (tmp_path / "modding.md").write_text("old\n", encoding="utf-8")
    capsys.readouterr()
    assert reference.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "modding.md is out of date" in out and reference.REGENERATE in out
    assert "schema" not in out


# ----- the reference covers everything ----------------------------------------------------------


def test_every_effect_and_condition_kind_has_a_section(markdown):
    for family, classes in (("Effect", EFFECT_TYPES), ("Condition", CONDITION_TYPES)):
        for cls in classes:
            assert f"#### {family} `{kind(cls)}`" in markdown, (family, kind(cls))


def test_every_rule_action_power_and_factor_is_listed(markdown):
    rules = markdown[markdown.index("### Rules"):markdown.index("### Effects")]
    for name, info in Rules.model_fields.items():
        assert f"| `{name}` |" in rules, name
        assert info.description, f"rule {name!r} has no description"
    actions = markdown[markdown.index("### Actions"):markdown.index("### Powers")]
    for k in ActionKind:
        assert f"| `{k.value}` |" in actions, k
    powers = markdown[markdown.index("### Powers"):markdown.index("### Factors")]
    for p in Power:
        assert f"| `{p.value}` | {POWER_RULES[p]} |" in powers, f"no row for the power {p.value!r}"
    for f in Factor:
        assert f"| `{f.value}` |" in markdown, f


def test_every_field_is_documented(markdown):
    """Every field a scenario file can contain appears in the reference with a description."""
    missing = []
    for model, _ in reference.scenario_models():
        assert f"### {reference.title_of(model)}\n" in markdown, model
        for name, info in model.model_fields.items():
            if not info.description:
                missing.append(f"{model.__name__}.{name}")
    for cls in (*EFFECT_TYPES, *CONDITION_TYPES):
        for name, info in cls.model_fields.items():
            if name != "type" and not info.description:
                missing.append(f"{cls.__module__.rsplit('.', 1)[1]}.{cls.__name__}.{name}")
    assert not missing, "fields without a description (add `description=` to their Field): " \
        + ", ".join(missing)


def test_links_point_to_headings(markdown):
    prose = re.sub(r"```.*?```", "", markdown, flags=re.S)
    anchors = {reference.slug(h) for h in re.findall(r"^#+ (.+)$", prose, re.M)}
    links = set(re.findall(r"\]\(#([^)]+)\)", markdown))
    assert links - anchors == set()


@pytest.mark.parametrize("entry", [*reference.entry_docs("Effect"),
                                   *reference.entry_docs("Condition")],
                         ids=lambda e: f"{e.family}-{e.kind}")
def test_every_example_is_valid(entry, markdown, validator, schema):
    """Each docstring's example parses as its own kind, with the loader and with the schema."""
    assert entry.example, f"the docstring of {entry.cls.__name__} has no `Example:`"
    snippet = reference.example_yaml(entry)
    assert snippet.rstrip() in markdown
    data = yaml.safe_load(snippet)
    if entry.family == "Effect":
        value = TypeAdapter(list[Effect]).validate_python(data["effects"])[0]
        item = data["effects"][0]
    else:
        value = TypeAdapter(Condition).validate_python(data["condition"])
        item = data["condition"]
    assert type(value) is entry.cls
    one = {"$defs": schema["$defs"], "$ref": f"#/$defs/{entry.family}"}
    jsonschema.Draft202012Validator(one).validate(item)


# ----- the JSON Schema --------------------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"] == "Politburo scenario"
    assert list(schema)[:4] == ["$schema", "$id", "title", "description"]


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_schema_accepts_shipped_scenarios(path, validator):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(data)]
    assert not problems, problems


@pytest.mark.parametrize("path", SHIPPED, ids=SHIPPED_IDS)
def test_shipped_scenarios_point_editors_at_the_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    expected = reference.schema_comment(path)
    assert first == expected, f"make this the first line of {path.name}: {expected}"
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == reference.SCHEMA_JSON.resolve()


def two_rivals() -> dict:
    return yaml.safe_load(TWO_RIVALS.read_text(encoding="utf-8"))


def test_schema_rejects_an_unknown_field(validator):
    data = two_rivals()
    data["contenders"][0]["charisma"] = 90
    errors = list(validator.iter_errors(data))
    assert errors and "'charisma' was unexpected" in errors[0].message


def test_schema_rejects_an_unknown_effect_kind(validator):
    data = two_rivals()
    data["events"][0]["effects"] = [{"purge": {"who": "vera"}}]
    errors = list(validator.iter_errors(data))
    assert [e.json_path for e in errors] == ["$.events[0].effects[0]"]


def test_schema_rejects_an_unknown_condition_kind_and_rule(validator):
    data = two_rivals()
    data["outcomes"][0]["condition"] = {"rules_all": {"organ": "politburo"}}
    data["events"][0]["effects"] = [{"rule": {"name": "enrolment_opn", "value": True}}]
    paths = sorted(e.json_path for e in validator.iter_errors(data))
    assert paths == ["$.events[0].effects[0]", "$.outcomes[0].condition"]


def test_schema_accepts_every_spelling_the_loader_accepts(validator):
    """One-key mappings, bare names, a null body, a value alone, and the tagged form."""
    data = two_rivals()
    data["events"][0]["effects"] = [
        {"type": "rule", "name": "enrolment_open", "value": True},
        "mood",
        {"mood": None},
    ]
    data["outcomes"][0]["condition"] = {"type": "all", "items": [
        "politburo_majority",
        {"platform": None},
        {"not": {"rule": "patronage"}},
        {"after": "1950-Q2"},
        {"any": [{"type": "before", "value": "1951-Q1"}]},
    ]}
    assert list(validator.iter_errors(data)) == []
    load_scenario_text(yaml.safe_dump(data))  # and the loader agrees


def test_schema_and_loader_agree_on_wrong_values(validator):
    for change in (
        lambda d: d["contenders"][0]["qualities"].update(prestige=120),
        lambda d: d["contenders"][0].update(colour="red"),
        lambda d: d["events"][1]["choices"][0]["effects"][0]["mood"].update(line=3),
        lambda d: d["contenders"][0]["ai"]["weights"].update(plot=2),
        lambda d: d.update(action_costs={"appointt": 2}),
        lambda d: d["outcomes"][1]["condition"].update(in_organ={"organ": "cabinet"}),
    ):
        data = copy.deepcopy(two_rivals())
        change(data)
        assert list(validator.iter_errors(data)), data
        with pytest.raises(ScenarioError):
            load_scenario_text(yaml.safe_dump(data))


# ----- the tutorial -----------------------------------------------------------------------------


def tutorial_section(markdown: str) -> str:
    return markdown[markdown.index("## Tutorial"):markdown.index("## Reference")]


def test_tutorial_final_yaml_loads_and_plays_to_the_end(markdown):
    blocks = re.findall(r"```yaml\n(.*?)```", tutorial_section(markdown), re.S)
    final = blocks[-1]
    assert final == reference.tutorial_yaml()
    scenario = load_scenario_text(final, "tutorial")
    assert len(scenario.contenders) == 2
    match = play_ai_game(scenario, seed=1)
    assert match.state.finished
    assert match.state.turn == scenario.calendar.turns


def test_tutorial_is_complete_from_the_step_it_says(markdown):
    steps = reference.TUTORIAL
    first = next(i for i, s in enumerate(steps, 1) if s.complete)
    assert f"From step {first} on" in tutorial_section(markdown)
    for n in range(1, len(steps) + 1):
        text = reference.tutorial_yaml(n)
        if n < first:
            with pytest.raises(ScenarioError):
                load_scenario_text(text)
        else:
            load_scenario_text(text)


def test_tutorial_uses_the_commands_it_teaches(markdown):
    text = tutorial_section(markdown)
    assert "politburo validate harbour.yaml" in text
    assert "politburo play --text --scenario harbour.yaml" in text


# ----- your first scenario in 30 minutes --------------------------------------------------------


def quickstart_section(markdown: str) -> str:
    return markdown[markdown.index("## Your first scenario in 30"):markdown.index("## The tools")]


def test_the_quickstart_opens_the_page(markdown):
    headings = re.findall(r"^## (.+)$", markdown, re.M)
    assert headings[0] == "Your first scenario in 30 minutes"
    minutes = [int(m) for m in re.findall(r"^### \d+\. .+\((\d+) minutes?\)$",
                                           quickstart_section(markdown), re.M)]
    assert len(minutes) == 9 and sum(minutes) <= 30


def test_the_quickstart_says_what_each_command_does(markdown, run, home, tmp_path, monkeypatch):
    """Follow the walk-through from scratch: every command prints what the page says it does,
    and each YAML block, pasted where the page says, keeps the scenario valid."""
    page = quickstart_section(markdown)
    says = reference.QUICK_SAYS
    for text in says.values():
        assert text in page
    for block in (reference.QUICK_CONTENDER, reference.QUICK_OFFICE, reference.QUICK_EVENT,
                  reference.QUICK_MILESTONE.lstrip("\n")):
        assert f"```yaml\n{block}```" in page
    monkeypatch.chdir(tmp_path)
    river = tmp_path / reference.QUICK_FILE

    def validate() -> tuple[int, str]:
        code, out, _ = run(["validate", reference.QUICK_FILE])
        return code, out.strip()

    def edit(old: str, new: str) -> None:
        text = river.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        river.write_text(text.replace(old, new), encoding="utf-8")

    def paste(block: str, before: str | None) -> None:
        text = river.read_text(encoding="utf-8")
        river.write_text(reference.quick_edit(text, block, before), encoding="utf-8")

    places = dict(reference.QUICK_PLACES)
    ok = (0, "river.yaml: ok")
    code, out, _ = run(["new", reference.QUICK_FILE])
    assert (code, out.strip()) == (0, says["new"])
    assert run(["new", reference.QUICK_FILE])[0] == 1  # never over an existing file
    assert validate() == ok
    edit("id: harbour_commune", "id: River Port")
    assert validate() == (1, says["bad_id"])
    edit("id: River Port", "id: harbour_commune")
    for old, new in reference.QUICK_RENAMED.items():
        edit(old, new)
    assert validate() == ok
    paste(reference.QUICK_CONTENDER, places[reference.QUICK_CONTENDER])
    assert validate() == (1, says["contender"])
    for old, new in reference.QUICK_SEATS.items():
        edit(old, new)
    paste(reference.QUICK_OFFICE, places[reference.QUICK_OFFICE])
    assert validate() == ok
    paste(reference.QUICK_EVENT, places[reference.QUICK_EVENT])
    assert validate() == ok
    edit("decider: ruth", "decider: rut")
    assert validate() == (1, says["decider"])
    edit("decider: rut", "decider: ruth")
    paste(reference.QUICK_MILESTONE, None)
    assert validate() == ok
    scenario = load_scenario_text(river.read_text(encoding="utf-8"), "river")
    assert scenario.id == "river_port" and len(scenario.contenders) == 3
    code, out, _ = run(["check", reference.QUICK_FILE, "--games", 20, "--jobs", 1])
    assert code == 0
    shown = re.search(r"```text\n(CHECK OF .*?)```", page, re.S).group(1)
    assert out.startswith(shown), "step 8 no longer shows what check prints"


def test_new_writes_the_shipped_template(run, home, tmp_path):
    target = tmp_path / "deep" / "mine.yaml"
    target.parent.mkdir()
    assert run(["new", target])[0] == 0
    assert target.read_text(encoding="utf-8") == reference.template_yaml()
    assert (target.parent / "scenario.schema.json").is_file()
    code, _, err = run(["new", tmp_path / "notes.txt"])
    assert code == 1 and "ends in .yaml" in err and not (tmp_path / "notes.txt").exists()

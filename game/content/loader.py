"""Loading scenario files: safe YAML with limits (:mod:`game.content.safe_yaml`), then the
validator's two passes.

Scenario files never run code, and files larger than :data:`~game.content.safe_yaml.MAX_BYTES`
are refused before they are parsed. :func:`load_scenario` runs the same checks as `politburo
validate` (:mod:`game.content.validate`) and refuses a scenario with any error; warnings never
stop one from loading.
"""

from __future__ import annotations

import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine.scenario import Scenario
from game.resources import scenarios_folder

from .safe_yaml import MAX_BYTES
from .validate import check_bytes, check_text

SCENARIO_DIR = scenarios_folder()


class ScenarioError(Exception):
    """A scenario that cannot be loaded; ``problems`` holds every message found, each ending
    with its place in the file (``unknown field 'titel' (did you mean 'title'?) at line 12,
    column 5``). ``found`` holds the validator's problems themselves when it found them; the
    error's text is then one ``path:line:col: error: message`` line per problem."""

    def __init__(self, path: str, problems: list[str], found: Sequence[Any] = ()) -> None:
        self.path = path
        self.problems = problems
        self.found = tuple(found)
        if self.found:
            text = "\n".join(str(p) for p in self.found)
        else:
            text = "\n".join(f"{path}: {p}" for p in problems)
        super().__init__(text)

    def __reduce__(self):
        return (type(self), (self.path, self.problems, self.found))


@dataclass(frozen=True, slots=True)
class LoadedScenario:
    scenario: Scenario
    path: Path


def load_scenario_text(text: str, path: str = "<scenario>") -> Scenario:
    """Validate scenario YAML text; raise ScenarioError listing every error (the validator's
    two passes, without its warnings: they never stop a scenario from loading)."""
    return _loaded(*check_text(text, path, warnings=False), path)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file; raise ScenarioError with a clear message."""
    p = Path(path)
    try:
        if not stat.S_ISREG(p.stat().st_mode):  # a folder, a pipe, a device
            raise ScenarioError(str(p), ["cannot read file: not a regular file"])
        with open(p, "rb") as f:
            raw = f.read(MAX_BYTES + 1)  # bounded: a device that never ends is no scenario
    except OSError as e:
        raise ScenarioError(str(p), [f"cannot read file: {e.strerror or e}"]) from None
    if len(raw) > MAX_BYTES:
        raise ScenarioError(str(p), [f"file is larger than {MAX_BYTES // 1_000_000} MB"])
    return _loaded(*check_bytes(raw, str(p), warnings=False), str(p))


def _loaded(scenario: Scenario | None, problems: Sequence[Any], path: str) -> Scenario:
    errors = [p for p in problems if p.severity == "error"]
    if scenario is None or errors:
        texts = []
        for p in errors:
            whole_file = p.message.startswith(("file ", "cannot read file"))
            place = "" if whole_file else f" at line {p.line}, column {p.col}"
            texts.append(p.message + (f" ({p.hint})" if p.hint else "") + place)
        raise ScenarioError(path, texts, errors)
    return scenario


def shipped_scenarios() -> list[Path]:
    return sorted(SCENARIO_DIR.glob("*.yaml"))


def find_scenario(name: str) -> Path:
    """A scenario path from a file path or a shipped scenario id."""
    p = Path(name)
    if p.suffix in (".yaml", ".yml") or p.exists():
        return p
    candidate = SCENARIO_DIR / f"{name}.yaml"
    if candidate.exists():
        return candidate
    known = ", ".join(q.stem for q in shipped_scenarios())
    raise ScenarioError(name, [f"no such scenario; shipped scenarios are: {known}"])

"""Loading scenario files: safe YAML with limits, then pydantic validation.

Scenario files never run code: PyYAML's safe loader builds only plain data, aliases and nesting
are bounded (an alias bomb is refused, not expanded), and files larger than
:data:`MAX_BYTES` are refused before they are parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from game.engine.scenario import Scenario

MAX_BYTES = 2_000_000
MAX_ALIASES = 200
MAX_DEPTH = 40
SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"


class ScenarioError(Exception):
    """A scenario that cannot be loaded; ``problems`` holds every message found."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(f"{path}: {p}" for p in problems))

    def __reduce__(self):
        return (type(self), (self.path, self.problems))


class _LimitedLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys, too many aliases and too deep nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise yaml.YAMLError(f"line {mark.line + 1}: more than {MAX_ALIASES} aliases")
        depth = getattr(self, "_depth", 0)
        if depth > MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise yaml.YAMLError(f"line {mark.line + 1}: nested deeper than {MAX_DEPTH} levels")
        self._depth = depth + 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise yaml.constructor.ConstructorError(
                    None, None, f"line {line}: duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_yaml(text: str) -> Any:
    """Parse YAML text safely, within the limits; raises yaml.YAMLError."""
    loader = _LimitedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


@dataclass(frozen=True, slots=True)
class LoadedScenario:
    scenario: Scenario
    path: Path


def load_scenario_text(text: str, path: str = "<scenario>") -> Scenario:
    """Validate scenario YAML text; raise ScenarioError listing every problem."""
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as e:
        raise ScenarioError(path, [f"not valid YAML: {e}"]) from None
    if not isinstance(data, dict):
        raise ScenarioError(path, ["a scenario must be a mapping of fields at the top level"])
    try:
        return Scenario.model_validate(data)
    except ValidationError as e:
        problems = [
            f"{'.'.join(str(p) for p in err['loc']) or '(top)'}: {err['msg']}"
            for err in e.errors()
        ]
        raise ScenarioError(path, problems) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file; raise ScenarioError with a clear message."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_BYTES:
            raise ScenarioError(str(p), [f"file is larger than {MAX_BYTES // 1_000_000} MB"])
        raw = p.read_bytes()
    except OSError as e:
        raise ScenarioError(str(p), [f"cannot read file: {e.strerror}"]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(str(p), ["file is not UTF-8 text"]) from None
    return load_scenario_text(text, str(p))


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

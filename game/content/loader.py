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


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster
MAX_NODES = 200_000  # nodes after aliases are expanded: an alias bomb is refused, not built


def _check_tree(root: yaml.Node) -> None:
    """Refuse duplicate keys, nesting deeper than MAX_DEPTH, more than MAX_ALIASES aliases and
    documents that would expand to more than MAX_NODES nodes. The walk visits each node once,
    so a hostile document cannot make the check itself slow."""
    sizes: dict[int, int] = {}
    aliases = 0

    def walk(node: yaml.Node, depth: int) -> int:
        nonlocal aliases
        if id(node) in sizes:
            aliases += 1
            if aliases > MAX_ALIASES:
                raise yaml.YAMLError(f"line {node.start_mark.line + 1}: more than "
                                     f"{MAX_ALIASES} aliases")
            return sizes[id(node)]
        if depth > MAX_DEPTH:
            raise yaml.YAMLError(f"line {node.start_mark.line + 1}: nested deeper than "
                                 f"{MAX_DEPTH} levels")
        size = 1
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise yaml.YAMLError(
                            f"line {key.start_mark.line + 1}: duplicate key {key.value!r}")
                    seen.add(key.value)
                size += walk(key, depth + 1) + walk(value, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            size += sum(walk(item, depth + 1) for item in node.value)
        if size > MAX_NODES:
            raise yaml.YAMLError(f"line {node.start_mark.line + 1}: the document expands to "
                                 f"more than {MAX_NODES} nodes")
        sizes[id(node)] = size
        return size

    walk(root, 0)


def parse_yaml(text: str) -> Any:
    """Parse YAML text safely, within the limits; raises yaml.YAMLError."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        raise yaml.YAMLError(f"nested deeper than {MAX_DEPTH} levels") from None
    if root is None:
        return None
    _check_tree(root)
    return _Loader("").construct_document(root)


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

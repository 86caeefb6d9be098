"""Loading scenario files: safe YAML with limits, then the validator's two passes.

Scenario files never run code: PyYAML's safe constructor builds only plain data; nesting,
aliases and the number of nodes are bounded (an alias bomb is refused, not expanded) and
checked as the document is read, without recursion; files larger than :data:`MAX_BYTES` are
refused before they are parsed. :func:`load_scenario` runs the same checks as `politburo
validate` (:mod:`game.content.validate`) and refuses a scenario with any error; warnings never
stop one from loading.
"""

from __future__ import annotations

import gc
import stat
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from game.engine.scenario import Scenario
from game.resources import scenarios_folder

MAX_BYTES = 2_000_000
MAX_ALIASES = 200
MAX_DEPTH = 40
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


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster
# Nodes after aliases are expanded: an alias bomb is refused, not built. The main scenario has
# about 4,000. Reading a node costs some 10-20 microseconds all told (events, node, Python
# value), so this also bounds the time a hostile file can take to a few tenths of a second.
MAX_NODES = 25_000


class YAMLLimitError(yaml.MarkedYAMLError):
    """A document refused for its shape (duplicate key, nesting, aliases, size), not its
    syntax; ``problem_mark`` is where the trouble is."""

    def __init__(self, problem: str, mark: yaml.Mark) -> None:
        super().__init__(problem=problem, problem_mark=mark)

    def __str__(self) -> str:
        mark = self.problem_mark
        return f"line {mark.line + 1}, column {mark.column + 1}: {self.problem}"


@contextmanager
def _no_gc():
    """Without the cyclic garbage collector: building tens of thousands of nodes otherwise
    triggers its full sweeps again and again (it doubles the time of a large file)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def compose_yaml(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (None when the text holds none), built from
    libyaml's events without recursion: libyaml's own composer recurses in C, and a few tens of
    thousands of ``[`` crash the interpreter.

    Refuses, with the position of the trouble, as soon as the document crosses a limit (so a
    hostile one is refused fast): a duplicate key (at the second key), nesting deeper than
    MAX_DEPTH, more than MAX_ALIASES aliases, an alias to a collection from inside it, more
    than MAX_NODES nodes with aliases expanded, a second document."""
    with _no_gc():
        loader = _Loader(text)
        try:
            return _compose(loader)
        except yaml.MarkedYAMLError as err:
            raise _as_nesting_limit(err) from None
        finally:
            loader.dispose()


def _as_nesting_limit(err: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    """PyYAML 6.0.4 and later refuse deep nesting in their scanner, before our own count of
    levels sees it, with a message of their own: say it the game's way, whichever answers."""
    if "nesting depth" in (err.problem or "") and err.problem_mark is not None:
        return YAMLLimitError(f"nested deeper than {MAX_DEPTH} levels", err.problem_mark)
    return err


def _compose(loader: Any) -> yaml.Node | None:  # noqa: C901 - one loop over the event stream
    get = loader.get_event
    resolve = loader.resolve
    get()  # stream start
    event = get()
    if isinstance(event, yaml.StreamEndEvent):
        return None
    anchors: dict[str, yaml.Node] = {}
    sizes: dict[int, int] = {}  # id(collection) -> nodes it stands for, aliases expanded
    # The open collections: [node, expanded size so far, pending key, {key: its node}]
    stack: list[list[Any]] = []
    aliases = 0
    scalar_node, sequence_node, mapping_node = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    while True:
        event = get()
        cls = type(event)
        if cls is yaml.ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(scalar_node, event.value, event.implicit)
            node = scalar_node(tag, event.value, event.start_mark, event.end_mark,
                               style=event.style)
            if event.anchor is not None:
                anchors[event.anchor] = node
            size = 1
        elif cls is yaml.SequenceStartEvent or cls is yaml.MappingStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise YAMLLimitError(f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
            kind = sequence_node if cls is yaml.SequenceStartEvent else mapping_node
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(kind, None, event.implicit)
            node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
            if event.anchor is not None:
                anchors[event.anchor] = node
            stack.append([node, 1, None, {} if kind is mapping_node else None])
            continue
        elif cls is yaml.SequenceEndEvent or cls is yaml.MappingEndEvent:
            node, size, _, _ = stack.pop()
            node.end_mark = event.end_mark
            sizes[id(node)] = size
        elif cls is yaml.AliasEvent:
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YAMLLimitError(f"more than {MAX_ALIASES} aliases", event.start_mark)
            node = anchors.get(event.anchor)
            if node is None:
                raise YAMLLimitError(f"found undefined alias {event.anchor!r}", event.start_mark)
            if type(node) is scalar_node:
                size = 1
            elif id(node) in sizes:
                size = sizes[id(node)]
            else:
                raise YAMLLimitError(f"alias {event.anchor!r} refers to a collection that "
                                     "contains it", event.start_mark)
        else:  # a second document after the first
            raise YAMLLimitError("the file holds more than one YAML document ('---' starts a "
                                 "new one); a scenario is a single document", event.start_mark)
        if not stack:
            break
        top = stack[-1]
        top[1] += size
        if top[1] > MAX_NODES:
            raise YAMLLimitError(f"the document expands to more than {MAX_NODES} nodes",
                                 event.start_mark)
        keys = top[3]
        if keys is None:
            top[0].value.append(node)
        elif top[2] is None:
            if type(node) is scalar_node:
                first = keys.get(node.value)
                if first is not None:
                    raise YAMLLimitError(f"duplicate key {node.value!r} (first on line "
                                         f"{first.start_mark.line + 1})", node.start_mark)
                keys[node.value] = node
            top[2] = node
        else:
            top[0].value.append((top[2], node))
            top[2] = None
    get()  # document end
    event = get()
    if not isinstance(event, yaml.StreamEndEvent):
        raise YAMLLimitError("the file holds more than one YAML document ('---' starts a new "
                             "one); a scenario is a single document", event.start_mark)
    return node


def parse_yaml(text: str) -> Any:
    """Parse YAML text safely, within the limits; raises yaml.YAMLError."""
    root = compose_yaml(text)
    if root is None:
        return None
    return construct_yaml(root)


def construct_yaml(root: yaml.Node) -> Any:
    """Plain Python data (dicts, lists, strings, numbers ...) from a composed node tree."""
    with _no_gc():
        return _Loader("").construct_document(root)


@dataclass(frozen=True, slots=True)
class LoadedScenario:
    scenario: Scenario
    path: Path


def load_scenario_text(text: str, path: str = "<scenario>") -> Scenario:
    """Validate scenario YAML text; raise ScenarioError listing every error (the validator's
    two passes, without its warnings: they never stop a scenario from loading)."""
    from .validate import check_text  # the validator builds on this module

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
    from .validate import check_bytes

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

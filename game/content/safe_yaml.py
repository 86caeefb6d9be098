"""Reading YAML safely and within limits: the one parser of every file the game reads (scenarios,
the encyclopedia, the teacher's material).

PyYAML's safe constructor builds only plain data, so a file never runs code. Booleans are YAML
1.2's, as editors read them: only ``true`` and ``false`` (in any of their three casings) are
booleans, so ``yes``, ``no``, ``on`` and ``off`` are text, not YAML 1.1's true and false, and
the validator and the JSON Schema agree on them (a switch written ``yes`` is refused with a
hint, and ``politburo validate --upgrade`` rewrites it). Nesting, aliases
and the number of nodes are bounded (an alias bomb is refused, not expanded) and checked as the
document is read, without recursion; callers refuse files larger than :data:`MAX_BYTES` before
they are parsed.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from typing import Any

import yaml

MAX_BYTES = 2_000_000
MAX_ALIASES = 200
MAX_DEPTH = 40
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: 10x faster
BOOL_TAG = "tag:yaml.org,2002:bool"
YAML_1_2_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, with YAML 1.2's booleans."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != BOOL_TAG]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


Loader.add_implicit_resolver(BOOL_TAG, YAML_1_2_BOOL, list("tTfF"))
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
        loader = Loader(text)
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
        return Loader("").construct_document(root)

"""Where a value sits in a YAML file: from a location path to a line and column.

Pydantic reports an error at a *location*, a path of keys and indices such as
``("events", 3, "choices", 1, "effects", 0)``; the cross-reference checks use the same kind of
path. :class:`Locator` follows such a path through the composed node tree of the file
(:func:`game.content.safe_yaml.compose_yaml`) and gives the 1-based line and column to report.

Paths may hold steps that have no node of their own in the file. An effect written ``{loyalty:
{...}}`` is validated as ``{"type": "loyalty", ...}``, so its location names the tag
(``loyalty``), which is a key in the file, and then the field; ``{after: 1925-Q1}`` is validated
as ``{"type": "after", "value": "1925-Q1"}``, whose ``value`` is not in the file. A step that
matches nothing leaves the walk where it is: the closest place the file has.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import yaml

from .safe_yaml import Loader

Loc = Sequence[str | int]
Point = Literal["value", "key", "parent"]
_MERGE = "tag:yaml.org,2002:merge"


class Locator:
    """Positions in one composed document. Each mapping's keys are indexed on first use, so
    placing many problems in a large mapping stays fast."""

    def __init__(self, root: yaml.Node | None) -> None:
        self.root = root
        self._index: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}
        self._constructor: Any = None

    def position(self, loc: Loc, point: Point = "value") -> tuple[int, int]:
        """The 1-based (line, column) to report for ``loc``.

        ``value``: the value at ``loc`` (or the closest node the file has). ``key``: the key
        whose value it is, for an unknown field. ``parent``: the mapping that should hold
        ``loc``'s last step, for a missing field: its key when it is a key's value, else its
        first line."""
        if self.root is None:
            return 1, 1
        if point == "parent":
            node, key, _ = self.walk(loc[:-1])
            node = key if key is not None else node
        else:
            node, key, matched = self.walk(loc)
            if point == "key" and matched == len(loc) and key is not None:
                node = key
        mark = node.start_mark
        return mark.line + 1, mark.column + 1

    def walk(self, loc: Loc) -> tuple[yaml.Node, yaml.Node | None, int]:
        """Follow ``loc`` as far as the file has nodes for it: the node reached, the key node
        it is the value of (None for a list item or the document), the steps matched."""
        assert self.root is not None
        node, key = self.root, None
        matched = 0
        for step in loc:
            if step == "[key]":  # pydantic: the error is in a mapping's key, not its value
                if key is not None:
                    node = key
                matched += 1
            elif isinstance(node, yaml.MappingNode):
                pair = self._lookup(node, step, 0)
                if pair is not None:
                    key, node = pair
                    matched += 1
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
                if 0 <= step < len(node.value):
                    node, key = node.value[step], None
                    matched += 1
        return node, key, matched

    def _lookup(self, mapping: yaml.MappingNode, step: str | int, depth: int):
        """The (key, value) pair of ``step`` in a mapping, looking into ``<<`` merges too."""
        index = self._index.get(id(mapping))
        if index is None:
            index = self._index[id(mapping)] = {}
            for k, v in mapping.value:
                if isinstance(k, yaml.ScalarNode):
                    index.setdefault(k.value, (k, v))
        pair = index.get(str(step))
        if pair is None and not isinstance(step, str):
            pair = self._by_value(mapping, step)
        merge = index.get("<<")
        if pair is None and merge is not None and merge[0].tag == _MERGE and depth < 8:
            m = merge[1]
            for sub in m.value if isinstance(m, yaml.SequenceNode) else [m]:
                if isinstance(sub, yaml.MappingNode):
                    pair = self._lookup(sub, step, depth + 1)
                    if pair is not None:
                        return pair
        return pair

    def _by_value(self, mapping: yaml.MappingNode, step: object):
        """A key written so that YAML reads it as a number or a boolean (``1:``, ``yes:``)."""
        if self._constructor is None:
            self._constructor = Loader("")
        for k, v in mapping.value:
            if isinstance(k, yaml.ScalarNode):
                try:
                    value = self._constructor.construct_object(k)
                except yaml.YAMLError:
                    continue
                if type(value) is type(step) and value == step:  # not True == 1
                    return k, v
        return None


def position(root: yaml.Node | None, loc: Loc, point: Point = "value") -> tuple[int, int]:
    """The 1-based (line, column) to report for ``loc`` in the document ``root`` (see
    :meth:`Locator.position`; use a Locator to place many problems in one document)."""
    return Locator(root).position(loc, point)

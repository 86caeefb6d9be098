"""Scalars as the format writes them: numbers unquoted, switches ``true`` or ``false``.

Pydantic's lax mode reads ``seats: "3"`` as 3, ``playable: "yes"`` as true and ``amount:
true`` as 1. The JSON Schema refuses them, as every editor does: a quoted number is text, and a
switch is a boolean. So the validator refuses them too: :func:`loose_scalars` walks the parsed
file along the scenario model's types and finds each value that pydantic would have converted
quietly, with what it would have made of it, which ``politburo validate --upgrade`` writes in
its place. (A model-wide ``strict=True`` would refuse these, but also the text of every enum and
the list that a tuple is written as, which YAML has no other way to write.)
"""

from __future__ import annotations

import functools
import math
import types
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from game.engine.registry import Entry, body_fields, one_key_to_tagged
from game.engine.scenario import Scenario

from .safe_yaml import parse_yaml

Loc = tuple[str | int, ...]
_SCALARS = {bool: "boolean", int: "integer", float: "number"}
_LAX = {tp: TypeAdapter(tp) for tp in _SCALARS}


@dataclass(frozen=True, slots=True)
class Loose:
    """A value written as another kind than its field's: ``written`` as in the file, ``meant``
    what pydantic's lax reading makes of it (``"inf"`` makes infinity, which no file may hold),
    ``kind`` the field's (boolean, integer, number)."""

    loc: Loc
    written: Any
    meant: Any
    kind: str

    def error(self) -> dict[str, Any]:
        """The problem as one of pydantic's errors, for the validator to word and place."""
        return {"type": "loose_scalar", "loc": self.loc, "input": self.written,
                "msg": f"must be a {self.kind}", "ctx": {"kind": self.kind, "meant": self.meant}}


def loose_scalars(data: Any, model: type[BaseModel] = Scenario) -> Iterator[Loose]:
    """Every value in ``data`` (a parsed file) that pydantic would convert to its field's
    number or boolean: text, or a boolean for a number, or a number for a boolean."""
    yield from _walk(data, model, ())


def model_field(cls: type[BaseModel], key: object):
    """The field a key names in a model, by name or alias (None if it names none)."""
    return _field_map(cls).get(key) if isinstance(key, str) else None


@functools.cache
def _field_map(cls: type[BaseModel]) -> dict[str, Any]:
    fields = cls.model_fields
    return {**{f.alias: f for f in fields.values() if f.alias}, **fields}


def _strip(tp: Any) -> Any:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp


def _walk(value: Any, tp: Any, loc: Loc) -> Iterator[Loose]:  # noqa: C901 - one case a type
    tp = _strip(tp)
    origin = get_origin(tp)
    if tp in _SCALARS:
        loose = _loose(value, tp, loc)
        if loose is not None:
            yield loose
    elif isinstance(tp, type) and issubclass(tp, BaseModel):
        if isinstance(value, dict):
            for key, item in value.items():
                field = model_field(tp, key)
                if field is not None:
                    yield from _walk(item, field.annotation, (*loc, key))
    elif origin in (list, tuple):
        args = [a for a in get_args(tp) if a is not Ellipsis]
        if isinstance(value, list) and args:
            fixed = origin is tuple and Ellipsis not in get_args(tp)
            for i, item in enumerate(value):
                if not fixed or i < len(args):
                    yield from _walk(item, args[i] if fixed else args[0], (*loc, i))
    elif origin is dict:
        if isinstance(value, dict):
            for key, item in value.items():
                yield from _walk(item, get_args(tp)[1], (*loc, key))
    elif origin in (Union, types.UnionType):
        yield from _union(value, _plan(tp), loc)


@dataclass(frozen=True, slots=True)
class _Union:
    """A union's branches (nested unions flattened, None left out) and, when every branch is
    an effect or a condition, each kind's class and the field its one-key body fills."""

    branches: tuple[Any, ...]
    kinds: dict[str, type[Entry]]
    bodies: dict[str, str | None]


_plans: dict[int, tuple[Any, _Union]] = {}  # by id: Annotated unions do not hash


def _plan(tp: Any) -> _Union:
    hit = _plans.get(id(tp))
    if hit is None or hit[0] is not tp:
        branches = tuple(_branches(tp))
        entries = tuple(a for a in branches if isinstance(a, type) and issubclass(a, Entry))
        whole = bool(entries) and len(entries) == len(branches)
        kinds = {c.model_fields["type"].default: c for c in entries} if whole else {}
        hit = _plans[id(tp)] = (tp, _Union(branches, kinds, body_fields(entries) if whole
                                           else {}))
    return hit[1]


def _branches(tp: Any) -> list[Any]:
    out: list[Any] = []
    for arg in get_args(tp):
        arg = _strip(arg)
        if get_origin(arg) in (Union, types.UnionType):
            out += _branches(arg)
        elif arg is not type(None):
            out.append(arg)
    return out


def _union(value: Any, plan: _Union, loc: Loc) -> Iterator[Loose]:
    """A value of a union: an effect or condition by its kind, a scalar against every branch,
    a mapping or list against the one branch of its shape."""
    args = plan.branches
    if plan.kinds:
        tagged = one_key_to_tagged(value, plan.bodies)
        if isinstance(tagged, dict) and isinstance(tagged.get("type"), str):
            cls = plan.kinds.get(tagged["type"])
            if cls is not None:
                yield from _walk(tagged, cls, (*loc, tagged["type"]))
        return
    if isinstance(value, dict | list):
        shaped = [a for a in args if _holds(a, value)]
        if len(shaped) == 1:
            yield from _walk(value, shaped[0], loc)
        return
    if value is None or any(_takes_as_is(a, value) for a in args):
        return
    for a in args:
        loose = _loose(value, a, loc) if a in _SCALARS else None
        if loose is not None:
            yield loose
            return


def _holds(tp: Any, value: dict | list) -> bool:
    if isinstance(value, dict):
        return get_origin(tp) is dict or isinstance(tp, type) and issubclass(tp, BaseModel)
    return get_origin(tp) in (list, tuple)


def _takes_as_is(tp: Any, value: Any) -> bool:
    """Whether a union's branch ``tp`` takes a scalar as it is, without converting it."""
    if tp is Any:
        return True
    if get_origin(tp) is Literal:
        return value in get_args(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return isinstance(value, str)
    if tp is str:
        return isinstance(value, str)
    if tp is bool:
        return isinstance(value, bool)
    if tp in (int, float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    return False


def _loose(value: Any, tp: type, loc: Loc) -> Loose | None:
    if tp is bool:
        if isinstance(value, bool):
            return None
    elif not isinstance(value, str | bool):  # a number for a number: the model judges it
        return None
    try:
        meant = _LAX[tp].validate_python(value)
    except ValidationError:
        return None  # not convertible: the model's own error says what is wrong
    return Loose(loc, value, meant, _SCALARS[tp])


def replacement(loose: Loose) -> str | None:
    """The YAML to write in place of a loose scalar: the number or boolean it stands for,
    keeping the modder's digits when they read as that number unquoted (``"0.50"`` becomes
    ``0.50``); None when there is none (``"inf"``: no file may hold infinity)."""
    meant = loose.meant
    if isinstance(meant, bool):
        return "true" if meant else "false"
    if isinstance(meant, float) and not math.isfinite(meant):
        return None
    if isinstance(loose.written, str):
        digits = loose.written.strip()
        try:
            read = parse_yaml(digits)
        except yaml.YAMLError:
            read = None
        if type(read) in (int, float) and read == meant:
            return digits
    return repr(meant)

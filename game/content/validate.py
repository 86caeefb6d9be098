"""The scenario validator: every problem in a scenario file, each on its line.

Checks run in two passes, as Ren'Py's and Unciv's validators do:

1. **Structure.** The file must be UTF-8 YAML within the loader's limits, and fit the
   :class:`~game.engine.scenario.Scenario` model. Every pydantic error is reported, rewritten in
   a modder's words ("unknown field 'titel' (did you mean 'title'?)", "unknown effect
   'prestig'") and placed on the line and column of the value (or of the key, for an unknown
   field) by :mod:`game.content.yaml_lines`.
2. **Cross-references**, only when the structure is sound: the engine's own checks
   (:func:`~game.engine.scenario.cross_reference_problems`: unknown and duplicate ids, with
   "did you mean" hints) and this module's :func:`analyse`, which looks for content that can
   never come into play: events that can never fire, outcomes that can never be reached,
   offices nobody can ever hold, contenders with nothing to stand on.

Errors are what breaks loading or play; warnings are likely mistakes, and never stop a scenario
from loading. The checks never run code from the file, never print a traceback, and refuse
hostile input (huge files, alias bombs, deep nesting, binary data) quickly.
"""

from __future__ import annotations

import difflib
import itertools
import math
import os
import re
import stat
import types
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from game.engine.conditions import CONDITION_TYPES
from game.engine.dates import DATE_PATTERN
from game.engine.effects import EFFECT_TYPES
from game.engine.registry import Entry, body_fields
from game.engine.scenario import (
    Calendar,
    ReferenceProblem,
    Scenario,
    _scenario_entries,
    cross_reference_problems,
    locate_in_file,
    patched_with_origins,
)

from .limits import limit_problems
from .safe_yaml import MAX_BYTES, YAMLLimitError, compose_yaml, construct_yaml
from .strict import Loose, loose_scalars, model_field, replacement
from .yaml_lines import Loc, Locator, Point

Severity = Literal["error", "warning"]
MAX_PROBLEMS = 200  # a file with more has a deeper trouble than any list can show


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a scenario file: where (1-based line and column), how bad, what, and
    optionally a hint such as "did you mean 'stalin'?"."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        return format_problem(self)


def did_you_mean(name: object, known: Iterable[str]) -> str | None:
    """"did you mean 'x'?" for the known name closest to ``name``, if one is close."""
    if not isinstance(name, str):
        return None
    names = sorted(set(known))
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    close = close or [k for k in names if k.lower() == name.lower()][:1]
    return f"did you mean {close[0]!r}?" if close else None


def _reference_hint(p: ReferenceProblem) -> str | None:
    if p.hint or p.name is None:
        return p.hint
    few = f"expected one of: {', '.join(p.known)}" if 0 < len(p.known) <= 8 else None
    return did_you_mean(p.name, p.known) or few


def format_problem(p: Problem) -> str:
    """``path:line:col: error: message (hint)``: the form compilers use, which editors link."""
    hint = f" ({p.hint})" if p.hint else ""
    return f"{p.path}:{p.line}:{p.col}: {p.severity}: {p.message}{hint}"


# ----- entry points ---------------------------------------------------------------------------


def validate_paths(paths: Iterable[str | Path]) -> tuple[list[Problem], bool]:
    """Every problem in every file, and whether any of them is an error (exit status 1)."""
    problems: list[Problem] = []
    for p in paths:
        problems += validate_file(p)
    return problems, any(p.severity == "error" for p in problems)


def validate_file(path: str | Path) -> list[Problem]:
    """Every problem in one scenario file."""
    return check_file(path)[1]


def validate_text(text: str, path: str = "<scenario>") -> list[Problem]:
    """Every problem in scenario YAML text; ``path`` is only used to label the problems."""
    return check_text(text, path)[1]


def check_file(path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """The scenario in a file (None if it has an error) and every problem found in it. Reads at
    most MAX_BYTES: a larger file (or a device that never ends) is refused unparsed."""
    raw, problem = read_file(path)
    if problem is not None:
        return None, [problem]
    return check_bytes(raw, str(path))


def read_file(path: str | Path) -> tuple[bytes, Problem | None]:
    """The bytes of a scenario file, or the problem that stops it being read: not a regular
    file, unreadable, larger than MAX_BYTES (at most that much is read)."""
    name = str(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a folder, a pipe, a device
            return b"", Problem(name, 1, 1, "error", "cannot read file: not a regular file")
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        return b"", Problem(name, 1, 1, "error", f"cannot read file: {e.strerror or e}")
    if len(raw) > MAX_BYTES:
        return b"", _too_large(name)
    return raw, None


def check_bytes(raw: bytes, path: str = "<scenario>",
                warnings: bool = True) -> tuple[Scenario | None, list[Problem]]:
    """Like :func:`check_text`, for the bytes of a file: refuses anything but UTF-8 text."""
    if len(raw) > MAX_BYTES:
        return None, [_too_large(path)]
    text, problem = decode(raw, path)
    if problem is not None:
        return None, [problem]
    return check_text(text, path, warnings)


def check_text(text: str, path: str = "<scenario>",
               warnings: bool = True) -> tuple[Scenario | None, list[Problem]]:
    """The scenario (None if any problem is an error) and every problem, sorted by line.
    ``warnings=False`` skips the search for likely mistakes, for loading a scenario to play."""
    try:
        scenario, problems, complete = _check(text, path, warnings)
    except Exception as e:  # noqa: BLE001 - the last line of defence: a message, not a traceback
        return None, [Problem(path, 1, 1, "error", f"the validator failed on this file "
                              f"({type(e).__name__}: {e}); please report it")]
    problems = sorted(dict.fromkeys(problems), key=lambda p: (p.line, p.col))
    if len(problems) > MAX_PROBLEMS or not complete:
        more = f"{len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else "more"
        problems = problems[:MAX_PROBLEMS]
        last = problems[-1]
        problems.append(Problem(path, last.line, last.col, last.severity, f"... and {more} "
                                "problems after these; fix these first"))
    if any(p.severity == "error" for p in problems):
        scenario = None
    return scenario, problems


# ----- reading --------------------------------------------------------------------------------


def _too_large(path: str) -> Problem:
    return Problem(path, 1, 1, "error", f"file is larger than {MAX_BYTES // 1_000_000} MB; a "
                   "scenario is far smaller, so it was not read")


def decode(raw: bytes, path: str) -> tuple[str, Problem | None]:
    """The text of a scenario file's bytes (without a byte-order mark), or why it is none:
    UTF-16 or UTF-32, binary, not UTF-8 (placed on the first bad byte)."""
    def refuse(message: str, hint: str | None = None, line: int = 1, col: int = 1):
        return "", Problem(path, line, col, "error", message, hint)

    save = "save it as UTF-8"
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return refuse("file is UTF-32 text, not UTF-8", save)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return refuse("file is UTF-16 text, not UTF-8", save)
    head = raw[:4096]
    if b"\x00" in head:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if max(even, odd) > len(head) // 4 and min(even, odd) < len(head) // 50 + 1:
            return refuse("file looks like UTF-16 text, not UTF-8", save)
        return refuse("file is binary, not UTF-8 YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        start = raw.rfind(b"\n", 0, e.start) + 1
        col = len(raw[start:e.start].decode("utf-8", "replace")) + 1
        if b"\x00" in raw:
            return refuse("file is binary, not UTF-8 YAML text")
        return refuse(f"file is not UTF-8 text: byte 0x{raw[e.start]:02X} on line {line} is not "
                      "UTF-8", "is it Latin-1 or Windows-1252? " + save, line, col)
    return text.removeprefix("\ufeff"), None


def _yaml_problem(e: yaml.YAMLError, text: str, path: str) -> Problem:
    """A YAML error as a problem at its place."""
    if isinstance(e, YAMLLimitError):
        mark = e.problem_mark
        return Problem(path, mark.line + 1, mark.column + 1, "error", str(e.problem))
    if isinstance(e, yaml.MarkedYAMLError) and e.problem_mark is not None:
        mark = e.problem_mark
        line, col = mark.line + 1, mark.column + 1
        problem = (e.problem or "").strip()
        message = f"not valid YAML: {problem}"
        if e.context and e.context_mark is not None and e.context_mark.line != mark.line:
            message += f" ({e.context.strip()} on line {e.context_mark.line + 1})"
        hint = None
        if _char_at(text, mark.line, mark.column) == "\t":
            hint = "YAML indents with spaces, not tabs"
        elif "constructor for the tag" in problem:
            tag = problem.replace("could not determine a constructor for ", "")
            message = f"not allowed: {tag}"
            hint = "a scenario file holds plain data only: no tags that make objects"
        return Problem(path, line, col, "error", message, hint)
    if isinstance(e, yaml.reader.ReaderError):
        before = text.encode("utf-8", "replace")[: max(e.position, 0)].decode("utf-8", "replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        char = e.character if isinstance(e.character, int) else ord(str(e.character)[:1] or "?")
        return Problem(path, line, col, "error", f"not valid YAML: character U+{char:04X} is "
                       "not allowed in a YAML file")
    return Problem(path, 1, 1, "error", f"not valid YAML: {' '.join(str(e).split())}")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    if line < len(lines) and column < len(lines[line]):
        return lines[line][column]
    return ""


# ----- the two passes -------------------------------------------------------------------------


def check_structure(text: str, path: str = "<scenario>") -> list[Problem]:
    """The problems of the first pass alone (YAML, limits, the models' fields and types): what
    the JSON Schema describes too. Only the checks of a model over several of its fields go
    beyond the schema (a region's loyalty shares sum to at most 1)."""
    return _structure(text, path)[2]


def _check(text: str, path: str,
           warnings: bool) -> tuple[Scenario | None, list[Problem], bool]:
    """The scenario, its problems, and False when the check stopped before the end."""
    scenario, root, problems, complete = _structure(text, path)
    if scenario is None:
        return None, problems, complete
    locator = Locator(root)

    def at(p: ReferenceProblem) -> Problem:
        line, col = locator.position(p.loc)
        return Problem(path, line, col, p.severity, p.message, _reference_hint(p))

    problems += [at(p) for p in cross_reference_problems(scenario)]
    if warnings:
        problems += [at(p) for p in analyse(scenario)]
    return scenario, problems, True


def _structure(text: str, path: str) -> tuple[Scenario | None, Any, list[Problem], bool]:
    """Pass 1: the scenario (None if its structure is unsound), the document's node tree, the
    problems, and False when the check stopped before the end."""
    if len(text) > MAX_BYTES:
        return None, None, [_too_large(path)], True
    text = text.removeprefix("\ufeff")
    try:
        root = compose_yaml(text)
        if root is None:
            return None, None, [Problem(path, 1, 1, "error", "file is empty: a scenario is a "
                                        "mapping of fields (id: ..., title: ..., ...)")], True
        data = construct_yaml(root)
    except yaml.YAMLError as e:
        return None, None, [_yaml_problem(e, text, path)], True
    if not isinstance(data, dict):
        line, col = root.start_mark.line + 1, root.start_mark.column + 1
        return None, root, [Problem(path, line, col, "error", "a scenario must be a mapping of "
                                    f"fields (id: ..., title: ..., ...) at the top level, not "
                                    f"{_got(data)}")], True
    breaches = [
        Problem(path, mark.line + 1, mark.column + 1, "error", message)
        for mark, message in limit_problems(root)
    ]
    scenario, errors, complete = _validate(data)
    if scenario is None:
        return None, root, breaches + _Structure(data, root, path).run(errors), complete
    return scenario, root, breaches, True


# ----- pass 1: structure, in a modder's words -------------------------------------------------

_CONTEXT = {"references": False}  # the cross-reference pass runs apart, to place its problems
ITEM_NODES = 2_000  # values one item of a top-level list may hold; the main's largest: 221
_adapters: dict[Any, TypeAdapter] = {}


def _adapter(tp: Any) -> TypeAdapter:
    if tp not in _adapters:
        _adapters[tp] = TypeAdapter(tp)
    return _adapters[tp]


def _values_in(value: Any, limit: int) -> int:
    """How many values ``value`` holds, counting up to just past ``limit``."""
    count, todo = 0, [value]
    while todo and count <= limit:
        v = todo.pop()
        count += 1
        if isinstance(v, dict):
            todo += v.keys()
            todo += v.values()
        elif isinstance(v, list):
            todo += v
    return count


def _non_finite(value: Any, loc: tuple = ()) -> Iterator[dict]:
    """An error for each infinite or NaN number (`.inf`, `.nan`): the models bound most
    numbers, but a rule without an upper bound would take infinity and break the arithmetic."""
    todo = [(loc, value)]
    while todo:
        at, v = todo.pop()
        if isinstance(v, float) and not math.isfinite(v):
            yield {"type": "finite_number", "loc": at, "input": v, "msg": "not finite"}
        elif isinstance(v, dict):
            todo += [((*at, k), x) for k, x in v.items()]
        elif isinstance(v, list):
            todo += [((*at, i), x) for i, x in enumerate(v)]


def _validate(data: dict) -> tuple[Scenario | None, list[dict], bool]:
    """The Scenario, or pydantic's errors (full locations) and whether they are all of them.

    One call of pydantic on a hostile file can make millions of errors (a list of 50,000 empty
    mappings, each missing seven fields), and each costs microseconds. So the top-level lists
    and mappings are validated item by item, stopping after MAX_PROBLEMS errors, an item that
    holds more than ITEM_NODES values is refused unread, and the items that pass are handed to
    the final validation of the whole as finished models."""
    errors: list[dict] = sorted(_non_finite(data), key=lambda e: str(e["loc"]))[:MAX_PROBLEMS]
    loose = [x.error() for x in itertools.islice(loose_scalars(data), MAX_PROBLEMS)]
    errors += loose
    partial: set[str] = set()  # fields with items that failed: their other errors are noise
    unknown = [k for k in data if model_field(Scenario, k) is None]
    dropped = set(unknown[MAX_PROBLEMS:])
    whole = {k: v for k, v in data.items() if k not in dropped}
    complete = len(unknown) <= MAX_PROBLEMS
    for key, value in data.items():
        field = model_field(Scenario, key)
        if field is None:
            continue
        if not isinstance(value, list | dict) or get_origin(_strip(field.annotation)) not in (
                list, dict):
            if _values_in(value, ITEM_NODES) > ITEM_NODES:  # calendar, organs, rules ...
                errors.append({"type": "too_big", "loc": (key,), "input": value,
                               "msg": f"holds more than {ITEM_NODES} values"})
                partial.add(key)
                whole.pop(key, None)
            continue
        tp = _strip(field.annotation)
        args = get_args(tp)
        if isinstance(value, list) and get_origin(tp) is list:
            items: Iterable[tuple[Any, Any]] = enumerate(value)
            check = _adapter(args[0])
        elif isinstance(value, dict) and get_origin(tp) is dict:
            items = value.items()
            check = _adapter(tp)
        else:
            continue
        kept: Any = [] if isinstance(value, list) else {}
        for k, item in items:
            if len(errors) >= MAX_PROBLEMS:
                return None, errors, False
            if _values_in(item, ITEM_NODES) > ITEM_NODES:
                errors.append({"type": "too_big", "loc": (key, k), "input": item,
                               "msg": f"holds more than {ITEM_NODES} values"})
                partial.add(key)
                continue
            try:
                if isinstance(kept, list):
                    kept.append(check.validate_python(item, context=_CONTEXT))
                else:
                    kept.update(check.validate_python({k: item}, context=_CONTEXT))
            except ValidationError as e:
                partial.add(key)
                at = (key, k) if isinstance(kept, list) else (key,)  # a dict's errors name k
                errors += [{**err, "loc": (*at, *err["loc"])}
                           for err in e.errors(include_url=False)[:MAX_PROBLEMS]]
        whole[key] = kept
    try:
        scenario = Scenario.model_validate(whole, context=_CONTEXT)
    except ValidationError as e:
        errors += [err for err in e.errors(include_url=False)
                   if not (err["loc"] and err["loc"][0] in partial)]
        return None, _said_once(errors, loose), complete
    if errors or not complete:
        return None, _said_once(errors, loose), complete
    return scenario, [], True


def _said_once(errors: list[dict], loose: list[dict]) -> list[dict]:
    """``errors`` without pydantic's own at the place of a loose scalar: `"3"` where the
    number must be at least 5 is first of all a number written as text."""
    places = {tuple(e["loc"]) for e in loose}
    return [e for e in errors if e["type"] == "loose_scalar" or tuple(e["loc"]) not in places]

_ENTRY_KINDS = {"effect": {c.model_fields["type"].default: c for c in EFFECT_TYPES},
                "condition": {c.model_fields["type"].default: c for c in CONDITION_TYPES}}
_BODY = {"effect": body_fields(EFFECT_TYPES), "condition": body_fields(CONDITION_TYPES)}
_ID_PATTERN = "^[a-z][a-z0-9_]*$"
_LISTS = {"contenders": "contender", "notables": "notable", "offices": "office",
          "regions": "region", "ladder": "rung", "events": "event", "outcomes": "outcome",
          "meetings": "meeting", "choices": "choice"}
_TYPE_PHRASES = {
    "string_type": "must be text",
    "string_sub_type": "must be text",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "dict_type": "must be a mapping",
    "model_type": "must be a mapping of fields",
    "model_attributes_type": "must be a mapping of fields",
    "dataclass_type": "must be a mapping of fields",
}
_BOUNDS = {"greater_than_equal": ("ge", "at least"), "greater_than": ("gt", "more than"),
           "less_than_equal": ("le", "at most"), "less_than": ("lt", "less than")}


@dataclass
class _Step:
    key: str | int
    role: str  # field, item, key, value, tag, member (a union's branch), unknown
    owner: Any  # the type the step was taken in


def _strip(tp: Any) -> Any:
    """``tp`` without Annotated and Optional wrappers."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _entry_kind(tp: Any) -> str | None:
    """"effect" or "condition" when ``tp`` is the union of registered effects or conditions."""
    if get_origin(tp) in (Union, types.UnionType):
        args = set(get_args(tp))
        for kind, tags in _ENTRY_KINDS.items():
            if args and args <= set(tags.values()):
                return kind
    return None


def _steps(loc: Sequence[str | int]) -> list[_Step]:
    """What each step of a pydantic location is, following the Scenario model's types."""
    tp: Any = Scenario
    out = []
    for key in loc:
        tp = _strip(tp) if tp is not None else None
        origin = get_origin(tp)
        if key == "[key]":  # pydantic: in the key of the mapping entry just named
            out.append(_Step(key, "key", tp))
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            f = model_field(tp, key)
            out.append(_Step(key, "field" if f else "unknown", tp))
            tp = f.annotation if f else None
        elif origin in (list, tuple) and isinstance(key, int):
            args = get_args(tp)
            out.append(_Step(key, "item", tp))
            if origin is tuple and args and args[-1] is not Ellipsis:
                tp = args[key] if key < len(args) else None
            else:
                tp = args[0] if args else None
        elif origin is dict:
            args = get_args(tp)
            out.append(_Step(key, "value", tp))
            tp = args[1] if args else None
        elif (kind := _entry_kind(tp)) is not None:
            cls = _ENTRY_KINDS[kind].get(key) if isinstance(key, str) else None
            out.append(_Step(key, "tag" if cls else "unknown", kind))
            tp = cls
        elif origin in (Union, types.UnionType):
            out.append(_Step(key, "member", tp))
        else:
            out.append(_Step(key, "unknown", tp))
            tp = None
    return out


def _raw_at(data: Any, loc: Sequence[str | int]) -> Any:
    """The raw (not yet validated) value at ``loc``, or None; steps that are not in the data
    (an effect's tag, a `value` the one-key form fills) are skipped."""
    for key in loc:
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
    return data


def _where(data: Any, loc: Sequence[str | int]) -> tuple[str, list[str | int]]:
    """("event 'testament', choice 'read'", the rest of the path) for a location."""
    parts: list[str] = []
    rest_from = 0
    node = data
    for i, key in enumerate(loc):
        parent = loc[i - 1] if i else None
        if isinstance(key, int) and parent in _LISTS and isinstance(node, list):
            item = node[key] if 0 <= key < len(node) else None
            label = None
            if isinstance(item, dict):
                label = item.get("id") if parent != "meetings" else item.get("name")
            noun = _LISTS[str(parent)]
            parts.append(f"{noun} {label!r}" if isinstance(label, str) else f"{noun} {key + 1}")
            rest_from = i + 1
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            node = None
    return ", ".join(parts), list(loc[rest_from:])


def _dotted(steps: Sequence[_Step]) -> str:
    """A readable path: ``effects[1].quality.amount``; virtual steps are left out."""
    out = ""
    for st in steps:
        if st.role in ("member", "key"):
            continue
        if st.role == "field" and st.key in ("value", "items") and _body_of(st.owner) == st.key:
            continue
        if isinstance(st.key, int):
            out += f"[{st.key}]"
        else:
            out += ("." if out else "") + str(st.key)
    return out


def _tag_of(cls: type[Entry]) -> str:
    return cls.model_fields["type"].default


def _body_of(cls: Any) -> str | None:
    """The one field the whole body of an effect or condition fills (`value`, `items`)."""
    if not (isinstance(cls, type) and issubclass(cls, Entry)):
        return None
    kind = "effect" if cls in EFFECT_TYPES else "condition"
    return _BODY[kind].get(_tag_of(cls))


def _got(value: Any) -> str:
    """A short description of a value a modder wrote."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return repr(short)
    return f"a {type(value).__name__}"


def _expected(ctx: dict) -> list[str]:
    return re.findall(r"'([^']*)'", str(ctx.get("expected", "")))


def _fields_of(owner: Any) -> list[str]:
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        return [f.alias or name for name, f in owner.model_fields.items() if name != "type"]
    return []


def _known_list(names: Iterable[str], limit: int = 20) -> str:
    names = sorted(names)
    return ", ".join(names) if len(names) <= limit else ", ".join(names[:limit]) + ", ..."


class _Structure:
    """Turns a ValidationError into problems for one file."""

    def __init__(self, data: Any, root: yaml.Node, path: str) -> None:
        self.data, self.locator, self.path = data, Locator(root), path

    def problem(self, loc: Loc, message: str, hint: str | None = None,
                point: Point = "value") -> Problem:
        line, col = self.locator.position(loc, point)
        return Problem(self.path, line, col, "error", message, hint)

    def say(self, loc: Sequence[str | int], text: str) -> str:
        where = _where(self.data, loc)[0]
        return f"{where}: {text}" if where else text

    def run(self, errors: list[dict]) -> list[Problem]:
        out: list[Problem] = []
        done_entries: set[tuple] = set()
        unions: dict[tuple, list[dict]] = {}
        infinite = {tuple(err["loc"]) for err in errors if err["type"] == "finite_number"}
        for err in errors[:MAX_PROBLEMS]:
            loc = tuple(err["loc"])
            if loc in infinite and err["type"] != "finite_number":
                continue  # `.nan` is also out of bounds: once is enough
            steps = _steps(loc)
            clean = tuple(st.key for st in steps if st.role != "member")
            entry = self.entry_of(loc, steps)
            if entry is not None:
                entry_loc, problem = entry
                if entry_loc in done_entries:
                    continue
                if problem is not None:
                    done_entries.add(entry_loc)
                    out.append(problem)
                    continue
            if any(st.role == "member" for st in steps):
                unions.setdefault(clean, []).append(err)
                continue
            out.append(self.one(err, clean, [st for st in steps if st.role != "member"]))
        for clean, errs in unions.items():  # one message for all the branches of a union
            steps = [st for st in _steps(errs[0]["loc"]) if st.role != "member"]
            phrases = []
            for err in errs:
                phrase = _TYPE_PHRASES.get(err["type"], err["msg"]).removeprefix("must be ")
                if phrase not in phrases:
                    phrases.append(phrase)
            rest = _where(self.data, clean)[1]
            label = _dotted(steps[len(clean) - len(rest):])
            message = f"{label} must be {' or '.join(phrases)}, not {_got(errs[0]['input'])}"
            out.append(self.problem(clean, self.say(clean, message)))
        return out

    # an effect or condition whose shape is wrong, said once for the whole entry
    def entry_of(self, loc: tuple, steps: list[_Step]) -> tuple[tuple, Problem | None] | None:
        if self.kind_at(loc) is not None:  # about the entry itself: pydantic's tag errors
            return self.entry_itself(loc)
        tag_at = None
        for i, st in enumerate(steps):
            if st.role == "tag":
                tag_at = i
        if tag_at is None:
            return None
        entry_loc = loc[:tag_at]
        tag = str(loc[tag_at])
        kind = str(steps[tag_at].owner)
        cls = _ENTRY_KINDS[kind][tag]
        raw = _raw_at(self.data, entry_loc)
        body = raw.get(tag) if isinstance(raw, dict) and "type" not in raw else raw
        fields = _fields_of(cls)
        if _body_of(cls) is None and body is not None and not isinstance(body, dict):
            message = self.say(entry_loc, f"{kind} {tag!r} takes fields ({', '.join(fields)}), "
                               f"not {_got(body)}")
            return entry_loc, self.problem(entry_loc, message, _example(cls))
        if _body_of(cls) is not None and isinstance(body, dict) and "type" not in raw:
            message = self.say(entry_loc, f"{kind} {tag!r} takes a single "
                               f"{'list' if _body_of(cls) == 'items' else 'value'}, not a mapping")
            return entry_loc, self.problem(entry_loc, message, _example(cls))
        return entry_loc, None

    def entry_itself(self, loc: tuple) -> tuple[tuple, Problem | None] | None:
        """An error at an effect or condition's own place (unknown kind, wrong shape)."""
        kind = self.kind_at(loc)
        if kind is None:
            return None
        tags = _ENTRY_KINDS[kind]
        raw = _raw_at(self.data, loc)
        example = f"`{'mood: {line: 0.1}' if kind == 'effect' else 'after: 1925-Q1'}`"
        a = "an" if kind == "effect" else "a"
        hint = None
        if isinstance(raw, dict) and "type" in raw:
            name = raw["type"]
            text = f"unknown {kind} {name!r}" if isinstance(name, str) else \
                f"{kind} type must be text, not {_got(name)}"
            hint = did_you_mean(name, tags) or f"known {kind}s: {_known_list(tags)}"
        elif isinstance(raw, dict) and not raw:
            text = f"empty {kind}: write it as one `kind: fields` mapping, such as {example}"
        elif isinstance(raw, dict) and len(raw) == 1:
            (name,) = raw
            text = f"unknown {kind} {name!r}"
            hint = did_you_mean(name, tags) or f"known {kind}s: {_known_list(tags)}"
        elif isinstance(raw, dict):
            keys = [str(k) for k in raw]
            known = [k for k in keys if k in tags]
            if len(known) >= 2:
                text = (f"{a} {kind} is one `kind: fields` mapping; this one has {len(keys)} "
                        f"keys ({', '.join(keys)})")
                hint = f"start each {kind} on its own line with '- '"
            elif known:
                others = [k for k in keys if k != known[0]]
                text = (f"{kind} {known[0]!r} has {', '.join(repr(k) for k in others)} beside "
                        "it, not under it")
                hint = f"indent its fields under it: `{known[0]}: {{{others[0]}: ...}}`"
            else:
                text = (f"{a} {kind} is written `kind: fields`, such as {example}; this mapping "
                        f"names no known {kind} ({', '.join(keys)})")
                hint = did_you_mean(keys[0], tags) or f"known {kind}s: {_known_list(tags)}"
        elif isinstance(raw, str):
            text = f"unknown {kind} {raw!r}"
            hint = did_you_mean(raw, tags) or f"known {kind}s: {_known_list(tags)}"
        else:
            text = f"{a} {kind} must be a mapping such as {example}, not {_got(raw)}"
        return loc, self.problem(loc, self.say(loc, text), hint)

    def kind_at(self, loc: tuple) -> str | None:
        """"effect" or "condition" when ``loc`` is the place of one (not inside it)."""
        tp: Any = Scenario
        for st in _steps(loc):
            if st.role == "unknown":
                return None
            if st.role == "field":
                tp = model_field(st.owner, st.key).annotation
            elif st.role == "item":
                args = get_args(_strip(tp))
                tp = args[0] if get_origin(_strip(tp)) is list else (
                    args[st.key] if st.key < len(args) else None)
            elif st.role == "value":
                tp = get_args(_strip(tp))[1]
            elif st.role == "tag":
                tp = _ENTRY_KINDS[str(st.owner)][str(st.key)]
            elif st.role == "key":
                return None
        return _entry_kind(_strip(tp))

    def loose_hint(self, loc: tuple, value: Any, ctx: dict) -> str | None:
        """"write 3, not "3"": the value as written and what to write instead."""
        instead = replacement(Loose(loc, value, ctx["meant"], ctx["kind"]))
        if instead is None:
            return None
        node = self.locator.walk(loc)[0]
        quote = getattr(node, "style", None) if isinstance(node, yaml.ScalarNode) else None
        quote = quote if quote in ("'", '"') else ""
        text = node.value if isinstance(node, yaml.ScalarNode) else ""
        plain = text.isprintable() and 0 < len(text) <= 40
        written = f"{quote}{text}{quote}" if plain else _got(value)
        hint = f"write {instead}, not {written}"
        if ctx["kind"] == "boolean" and not quote and isinstance(value, str):
            hint += ": a scenario is YAML 1.2, where only true and false are booleans"
        return hint if len(instead) <= 40 else None

    def date_example(self) -> str:
        """A date of the file's own calendar, as far as it has one: 1924-Q1."""
        cal = self.data.get("calendar") if isinstance(self.data, dict) else None
        cal = cal if isinstance(cal, dict) else {}
        year, prefix = cal.get("start_year"), cal.get("period_prefix", "Q")
        year = year if isinstance(year, int) and 1000 <= year <= 9999 else 1924
        prefix = prefix if isinstance(prefix, str) and len(prefix) <= 8 else "Q"
        return f"{year}-{prefix}1"

    def one(self, err: dict, loc: tuple, steps: list[_Step]) -> Problem:
        """One ordinary error: a field missing, unknown, of the wrong type or out of range."""
        kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
        where, rest = _where(self.data, loc)
        label_steps = steps[len(loc) - len(rest):]
        label = _dotted(label_steps)

        def said(text: str) -> str:
            return f"{where}: {text}" if where else text

        if kind == "missing":
            name = loc[-1] if loc else "?"
            if isinstance(name, int):  # a list too short, such as a window with one date
                return self.problem(loc[:-1], said(f"{_dotted(label_steps[:-1])} needs an item "
                                                   f"{name + 1}, which is missing"))
            owner = _dotted(label_steps[:-1])
            text = f"{owner}: missing field {name!r}" if owner else f"missing field {name!r}"
            return self.problem(loc, said(text), point="parent")
        if kind == "extra_forbidden":
            name = loc[-1] if loc else "?"
            owner = steps[-1].owner if steps else None
            fields = _fields_of(owner)
            hint = did_you_mean(str(name), fields) or (
                f"the fields here are: {', '.join(fields)}" if 0 < len(fields) <= 15 else None)
            if not fields and isinstance(owner, type) and issubclass(owner, Entry):
                hint = f"{_tag_of(owner)!r} takes no fields"
            parent = _dotted(label_steps[:-1])
            text = f"{parent}: unknown field {name!r}" if parent else f"unknown field {name!r}"
            return self.problem(loc, said(text), hint, "key")
        if kind in ("literal_error", "enum"):
            expected = _expected(ctx)
            hint = did_you_mean(value, expected)
            return self.problem(loc, said(f"{label}: {_got(value)} is not one of: "
                                          f"{', '.join(expected)}"), hint)
        if kind == "string_pattern_mismatch":
            if ctx.get("pattern") == _ID_PATTERN:
                fixed = re.sub(r"[^a-z0-9_]+", "_", str(value).lower()).strip("_")
                fixed = fixed if re.fullmatch(_ID_PATTERN, fixed) else None
                what = "an id" if label.rpartition(".")[2] == "id" else f"an id ({label})"
                return self.problem(loc, said(
                    f"{_got(value)} is not {what}: use lower-case letters a-z, digits and _, "
                    "starting with a letter"), f"did you mean {fixed!r}?" if fixed else None)
            if ctx.get("pattern") == DATE_PATTERN:
                return self.problem(loc, said(f"{label}: {_got(value)} is not a date like "
                                              f"{self.date_example()}"))
            if "colour" in label:
                return self.problem(loc, said(f"{label}: {_got(value)} is not a colour like "
                                              "\"#9B1B1B\""))
            return self.problem(loc, said(f"{label}: {_got(value)} does not have the form "
                                          f"{ctx.get('pattern')}"))
        if kind in _BOUNDS:
            key, words = _BOUNDS[kind]
            bound = ctx.get(key)
            bound = f"{bound:g}" if isinstance(bound, float) else bound
            return self.problem(loc, said(f"{label} must be {words} {bound}, not {_got(value)}"))
        if kind in ("too_short", "too_long"):
            n = ctx.get("min_length" if kind == "too_short" else "max_length")
            words = "at least" if kind == "too_short" else "at most"
            return self.problem(loc, said(f"{label} needs {words} {n} item{'s' * (n != 1)}, "
                                          f"not {ctx.get('actual_length')}"))
        if kind == "loose_scalar":
            phrase = {"boolean": "must be true or false", "integer": "must be a whole number",
                      "number": "must be a number"}[ctx["kind"]]
            return self.problem(loc, said(f"{label} {phrase}, not {_got(value)}"),
                                self.loose_hint(loc, value, ctx))
        if steps and steps[-1].role == "key":  # a mapping's key, such as `7:` or `yes:`
            owner = _dotted(label_steps[:-2])
            hint = "YAML reads true and false as switches: quote the key" if \
                isinstance(value, bool) else None
            text = f"key {_got(value)} {_TYPE_PHRASES.get(kind, 'is not allowed')}"
            return self.problem(loc, said(f"{owner}: {text}" if owner else text), hint)
        if kind in _TYPE_PHRASES:
            hint = None
            if kind == "list_type" and isinstance(value, str):
                hint = f"write [{value}]"
            elif value is None and "colour" in label:
                hint = "quote it: '#' starts a comment in YAML, so write colour: \"#9B1B1B\""
            elif value is None:
                hint = "a key with nothing after the colon is empty in YAML"
            text = f"{label} {_TYPE_PHRASES[kind]}, not {_got(value)}" if label else \
                f"{_TYPE_PHRASES[kind]}, not {_got(value)}"
            return self.problem(loc, said(text), hint)
        if kind == "value_error":
            text = str(err.get("msg", "")).removeprefix("Value error, ")
            if "loyalty shares" in text and isinstance(value, dict):
                shares = value.get("loyalty") if isinstance(value.get("loyalty"), dict) else {}
                total = sum(v for v in shares.values() if isinstance(v, int | float))
                return self.problem((*loc, "loyalty"), said(
                    f"loyalty shares must be non-negative and sum to at most 1 (they sum to "
                    f"{total:g}); the rest of the members are uncommitted"))
            return self.problem(loc, said(f"{label}: {text}" if label else text))
        return self.problem(loc, said(f"{label}: {err.get('msg')}" if label else
                                      str(err.get("msg"))))


def _example(cls: type[Entry]) -> str | None:
    m = re.search(r"Example: `([^`]*)`", " ".join((cls.__doc__ or "").split()))
    return f"for example `{m.group(1)}`" if m else None


# ----- pass 2: content that can never come into play ------------------------------------------


def analyse(s: Scenario) -> Iterator[ReferenceProblem]:
    """Likely mistakes in a scenario whose references are sound (it is written to survive
    unsound ones too): events that can never fire, outcomes never reached, offices nobody can
    hold, contenders with no footing, flags never set, names that mean nobody where they are
    used. Only warnings: what breaks play is an error of the cross-reference pass."""
    cal = s.calendar
    entries = list(_scenario_entries(s))
    yield from _calendar_problems(s, cal)
    yield from _event_timing(s, cal, entries)
    yield from _outcome_problems(s)
    yield from _people_problems(s, entries)
    yield from _entry_context_problems(s, entries)
    yield from _what_if_warnings(s)


def _what_if_warnings(s: Scenario) -> Iterator[ReferenceProblem]:
    """Likely mistakes in the what-ifs: a patch that changes nothing, a rule set to the value
    it already has, and what the checks above find in the scenario with the what-if applied
    that they do not find without it (placed in the what-if, where the patch caused it)."""
    if not s.what_ifs:
        return
    base = {(p.message, p.loc) for p in _analysis(s)}
    for i, w in enumerate(s.what_ifs):
        at = ("what_ifs", i)
        where = f"what-if {w.id!r}"
        p = w.patch
        if not (p.rules or p.remove_events or p.add_events or p.force_events or p.opening):
            yield _warn((*at, "patch"), f"{where} changes nothing: its patch is empty")
            continue
        for name, value in p.rules.items():
            if name in type(s.rules).model_fields and getattr(s.rules, name) == value:
                yield _warn((*at, "patch", "rules", name), f"{where}: rule {name!r} is already "
                            f"{_got(value)} in this scenario, so setting it changes nothing")
        try:
            patched, origins = patched_with_origins(s, i)
        except ValueError:
            continue  # the cross-reference pass says why
        for problem in _analysis(patched):
            loc = locate_in_file(problem.loc, origins)
            if loc[:2] == at:
                yield ReferenceProblem(loc, f"{where}: {problem.message}", "warning",
                                       problem.hint)
            elif (problem.message, problem.loc) not in base:
                yield _warn((*at, "id"), f"{where}: with this what-if applied, "
                            f"{problem.message}", problem.hint)


def _analysis(s: Scenario) -> list[ReferenceProblem]:
    """The checks of :func:`analyse` on the scenario itself, not its what-ifs."""
    entries = list(_scenario_entries(s))
    return [*_calendar_problems(s, s.calendar), *_event_timing(s, s.calendar, entries),
            *_outcome_problems(s), *_people_problems(s, entries),
            *_entry_context_problems(s, entries)]


def _turn(cal: Calendar, date: str | None) -> int | None:
    if date is None:
        return None
    try:
        return cal.turn_of(date)
    except ValueError:
        return None


def _span(cal: Calendar) -> str:
    return f"{cal.label(0)} to {cal.label(cal.turns - 1)}"


def _warn(loc: Loc, message: str, hint: str | None = None) -> ReferenceProblem:
    return ReferenceProblem(tuple(loc), message, "warning", hint)


def _calendar_problems(s: Scenario, cal: Calendar) -> Iterator[ReferenceProblem]:
    last = cal.turns - 1
    for i, m in enumerate(s.meetings):
        t = _turn(cal, m.when)
        if t is not None and not 0 <= t <= last:
            yield _warn(("meetings", i, "when"), f"meeting {m.name!r} on {m.when} falls outside "
                        f"the scenario ({_span(cal)}): it is never held")


def _required(cond: Any, loc: tuple) -> Iterator[tuple[tuple, Any]]:
    """The conditions that must all hold for ``cond`` to hold (through `all` and `not`)."""
    if cond is None:
        return
    if cond.type == "all":
        for i, c in enumerate(cond.items):
            yield from _required(c, (*loc, "all", "items", i))
    elif cond.type == "not" and cond.value.type in ("after", "before"):
        flipped = "before" if cond.value.type == "after" else "after"
        yield (*loc, "not", "value"), type(cond.value).model_construct(
            type=flipped, value=cond.value.value)
    else:
        yield loc, cond


_Entries = list[tuple[str, tuple, Any]]


def _event_timing(s: Scenario, cal: Calendar,  # noqa: C901 - one pass, then a fixed point
                  entries: _Entries) -> Iterator[ReferenceProblem]:
    """Events that can never fire: a date outside the calendar, a window that ends before it
    starts, chance 0, a condition on dates the event never reaches, or on another event that
    never fires (or only fires later)."""
    last = cal.turns - 1
    window: dict[str, tuple[int, int]] = {}  # event id -> (first, last) turn it may fire
    order = {e.id: i for i, e in enumerate(s.events)}
    deps: dict[str, list[tuple[tuple, str, str | None]]] = {}
    never: dict[str, ReferenceProblem | None] = {}
    stale: set[tuple] = set()  # dates in conditions outside the calendar, warned once
    for where, loc, entry in entries:
        if entry.type in ("after", "before"):
            t = _turn(cal, entry.value)
            if t is None:
                continue
            if entry.type == "after" and t > last or entry.type == "before" and t <= 0:
                stale.add((*loc, entry.type, "value"))
                edge = f"ends on {cal.label(last)}" if entry.type == "after" else \
                    f"starts on {cal.label(0)}"
                yield _warn((*loc, entry.type, "value"), f"{where}: `{entry.type}: "
                            f"{entry.value}` is never true: the scenario {edge}")
    for i, e in enumerate(s.events):
        here = ("events", i)
        if e.when is not None:
            t = _turn(cal, e.when)
            if t is None:
                continue
            if not 0 <= t <= last:
                never[e.id] = None
                yield _warn((*here, "when"), f"event {e.id!r} is dated {e.when}, outside the "
                            f"scenario ({_span(cal)}): it never fires")
                continue
            lo = hi = t
        else:
            assert e.window is not None
            a, b = _turn(cal, e.window[0]), _turn(cal, e.window[1])
            if a is None or b is None:
                continue
            if b < a:  # an error, which the cross-reference pass reports
                never[e.id] = None
                continue
            if b < 0 or a > last:
                never[e.id] = None
                yield _warn((*here, "window"), f"event {e.id!r}: its window, {e.window[0]} to "
                            f"{e.window[1]}, lies outside the scenario ({_span(cal)}): it never "
                            "fires")
                continue
            lo, hi = max(a, 0), min(b, last)
        if e.chance == 0:
            never[e.id] = None
            yield _warn((*here, "chance"), f"event {e.id!r} has chance 0: it never fires")
            continue
        span_text = (f"only on {cal.label(lo)}" if lo == hi else
                     f"only from {cal.label(lo)} to {cal.label(hi)}")
        reason = None
        for loc, c in _required(e.condition, (*here, "condition")):
            if c.type in ("after", "before"):
                t = _turn(cal, c.value)
                if t is None:
                    continue
                lo, hi = (max(lo, t), hi) if c.type == "after" else (lo, min(hi, t - 1))
                if lo > hi and reason is None:
                    reason = loc
                    if (*loc, c.type, "value") not in stale:
                        yield _warn((*loc, c.type), f"event {e.id!r} can never fire: its "
                                    f"condition needs `{c.type}: {c.value}`, but the event can "
                                    f"fire {span_text}")
            elif c.type == "event":
                deps.setdefault(e.id, []).append((loc, c.id, c.choice))
        if reason is not None:
            never[e.id] = None
            continue
        window[e.id] = (lo, hi)
    # Events that wait for other events: settle the first turn each can fire, to a fixed point.
    changed = True
    while changed:
        changed = False
        for eid, needs in deps.items():
            if eid not in window:
                continue
            lo, hi = window[eid]
            for loc, other, choice in needs:
                if other not in order:
                    continue  # an unknown event: the cross-reference pass reports it
                what = f"event {other!r}" + (f" (choice {choice!r})" if choice else "")
                if other == eid:
                    problem = _warn((*loc, "event"), f"event {eid!r} can never fire: its "
                                    "condition needs itself to have fired")
                elif other in never:
                    problem = _warn((*loc, "event"), f"event {eid!r} can never fire: its "
                                    f"condition needs {what}, which never fires")
                else:
                    seen_same_turn = order[other] < order[eid] and choice is None
                    first = window[other][0] + (0 if seen_same_turn else 1)
                    if first <= lo:
                        continue
                    if first <= hi:
                        window[eid] = lo, hi = first, hi
                        changed = True
                        continue
                    hint = None
                    if window[other][0] == hi and choice is None:
                        hint = (f"move {other!r} above {eid!r} in the file: the cards of a turn "
                                "are drawn in file order")
                    elif window[other][0] == hi:
                        hint = "a choice is decided at the end of its turn"
                    problem = _warn((*loc, "event"), f"event {eid!r} can never fire: its "
                                    f"condition needs {what}, which cannot have happened before "
                                    f"{cal.label(first)}, and {eid!r} can fire only until "
                                    f"{cal.label(hi)}", hint)
                never[eid] = problem
                del window[eid]
                changed = True
                yield problem
                break


def _outcome_problems(s: Scenario) -> Iterator[ReferenceProblem]:
    always: str | None = None
    for i, o in enumerate(s.outcomes):
        if always is not None:
            yield _warn(("outcomes", i, "id"), f"outcome {o.id!r} can never be reached: outcome "
                        f"{always!r} before it has no condition, so it always applies first")
            continue
        same = next((p for p in s.outcomes[:i] if p.condition is not None
                     and p.condition == o.condition), None)
        if same is not None:
            yield _warn(("outcomes", i, "condition"), f"outcome {o.id!r} can never be reached: "
                        f"outcome {same.id!r} before it has the same condition")
        if o.condition is None and i < len(s.outcomes) - 1:
            always = o.id
    last = s.outcomes[-1]
    if always is None and last.condition is not None:
        yield _warn(("outcomes", len(s.outcomes) - 1, "condition"), f"outcome {last.id!r} is "
                    "the last: a contender for whom no other outcome holds gets it anyway, so "
                    "its condition is never checked", "drop the condition, or add an outcome "
                    "without one after it")


def _people_problems(s: Scenario, entries: _Entries) -> Iterator[ReferenceProblem]:
    patrons = {r.secretary for r in s.regions if r.secretary}
    held = {o for c in s.contenders for o in c.offices}
    granted = {entry.office for _, _, entry in entries if entry.type == "grant_office"}
    if not any(c.playable for c in s.contenders):
        yield _warn(("contenders",), "no contender is playable: a player can only watch")
    for i, c in enumerate(s.contenders):
        if not c.offices and not c.bases and c.id not in patrons:
            yield _warn(("contenders", i, "id"), f"contender {c.id!r} starts with no office, no "
                        "base region and no regional secretary: nothing holds their following, "
                        "which fades every turn", "give them `offices` or `bases`")
    organ = s.organs.politburo
    free = organ.seats - len(s.seated_at_start())
    listed = [i for i, n in enumerate(s.notables) if n.politburo]
    if 0 <= free < len(listed):
        yield _warn(("notables", listed[free], "politburo"), f"{len(listed)} notables start in "
                    f"the {organ.name}, but only {free} of its {organ.seats} seats "
                    f"{'is' if free == 1 else 'are'} left "
                    "after the contenders: the game seats those most loyal to the Central "
                    "Committee's largest faction and leaves the others out",
                    f"give the {organ.name} more seats, or list fewer notables in it")
    for i, o in enumerate(s.offices):
        if o.id not in held and o.id not in granted:
            yield _warn(("offices", i, "id"), f"office {o.id!r} is held by nobody at the start "
                        "and no effect grants it: it never comes into play", "list it in a "
                        "contender's `offices`, or grant it with a `grant_office` effect")


def _entry_context_problems(s: Scenario, entries: _Entries) -> Iterator[ReferenceProblem]:
    """Flags tested but never set; ``who`` names that mean nobody where they are used; choices'
    AI appeal for unknown contenders; a decider with nothing to decide."""
    flags = {entry.name for _, loc, entry in entries
             if entry.type == "flag" and "condition" not in loc}
    contenders = [c.id for c in s.contenders]
    office_refs = [f"office:{o.id}" for o in s.offices]
    for where, loc, entry in entries:
        fields = type(entry).model_fields
        if entry.type == "flag" and "condition" in loc and entry.name not in flags:
            yield _warn((*loc, "flag", "name"), f"{where}: flag {entry.name!r} is never set by "
                        "any effect, so it stays 0", did_you_mean(entry.name, flags))
        for field in ("who", "a", "b", "toward", "than"):
            who = getattr(entry, field) if field in fields else None
            why = _who_means_nobody(s, who, loc)
            if why:
                yield _warn((*loc, entry.type, field), f"{where}: {entry.type}: {field} "
                            f"{who!r} names nobody here: {why}")
    for i, e in enumerate(s.events):
        if e.decider and not e.choices:
            yield _warn(("events", i, "decider"), f"event {e.id!r} has a decider but no choices: "
                        "nobody is asked anything")
        for j, ch in enumerate(e.choices):
            for k in ch.ai_appeal:
                if k not in contenders and k not in office_refs:
                    yield _warn(("events", i, "choices", j, "ai_appeal", k, "[key]"),
                                f"event {e.id!r}, choice {ch.id!r}: ai_appeal for unknown "
                                f"contender or office {k!r}",
                                did_you_mean(k, [*contenders, *office_refs]))


def _who_means_nobody(s: Scenario, who: object, loc: tuple) -> str | None:
    if who not in ("self", "decider", "chooser"):
        return None
    if loc[0] == "opening":
        return "the opening is played before anyone acts: name a contender or office:<id>"
    if loc[0] == "outcomes" or loc[:1] == ("lengths",) and loc[2:3] == ("outcomes",):
        return "use `self` for the contender being judged" if who != "self" else None
    if who == "self":
        return "`self` is the contender being judged, in outcomes only"
    event = s.events[int(loc[1])]
    if who == "chooser":
        return None if "chooser_effects" in loc else \
            "`chooser` is each backer of a choice, in its chooser_effects only"
    if "condition" in loc:
        return "an event's condition is checked before anyone decides it"
    if not event.choices:
        return "this event has no choices, so nobody decides it"
    return None

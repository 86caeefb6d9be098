"""`politburo validate --upgrade FILE`: a scenario written for the format's older, looser
reading, converted to today's.

The format once took YAML 1.1's ``yes``, ``no``, ``on`` and ``off`` as switches and numbers in
quotes as numbers; it now reads a file as the JSON Schema and editors do (see
:mod:`game.content.strict`). The upgrade writes, in the file's own text, the number or switch
each such value stood for: only those characters change, so comments, layout and quoting
elsewhere stay as the modder wrote them (a re-dump of the data would lose them all). The old
file is kept beside the new one as ``FILE.bak``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from game.files import write_bytes

from .safe_yaml import Loader, compose_yaml, construct_yaml
from .strict import loose_scalars, replacement
from .validate import decode, format_problem, read_file
from .yaml_lines import Locator

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Change:
    """One value rewritten: where it was written (1-based), its text before and after."""

    line: int
    col: int
    old: str
    new: str


class UpgradeError(Exception):
    """A file that cannot be upgraded; the text is one line, with the path."""


def upgraded_text(text: str) -> tuple[str, list[Change]]:
    """``text`` with each loose scalar written as the value it stands for, and the changes in
    file order. Raises yaml.YAMLError for text that is not YAML within the loader's limits."""
    root = compose_yaml(text)
    if root is None:
        return text, []
    data = construct_yaml(root)
    if not isinstance(data, dict):
        return text, []
    locator = Locator(root)
    constructor = Loader("")
    edits: dict[int, tuple[int, str, Change]] = {}  # start -> end, new text, change
    for loose in loose_scalars(data):
        new = replacement(loose)
        node = locator.walk(loose.loc)[0]
        if new is None or not isinstance(node, yaml.ScalarNode):
            continue
        read = constructor.construct_object(node)
        if type(read) is not type(loose.written) or read != loose.written:
            continue  # the walk stopped short of the value: not the node to rewrite
        start, end = node.start_mark, node.end_mark
        old = text[start.index:end.index]
        edits[start.index] = (end.index, new, Change(start.line + 1, start.column + 1, old, new))
    for start in sorted(edits, reverse=True):
        end, new, _ = edits[start]
        text = text[:start] + new + text[end:]
    return text, [edits[start][2] for start in sorted(edits)]


def upgrade_file(path: str | Path) -> list[Change]:
    """Upgrade a scenario file in place, keeping the old one as ``FILE.bak``; the changes made
    (none: the file is left untouched). Raises UpgradeError, with one line, for a file that
    cannot be read, is not UTF-8 YAML, or whose ``.bak`` already exists."""
    name = str(path)
    raw, problem = read_file(path)
    text = ""
    if problem is None:
        text, problem = decode(raw, name)
    if problem is not None:
        raise UpgradeError(format_problem(problem))
    try:
        new, changes = upgraded_text(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark is not None else name
        what = " ".join(str(getattr(e, "problem", None) or e).split())
        raise UpgradeError(f"{where}: not valid YAML, so not upgraded: {what}") from None
    if not changes:
        return []
    backup = Path(f"{path}.bak")
    if backup.exists() or backup.is_symlink():
        raise UpgradeError(f"{backup}: already exists; move it away, then upgrade again (the "
                           f"upgrade keeps the old {Path(path).name} there)")
    head = BOM if raw.startswith(BOM) else b""
    try:
        write_bytes(backup, raw)
        write_bytes(path, head + new.encode("utf-8"))
    except OSError as e:
        raise UpgradeError(f"{name}: cannot write: {e.strerror or e}") from None
    return changes

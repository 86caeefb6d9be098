"""Reading the game's own YAML data files (the encyclopedia, the teacher's material) with the
scenario loader's safe, bounded parser: one function, so that every such file is read, limited
and refused in the same way, with one line that says where."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

from game.content.loader import ScenarioError
from game.content.safe_yaml import MAX_BYTES, compose_yaml, construct_yaml


class DataFileError(ScenarioError):
    """A data file that cannot be used. Its text is one line: the path and the first problem,
    with a count of the others (``problems`` holds them all)."""

    def __str__(self) -> str:
        first = self.problems[0] if self.problems else "cannot be loaded"
        more = len(self.problems) - 1
        tail = f" (and {more} more problem{'s' * (more > 1)})" if more > 0 else ""
        return f"{self.path}: {first}{tail}"


def yaml_message(e: yaml.YAMLError) -> str:
    """A YAML error as one line with its position."""
    mark = getattr(e, "problem_mark", None)
    problem = getattr(e, "problem", None) or str(e).splitlines()[0]
    if mark is not None:
        return f"not valid YAML: {problem} at line {mark.line + 1}, column {mark.column + 1}"
    return f"not valid YAML: {problem}"


def read_data_file(path: Path, error: type[ScenarioError]) -> tuple[Any, yaml.Node | None]:
    """The plain data of a YAML file and its node tree (for placing problems on lines); any
    problem (not a regular file, unreadable, too large, not UTF-8, bad YAML) raises ``error``
    with the path and one line."""
    where = str(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise error(where, ["cannot read file: not a regular file"])
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise error(where, [f"cannot read file: {e.strerror or e}"]) from None
    if len(raw) > MAX_BYTES:
        raise error(where, [f"file is larger than {MAX_BYTES // 1_000_000} MB"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise error(where, [f"file is not UTF-8 text (bad byte at offset {e.start})"]) from None
    try:
        root = compose_yaml(text)
        return (construct_yaml(root) if root is not None else None), root
    except yaml.YAMLError as e:
        raise error(where, [yaml_message(e)]) from None

"""The engine is pure: standard library, numpy and pydantic only; no pygame, no YAML, no files.

Two proofs: a fresh interpreter that forbids the outside world imports ``game.engine`` and plays
a whole game; and a scan of the source of every engine module.
"""

from __future__ import annotations

import ast
import io
import json
import os
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from helpers import ROOT, load, scenario_params

ENGINE = ROOT / "game" / "engine"
RULES = ROOT / "game" / "rules"
# The engine and its rules' kernels; not the compiler's side of them: game/rules/jit.py, which
# decides where numba keeps compiled code (the front end's choice: it reads an environment
# variable and a folder), and game/rules/structs.py, which tells numba how to carry the rules'
# arrays (loaded only when the rules are compiled).
COMPILER_SIDE = ("jit.py", "structs.py")
ENGINE_FILES = sorted([*ENGINE.rglob("*.py"), *(p for p in RULES.rglob("*.py")
                                                if p.name not in COMPILER_SIDE)])

# Modules the engine must never load, directly or through a dependency.
FORBIDDEN_MODULES = (
    "yaml", "pygame", "platformdirs", "game.content", "game.saves", "game.cli", "game.ui",
    "game.ai",
)
# Top-level modules an engine file may import; anything else (os, io, pathlib ...) is refused.
ALLOWED_IMPORTS = {
    "__future__", "numpy", "pydantic", "collections", "contextlib", "copy", "dataclasses",
    "enum", "functools", "hashlib", "itertools", "json", "math", "operator", "re", "typing",
    "types", "abc", "bisect", "heapq", "statistics", "string", "textwrap", "numbers", "difflib",
}

PURE_GAME = r"""
import builtins, importlib.abc, io, json, os, sys

FORBIDDEN = {forbidden!r}


class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
            raise ImportError(f"the engine imported {{name}}")
        return None


sys.meta_path.insert(0, Refuse())
scenario_json = sys.stdin.read()

import game.engine as engine  # noqa: E402
from game.engine import Scenario, apply_turn, legal_actions, new_game, outcome, view

scenario = Scenario.model_validate_json(scenario_json)


def refuse(*args, **kwargs):
    raise AssertionError(f"the engine touched the file system: {{args!r}}")


# From here on, any attempt to open, list, write or remove a file fails loudly.
builtins.open = io.open = refuse
for name in ("open", "listdir", "scandir", "remove", "unlink", "rename", "replace", "mkdir",
             "makedirs", "rmdir", "stat", "walk"):
    if hasattr(os, name):
        setattr(os, name, refuse)

state, _ = new_game(scenario, 7)
while not state.finished:
    orders = {{}}
    for c in scenario.contenders:
        options = legal_actions(state, c.id)
        view(state, c.id)
        budget = int(state.arrays.action_points[scenario.contender_index(c.id)])
        chosen, cards = [], set()
        for o in options:
            if o.cost <= budget and (o.action.kind != "decide" or o.action.target not in cards):
                chosen.append(o.action)
                budget -= o.cost
                cards.add(o.action.target)
        orders[c.id] = chosen
    state = apply_turn(state, orders).state
assert outcome(state) is not None
loaded = sorted(m for m in sys.modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN))
print(json.dumps({{"loaded": loaded, "turn": state.turn}}))
"""


@pytest.mark.parametrize("name", scenario_params())
def test_engine_plays_a_game_without_yaml_pygame_or_files(name):
    scenario = load(name)
    script = PURE_GAME.format(forbidden=FORBIDDEN_MODULES)
    # The rules run as the Python they are written in: compiled, numba would load their
    # machine code from its cache (as Python loads .pyc files), which is not the engine's I/O.
    env = {**os.environ, "POLITBURO_JIT": "0"}
    proc = subprocess.run(
        [sys.executable, "-c", script], input=scenario.model_dump_json(by_alias=True),
        capture_output=True, text=True, cwd=ROOT, timeout=120, env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report == {"loaded": [], "turn": scenario.calendar.turns}


def test_importing_the_engine_loads_no_outside_module():
    code = (
        "import sys, json, game.engine\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('yaml', 'pygame', 'platformdirs')"
        " or m.startswith(('game.content', 'game.saves', 'game.cli', 'game.ui', 'game.ai'))]\n"
        "print(json.dumps(bad))\n"
    )
    # Interpreted: numba itself, when the rules are compiled, reads its own settings with yaml.
    env = {**os.environ, "POLITBURO_JIT": "0"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            out.append((node.lineno, node.module or ""))
    return out


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: str(p.relative_to(ROOT / "game")))
def test_engine_source_imports_only_pure_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    bad = [
        f"{path.name}:{line}: import {mod}"
        for line, mod in _imports(tree)
        if mod.split(".")[0] not in ALLOWED_IMPORTS and not mod.startswith("game.rules")
    ]
    assert not bad, "the engine may import only the standard library's pure modules, numpy " \
                    "and pydantic:\n" + "\n".join(bad)


IO_NAMES = {"open", "Path", "PurePath", "input", "print", "exec", "eval", "compile",
            "__import__"}
IO_MODULES = {"os", "io", "sys", "pathlib", "shutil", "tempfile", "subprocess", "socket",
              "yaml", "pygame", "pickle", "glob"}


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: str(p.relative_to(ROOT / "game")))
def test_engine_source_touches_no_files(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) \
                and node.id in IO_NAMES:
            bad.append(f"{path.name}:{node.lineno}: {node.id}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in IO_MODULES:
            bad.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("read_text", "write_text", "read_bytes", "write_bytes",
                                       "open", "mkdir", "unlink", "touch"):
            bad.append(f"{path.name}:{node.lineno}: .{node.func.attr}(")
    assert not bad, "file or console I/O in the engine:\n" + "\n".join(bad)


def test_engine_files_are_found():
    names = {str(p.relative_to(ROOT / "game")) for p in ENGINE_FILES}
    assert {"engine/api.py", "engine/state.py", "rules/votes.py", "rules/ops.py"} <= names


# ----- no names or dates of the historical scenario in the engine's code ------------------------

HISTORICAL = re.compile(r"stalin|trotsky|zinoviev|kamenev|bukharin|1924|1929", re.IGNORECASE)


def _doc_strings(tree: ast.AST) -> set[int]:
    """ids of string constants that are documentation: docstrings and ``description=``."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
        if isinstance(node, ast.keyword) and node.arg == "description":
            for sub in ast.walk(node.value):
                ids.add(id(sub))
    return ids


def _code_words(path: Path) -> list[tuple[int, str]]:
    """Every identifier and non-documentation string in the file, with its line."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text, str(path))
    docs = _doc_strings(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            out.append((node.lineno, node.value))
        elif isinstance(node, ast.Name):
            out.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute):
            out.append((node.lineno, node.attr))
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.arg)):
            out.append((node.lineno, getattr(node, "name", None) or getattr(node, "arg", "")))
    # Numbers too: a year written as a literal is a date held by the engine.
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.NUMBER:
            out.append((tok.start[0], tok.string))
    return out


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: str(p.relative_to(ROOT / "game")))
def test_no_contender_names_or_dates_in_engine_code(path: Path):
    """The engine holds no names or dates of its own; they live in the scenario. Docstrings and
    field descriptions (the generated modder reference) may use the main scenario's ids in
    examples; comments are not code."""
    bad = [f"{path.name}:{line}: {word!r}" for line, word in _code_words(path)
           if HISTORICAL.search(word)]
    assert not bad, "historical names or dates in engine code:\n" + "\n".join(bad)

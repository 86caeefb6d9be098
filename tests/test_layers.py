"""The package keeps its layers: the contracts in pyproject.toml ([tool.importlinter]) hold, so
no module imports one above it (no import cycles) and the rules, the engine and the AI never
import pygame."""

from __future__ import annotations

import os

from importlinter import cli

from helpers import ROOT


def test_the_import_contracts_hold(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.syspath_prepend(str(ROOT))
    code = cli.lint_imports(config_filename=os.fspath(ROOT / "pyproject.toml"), no_cache=True)
    out = capsys.readouterr().out
    assert code == cli.EXIT_STATUS_SUCCESS, out
    assert "0 broken" in out

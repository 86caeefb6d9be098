"""Suite-wide setup: no display for window tests, the helpers on the path, scenario fixtures."""

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
# The suite tests the compiled rules (POLITBURO_JIT=0 runs it interpreted), compiling on first
# use what the cache lacks, and never starts a warm-up in the background (game.warm): a test
# that wants one asks for it.
os.environ.setdefault("POLITBURO_JIT", "1")
os.environ.setdefault("POLITBURO_BACKGROUND_COMPILE", "0")
# The compiled rules are kept in the user cache folder, as the game keeps them: compiled once
# for every run of the suite (per version of the rules), not once per test.
from game import paths  # noqa: E402

paths.use_kernel_cache()

# The helpers module lives next to this file; make it importable whatever pytest's import mode.
_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

import pytest  # noqa: E402

from helpers import load, play_ai_game, scenario_params  # noqa: E402

__all__ = ["play_ai_game"]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    """The game's data folder (autosaves, user scenarios) is a temporary one in every test,
    never the user's own."""
    h = tmp_path / "home"
    monkeypatch.setenv("POLITBURO_HOME", str(h))
    return h


@pytest.fixture
def run(monkeypatch, capsys):
    """Run the ``politburo`` command in-process with the given arguments and typed input;
    returns (exit code, stdout, stderr), and fails on any traceback."""
    from game.cli.main import main

    def _run(argv: list, typed: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(typed))
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return _run


@pytest.fixture(params=scenario_params())
def scenario_name(request) -> str:
    """The id of each scenario under test (the main one is skipped until it exists)."""
    return request.param


@pytest.fixture
def scenario(scenario_name):
    """Each scenario under test, loaded (once per session)."""
    return load(scenario_name)


@pytest.fixture
def two_rivals():
    return load("two_rivals")

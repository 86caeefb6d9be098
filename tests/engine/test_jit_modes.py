"""How a process chooses to run the kernels (game.rules.jit): POLITBURO_JIT=0, 1 or the default,
which runs compiled only once the warm-up has marked the cache ready; numba that cannot load.

Each case is a fresh interpreter, since the choice is made once per process. Nothing here
compiles: a compiled process only defines its kernels (numba compiles them on first call).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

# What the process decided, and whether it imported numba and made the kernels dispatchers.
DECIDE = """
import json, sys
{before}
from game.rules import jit, turn
d = jit.decision()
print(json.dumps({{"compiled": d.compiled, "why": d.why, "failed": d.failed,
                  "numba": "numba" in sys.modules, "kernels": hasattr(turn.resolve, "py_func"),
                  "COMPILED": jit.COMPILED, "WHY_INTERPRETED": jit.WHY_INTERPRETED}}))
"""
NO_NUMBA = "sys.modules['numba'] = None  # as where numba cannot be imported"


def _env(cache: Path, jit: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "POLITBURO_JIT"}
    env["POLITBURO_CACHE"] = str(cache)
    if jit is not None:
        env["POLITBURO_JIT"] = jit
    return env


def decide(cache: Path, jit: str | None, before: str = "") -> dict:
    proc = subprocess.run([sys.executable, "-c", DECIDE.format(before=before)], cwd=ROOT,
                          env=_env(cache, jit), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def make_ready(cache: Path, monkeypatch) -> Path:
    """The ready marker the warm-up would leave in ``cache`` (this process finds the same
    folder: the same sources, numba and Python)."""
    from game.rules import jit

    monkeypatch.setenv("POLITBURO_CACHE", str(cache))
    folder = jit.cache_dir()
    assert folder is not None
    folder.mkdir(parents=True)
    return jit.mark_ready()


def test_jit_0_runs_the_plain_functions_without_numba(tmp_path):
    d = decide(tmp_path, "0")
    assert d == {"compiled": False, "why": "POLITBURO_JIT=0", "failed": False, "numba": False,
                 "kernels": False, "COMPILED": False, "WHY_INTERPRETED": "POLITBURO_JIT=0"}


@pytest.mark.parametrize("value", [None, "auto", "", "yes"])
def test_by_default_an_empty_cache_means_interpreted_and_no_numba(tmp_path, value):
    d = decide(tmp_path, value)
    assert d["why"] == "the compiled cache is not ready yet"
    assert not d["compiled"] and not d["failed"] and not d["numba"] and not d["kernels"]


def test_by_default_a_ready_cache_means_compiled(tmp_path, monkeypatch):
    make_ready(tmp_path, monkeypatch)
    d = decide(tmp_path, None)
    assert d["compiled"] and d["numba"] and d["kernels"] and d["COMPILED"]
    assert d["why"] == "the compiled cache is ready" and d["WHY_INTERPRETED"] is None


def test_a_cache_without_its_ready_marker_is_not_ready(tmp_path, monkeypatch):
    marker = make_ready(tmp_path, monkeypatch)
    marker.unlink()  # every kernel may be there, but the warm-up never said so
    (marker.parent / "rules_0123").mkdir()
    assert not decide(tmp_path, None)["compiled"]


def test_jit_1_compiles_on_first_use_even_with_an_empty_cache(tmp_path):
    d = decide(tmp_path, "1")
    assert d["compiled"] and d["numba"] and d["kernels"] and d["why"] == "POLITBURO_JIT=1"
    from game.rules import jit

    folders = list(tmp_path.iterdir())
    assert len(folders) == 1 and folders[0].name.startswith(jit.source_digest())
    assert not any(p.name.startswith(jit.READY_PREFIX) for p in folders[0].iterdir())


@pytest.mark.parametrize("value", ["1", None])
def test_numba_that_cannot_load_means_interpreted_and_says_why(tmp_path, monkeypatch, value):
    make_ready(tmp_path, monkeypatch)
    d = decide(tmp_path, value, before=NO_NUMBA)
    assert not d["compiled"] and not d["kernels"] and d["failed"]
    assert d["why"].startswith("numba cannot be loaded (ModuleNotFoundError")


def test_a_cache_folder_that_cannot_be_written_means_interpreted(tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    d = decide(blocked, "1")
    assert not d["compiled"] and d["failed"] and "cannot be written" in d["why"]


def test_the_choice_is_made_once_per_process(tmp_path):
    later = ("import os\nfrom game.rules import jit, turn\nos.environ['POLITBURO_JIT'] = '1'\n"
             "print(jit.kernel(lambda: 0).__class__.__name__, jit.COMPILED)")
    proc = subprocess.run([sys.executable, "-c", later], cwd=ROOT, env=_env(tmp_path, "0"),
                          capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["function", "False"], proc.stderr[-2000:]


def test_reading_the_mode_and_the_cache_imports_nothing_heavy(tmp_path):
    code = ("import sys\nfrom game.rules import jit\njit.is_ready(); jit.requested()\n"
            "print([m for m in ('numba', 'numpy', 'game.rules.layout') if m in sys.modules])")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=_env(tmp_path, None),
                          capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stderr[-2000:]


def test_the_cache_is_kept_per_version_of_the_rules_numba_and_python(tmp_path, monkeypatch):
    from game.rules import jit

    monkeypatch.setenv("POLITBURO_CACHE", str(tmp_path))
    folder = jit.cache_dir()
    assert folder is not None and folder.parent == tmp_path
    digest, numba, python = folder.name.split("-")
    assert digest == jit.source_digest() and numba.startswith("numba")
    assert python == f"py{sys.version_info[0]}{sys.version_info[1]}"
    marker = jit.ready_marker()
    assert marker is not None and marker.parent == folder
    monkeypatch.delenv("POLITBURO_CACHE")
    assert jit.cache_dir() is None and not jit.is_ready()

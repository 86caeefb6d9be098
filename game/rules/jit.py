"""Whether the kernels run compiled, and the decorator that makes a function a kernel.

The choice is made once per process, when :mod:`game.rules` is first imported:

- ``POLITBURO_JIT=0`` (or numba missing or failing to load): every kernel is the plain Python
  function it is written as. Slow, but it needs nothing built and is the reference.
- otherwise numba compiles each kernel on its first call and keeps the machine code in a cache
  folder (:func:`cache_dir`) named by the kernels' own source and numba's version, so that a
  changed rule never runs stale code. (Which folder is the front end's choice: the rules touch
  no files of their own.)

``POLITBURO_JIT=1`` asks for compilation even where a front end would start interpreted (see
:func:`game.engine.compiled`).
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

F = TypeVar("F", bound=Callable)

_HERE = Path(__file__).resolve().parent
WHY_INTERPRETED: str | None = None  # why the kernels run as Python, when they do


def source_digest() -> str:
    """A hash of every kernel module's source: the compiled cache is kept per version of the
    rules (numba does not notice a change in a kernel another module's kernel calls)."""
    h = hashlib.sha256()
    for path in sorted(_HERE.rglob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    for path in sorted((_HERE.parent / "ai").glob("*.py")):  # the AI's kernels and loop
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cache_dir() -> Path | None:
    """Where compiled kernels are kept: a folder per version of the rules and of numba under
    ``$POLITBURO_CACHE`` (the front ends set it to the user cache folder, see
    :func:`game.paths.use_kernel_cache`); None: numba's own default, beside the sources."""
    base = os.environ.get("POLITBURO_CACHE")
    if not base:
        return None
    try:
        from importlib.metadata import version

        numba = version("numba")
    except Exception:  # noqa: BLE001 - no numba installed: no cache to name
        numba = "none"
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"
    return Path(base) / f"{source_digest()}-numba{numba}-{python}"


def _wanted() -> bool:
    return os.environ.get("POLITBURO_JIT", "1") != "0"


def _load_numba():
    """numba with its cache in :func:`cache_dir`, or None (and :data:`WHY_INTERPRETED` says
    why)."""
    global WHY_INTERPRETED
    if not _wanted():
        WHY_INTERPRETED = "POLITBURO_JIT=0"
        return None
    try:
        import numba
    except Exception as e:  # noqa: BLE001 - any failure to load means: run interpreted
        WHY_INTERPRETED = f"numba could not be loaded ({type(e).__name__}: {e})"
        return None
    folder = cache_dir()
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            WHY_INTERPRETED = f"the cache folder {folder} cannot be written ({e.strerror})"
            return None
        numba.config.CACHE_DIR = str(folder)
    return numba


_numba = _load_numba()
COMPILED: bool = _numba is not None


def kernel(fn: F) -> F:
    """Make ``fn`` a kernel: compiled by numba (cached on disk), or ``fn`` itself when the
    kernels run interpreted."""
    if _numba is None:
        return fn
    return _numba.njit(cache=True, nogil=True)(fn)

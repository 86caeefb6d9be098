"""Whether the kernels run compiled, and the decorator that makes a function a kernel.

``POLITBURO_JIT`` says how the kernels run in this process:

- ``0``: as the plain Python functions they are written as. Slow, but it needs nothing built
  and is the reference.
- ``1``: compiled by numba, each kernel on its first call (the whole core takes minutes the
  first time), its machine code kept in a cache folder (:func:`cache_dir`) named by the
  kernels' own source and numba's version, so that a changed rule never runs stale code.
- unset or ``auto`` (the default): compiled when the cache for this version of the rules is
  complete, that is when the warm-up (:mod:`game.warm`) has called every kernel a game uses
  and left its *ready* marker (:func:`is_ready`); otherwise interpreted, so that nobody waits
  for a compile they did not ask for.

Numba missing or failing to load, or a cache folder that cannot be written, means interpreted
whatever the mode (:func:`decision` says why). Which folder is the front end's choice (see
:func:`game.paths.use_kernel_cache`): the rules touch no files of their own.

The choice is made once per process, when the first kernel is defined (that is, when the
engine is first imported), so a front end may still set these variables before it loads the
engine; reading this module's ``COMPILED`` or calling :func:`decision` makes it too.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

F = TypeVar("F", bound=Callable)

_HERE = Path(__file__).resolve().parent
_AI = _HERE.parent / "ai"
OFF, ON, AUTO = "0", "1", "auto"
READY_PREFIX = "ready-"


class Decision(NamedTuple):
    """How this process runs the kernels, and why."""

    compiled: bool
    why: str  # how the choice was made ("the compiled cache is ready", "POLITBURO_JIT=0" ...)
    failed: bool = False  # numba was wanted but could not be used: worth telling the user


def requested() -> str:
    """The mode ``POLITBURO_JIT`` asks for: :data:`OFF`, :data:`ON` or :data:`AUTO`."""
    value = os.environ.get("POLITBURO_JIT", "").strip().lower()
    return value if value in (OFF, ON) else AUTO


def _kernel_sources() -> list[Path]:
    """Every module that defines kernels (the AI's loop and search among them)."""
    return sorted([*_HERE.rglob("*.py"), *_AI.glob("*.py")])


@functools.cache
def source_digest() -> str:
    """A hash of every kernel module's source: the compiled cache is kept per version of the
    rules (numba does not notice a change in a kernel another module's kernel calls). Read
    once per process, as the kernels are."""
    h = hashlib.sha256()
    for path in _kernel_sources():
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
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"
    return Path(base) / f"{source_digest()}-numba{_numba_version()}-{python}"


@functools.cache
def _numba_version() -> str:
    """numba's version as installed, without importing it (that takes a while)."""
    try:
        from importlib.metadata import version

        return version("numba")
    except Exception:  # noqa: BLE001 - no numba installed: no cache to name
        return "none"


def ready_marker(folder: Path | None = None) -> Path | None:
    """The file the warm-up writes once every kernel a game uses is in the cache ``folder``
    (default :func:`cache_dir`). numba keeps a cache per folder of sources, so two installs of
    the same version (two virtual environments, two checkouts) each have their own marker."""
    folder = folder or cache_dir()
    if folder is None:
        return None
    where = "\n".join(str(p) for p in (_HERE, _AI)).encode()
    return folder / (READY_PREFIX + hashlib.sha1(where).hexdigest()[:16])


def is_ready() -> bool:
    """Whether the compiled cache of this version of the rules is complete (no numba import:
    the window asks this on its way up)."""
    marker = ready_marker()
    return marker is not None and marker.is_file()


def mark_ready(folder: Path | None = None) -> Path:
    """Leave the ready marker in the cache ``folder`` (default :func:`cache_dir`): the warm-up
    does, after it has called every kernel compiled."""
    marker = ready_marker(folder)
    if marker is None:
        raise RuntimeError("POLITBURO_CACHE is not set: there is no cache to mark ready")
    marker.write_text("every kernel a game uses is compiled here\n", encoding="utf-8")
    return marker


def _load_numba(wanted: str) -> tuple[object | None, Decision]:
    """numba with its cache in :func:`cache_dir` (or None), and the decision."""
    if wanted == OFF:
        return None, Decision(False, "POLITBURO_JIT=0")
    if wanted == AUTO and not is_ready():
        return None, Decision(False, "the compiled cache is not ready yet")
    try:
        import numba
    except Exception as e:  # noqa: BLE001 - any failure to load means: run interpreted
        return None, Decision(False, f"numba cannot be loaded ({type(e).__name__}: {e})", True)
    folder = cache_dir()
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            why = f"the cache folder {folder} cannot be written ({e.strerror})"
            return None, Decision(False, why, True)
        numba.config.CACHE_DIR = str(folder)
    why = "POLITBURO_JIT=1" if wanted == ON else "the compiled cache is ready"
    return numba, Decision(True, why)


_chosen: tuple[object | None, Decision] | None = None


def _numba():
    """numba, or None when the kernels run interpreted: decided on the first call."""
    global _chosen
    if _chosen is None:
        _chosen = _load_numba(requested())
    return _chosen[0]


def decision() -> Decision:
    """How this process runs the kernels (deciding now if no kernel has been defined yet)."""
    _numba()
    assert _chosen is not None
    return _chosen[1]


def __getattr__(name: str):
    """``COMPILED`` and ``WHY_INTERPRETED`` (None when compiled), read as module constants."""
    if name == "COMPILED":
        return decision().compiled
    if name == "WHY_INTERPRETED":
        d = decision()
        return None if d.compiled else d.why
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def kernel(fn: F) -> F:
    """Make ``fn`` a kernel: compiled by numba (cached on disk), or ``fn`` itself when the
    kernels run interpreted."""
    numba = _numba()
    if numba is None:
        return fn
    return numba.njit(cache=True, nogil=True)(fn)


def carried(cls: type) -> Callable[..., object]:
    """Carry the named tuple of arrays ``cls`` through compiled code as one object (see
    :mod:`game.rules.structs`); the function kernels call to build one: ``cls`` itself when
    the kernels run interpreted."""
    if _numba() is None:
        return cls
    from .structs import carry

    return carry(cls)

"""Where scenarios come from: the shipped ``scenarios/`` folder, the player's own scenarios folder
and any file named on the command line.

:func:`discover` loads every scenario it can find and returns a :class:`Catalogue` of
:class:`Entry` values. A file that cannot be loaded is still listed, with its error instead of
its scenario, so a broken scenario in the user folder is shown (and cannot be chosen) but never
stops the game from starting.

The user folder is ``<data dir>/scenarios``, where the data dir follows the same rule as saves:
``$POLITBURO_HOME`` if set, else the platform's per-user data folder (platformdirs).

Ids: a scenario is known by the ``id`` in its file (a broken file, whose id cannot be read, by
its file name). When the user folder holds a scenario with the id of a shipped one, the user's
version is used and the shipped one is set aside, with a warning. Two files with one id in the
same folder: the first by file name is used, the other is set aside with a warning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from game.content import loader
from game.content.loader import ScenarioError
from game.engine import Scenario

Origin = Literal["shipped", "user", "file"]
SUFFIXES = (".yaml", ".yml")
DEFAULT_ID = "succession_1924"  # what `play --auto` plays when no scenario is named
MAX_USER_FILES = 500  # a folder with more scenario files than this is not a scenarios folder


def user_scenario_dir() -> Path:
    """The player's own scenarios folder: ``<data dir>/scenarios`` (it may not exist)."""
    from game.paths import data_dir

    return data_dir() / "scenarios"


def one_line(e: ScenarioError) -> str:
    """A ScenarioError's first problem, on one line, with a count of the others."""
    first = " ".join(str(e.problems[0]).split()) if e.problems else "cannot be loaded"
    more = len(e.problems) - 1
    return first + (f" (and {more} more problem{'s' * (more > 1)})" if more > 0 else "")


@dataclass(frozen=True, slots=True)
class Entry:
    """One scenario file: its id and title when it loads, else its file name and its error."""

    id: str
    title: str
    path: Path
    origin: Origin
    scenario: Scenario | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.scenario is not None


@dataclass
class Catalogue:
    """Every scenario found, in menu order (the main scenario, the other shipped ones, then the
    user's), with warnings about files set aside."""

    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def usable(self) -> list[Entry]:
        return [e for e in self.entries if e.ok]

    @property
    def broken(self) -> list[Entry]:
        return [e for e in self.entries if not e.ok]

    def ids(self) -> list[str]:
        return [e.id for e in self.entries]

    def get(self, scenario_id: str) -> Entry | None:
        """The entry with this id: a loaded scenario's, else a broken file's name."""
        found = [e for e in self.entries if e.id == scenario_id]
        return next((e for e in found if e.ok), found[0] if found else None)


def load_entry(path: str | Path, origin: Origin) -> Entry:
    """Load one file into an entry; a file that cannot be loaded gives an entry with its error."""
    p = Path(path)
    try:
        sc = loader.load_scenario(p)
    except ScenarioError as e:
        return Entry(p.stem, p.stem, p, origin, None, one_line(e))
    return Entry(sc.id, sc.title, p, origin, sc, None)


def _scan(folder: Path, warnings: list[str]) -> list[Path]:
    """The scenario files directly inside ``folder``, sorted by name; none if it is missing."""
    try:
        if not folder.is_dir():
            return []
        files = sorted(
            p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and not p.is_dir()
        )
    except OSError as e:
        warnings.append(f"cannot read the scenarios folder {folder}: {e.strerror or e}")
        return []
    if len(files) > MAX_USER_FILES:
        warnings.append(
            f"{folder} holds {len(files)} scenario files; only the first {MAX_USER_FILES} are read"
        )
    return files[:MAX_USER_FILES]


def _add(cat: Catalogue, entry: Entry) -> None:
    """Add an entry; on a duplicate id, a later origin (user over shipped) replaces an earlier
    one, and within one origin the first file wins. Either way, a warning says so. A broken
    file has no id to clash with: it is always listed, and never hides a scenario that loads."""
    old = cat.get(entry.id) if entry.ok else None
    if old is not None and not old.ok:
        old = None
    if old is None:
        cat.entries.append(entry)
        return
    if old.origin == "shipped" and entry.origin == "user":
        cat.entries[cat.entries.index(old)] = entry
        cat.warnings.append(
            f"your scenario {entry.path} has the id {entry.id!r} of a shipped scenario; "
            f"yours is used instead of {old.path.name}"
        )
        return
    cat.warnings.append(
        f"{entry.path} has the id {entry.id!r}, already used by {old.path}; it is ignored "
        "(give it another id to use both)"
    )


def discover(shipped: Iterable[Path] | None = None, user_dir: Path | None = None) -> Catalogue:
    """Every shipped scenario and every scenario in the user folder, loaded (or with their
    error). ``shipped`` and ``user_dir`` default to the installed ones."""
    cat = Catalogue()
    files = list(loader.shipped_scenarios() if shipped is None else shipped)
    files.sort(key=lambda p: p.stem != DEFAULT_ID)  # the main scenario first, the rest in order
    for p in files:
        _add(cat, load_entry(p, "shipped"))
    folder = user_scenario_dir() if user_dir is None else user_dir
    for p in _scan(folder, cat.warnings):
        _add(cat, load_entry(p, "user"))
    return cat


def looks_like_path(name: str) -> bool:
    """True for a name that is meant as a file rather than an id: it ends in .yaml or .yml,
    has a folder in it, or names a file that exists."""
    p = Path(name)
    return p.suffix.lower() in SUFFIXES or "/" in name or "\\" in name or p.is_file()


class UnknownScenario(LookupError):
    """An id that names no scenario; the message lists the ones there are."""


def resolve(name: str, catalogue: Catalogue | None = None) -> Entry:
    """The scenario named by ``name``: a file path (origin "file"; loaded, or with its error), or
    the id of a shipped or user scenario. Raises :class:`UnknownScenario` for an unknown id."""
    if looks_like_path(name):
        return load_entry(name, "file")
    return resolve_id(name, catalogue)


def resolve_id(name: str, catalogue: Catalogue | None = None) -> Entry:
    """The shipped or user scenario with the id (or file name) ``name``, which is only ever a
    name: unlike :func:`resolve` it never opens a file named by it (a save's scenario id is
    read from the save, and a crafted save must not reach a file with it). Raises
    :class:`UnknownScenario` for an unknown id."""
    cat = discover() if catalogue is None else catalogue
    entry = cat.get(name)
    if entry is None:
        # A file name that differs from the id inside it still finds the scenario.
        entry = next((e for e in cat.entries if e.path.stem == name), None)
    if entry is None:
        raise UnknownScenario(f"no scenario with the id {name!r}; {known_ids(cat)}")
    return entry


def known_ids(cat: Catalogue) -> str:
    """'the scenarios are: a, b (yours)' — the usable ids, for error messages."""
    ids = [e.id + (" (yours)" if e.origin == "user" else "") for e in cat.usable]
    if not ids:
        return "no scenarios are installed"
    return "the scenarios are: " + ", ".join(ids)

"""The encyclopedia: short articles on the people, offices, organs and terms of the succession
struggle, for the game's tooltips and its browsable encyclopedia screen.

The articles are data, in ``assets/encyclopedia.yaml``, so a teacher can correct or extend them
without touching code. This module is the data layer only (no pygame): it reads the file with
the scenario loader's safe, bounded YAML parser, checks it, and answers what the UI asks: an
entry by id, the entries of each kind, a search, the entry that a name seen in the game refers
to, and an article split into runs of plain words and links that the UI can draw.

Markup inside ``text``: ``[[id]]`` links to an entry and shows its title; ``[[id|words]]``
shows ``words``. Paragraphs are separated by a blank line (in the file, write ``text`` as a
folded block, ``>-``, with an empty line between paragraphs).

A broken file raises :class:`EncyclopediaError`, a :class:`ScenarioError` (so the code that
already reports broken scenarios in one line reports this too) whose text is one line:
``path: problem at line L, column C``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from game.content.datafile import DataFileError, read_data_file
from game.content.yaml_lines import Locator
from game.resources import assets_folder

DEFAULT_PATH = assets_folder() / "encyclopedia.yaml"

Kind = Literal["person", "office", "organ", "term"]
KINDS: tuple[str, ...] = ("person", "office", "organ", "term")  # the browsing order
SUMMARY_WORDS = 25  # a tooltip must fit in a few lines

# The five source documents, by their titles in the sources README; the event cards of the
# shipped scenarios cite them in the same form.
SOURCE_TITLES: tuple[str, ...] = (
    '"Why Did Stalin Win The Struggle For Power, 1924–1929?"',
    "\"How far does Stalin's position as General Secretary explain his success in defeating "
    'his rivals in the years 1924–1929?"',
    '"Stalin\'s Rise to Power" (revision cards)',
    '"Stalin\'s Rise to Power" (timeline)',
    '"Key Issue 5: Why and How was Stalin able to gain Power and Consolidate it between 1924 '
    'and 1941?"',
)

LINK = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]+))?\]\]")
_ID = r"^[a-z][a-z0-9_]*$"
_DASHES = str.maketrans({"’": "'", "‘": "'", "-": " ", "–": " ", "—": " ", "_": " "})


class EncyclopediaError(DataFileError):
    """The encyclopedia file cannot be used; its text is one line: the path, the problem."""


class Segment(NamedTuple):
    """A run of an article's text: plain words (``link`` None) or the words of a link."""

    text: str
    link: str | None


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of an article. A folded YAML block turns each blank line into one
    newline, a literal block keeps blank lines and wraps lines; both read the same here."""
    text = text.strip()
    if "\n\n" in text:
        chunks = re.split(r"\n\s*\n", text)
    else:
        chunks = text.split("\n")
    return [" ".join(c.split()) for c in chunks if c.strip()]


def _fold(text: str) -> str:
    """Text for comparing names and searching: case, dashes, quotes and spacing ignored."""
    return " ".join(text.casefold().translate(_DASHES).split())


def _name_key(text: str) -> str:
    """A name as it is matched: folded, without a leading "the" or surrounding punctuation."""
    key = _fold(text).strip(" .,:;!?\"'()")
    return key[4:] if key.startswith("the ") else key


class Entry(BaseModel):
    """One article."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID, description="snake_case; scenario ids where they exist")
    title: str = Field(min_length=1)
    kind: Kind
    summary: str = Field(min_length=1, description="One sentence for a tooltip.")
    text: str = Field(min_length=1, description="The article; [[id]] or [[id|words]] links.")
    see_also: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    years: str | None = None
    game: str | None = Field(None, description="How this works in the game.")
    aliases: tuple[str, ...] = Field((), description="Other names it goes by in the game.")

    @field_validator("title", "summary", "years", "game")
    @classmethod
    def _one_line(cls, v: str | None) -> str | None:
        return None if v is None else " ".join(v.split())

    @field_validator("summary")
    @classmethod
    def _short(cls, v: str) -> str:
        if len(v.split()) > SUMMARY_WORDS:
            raise ValueError(
                f"a summary has at most {SUMMARY_WORDS} words, this has {len(v.split())}"
            )
        return v

    @field_validator("text")
    @classmethod
    def _article(cls, v: str) -> str:
        text = "\n\n".join(_paragraphs(v))
        stray = LINK.sub("", text)
        if "[[" in stray or "]]" in stray:
            raise ValueError(
                "a link is not closed or not well formed: write [[id]] or [[id|words]]"
            )
        return text

    @field_validator("sources")
    @classmethod
    def _known_sources(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for title in v:
            if title not in SOURCE_TITLES:
                raise ValueError(
                    f"unknown source {title!r}; cite one of the five source "
                    "documents by its title in the sources README"
                )
        return v

    @property
    def sort_key(self) -> str:
        """People by surname, everything else by title."""
        return _fold(self.title.split()[-1] if self.kind == "person" else self.title)


class Encyclopedia(BaseModel):
    """Every entry, in file order, with indexes for look-ups. Building one checks that ids are
    unique, every link and "see also" resolves and no two entries share a name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entries: tuple[Entry, ...] = Field(min_length=1)
    _by_id: dict[str, Entry] = PrivateAttr(default_factory=dict)
    _names: dict[str, Entry] = PrivateAttr(default_factory=dict)
    _ids: dict[str, Entry] = PrivateAttr(default_factory=dict)
    _haystacks: list[tuple[list[str], str, str]] = PrivateAttr(default_factory=list)

    def model_post_init(self, context: object) -> None:
        problems = cross_check(self.entries)
        if problems:
            raise ValueError(problems[0][1])
        self._by_id = {e.id: e for e in self.entries}
        for e in self.entries:
            self._ids[_name_key(e.id)] = e
            for name in (e.title, *e.aliases):
                self._names[_name_key(name)] = e
            names = [_fold(n) for n in (e.title, *e.aliases)]
            self._haystacks.append((names, _fold(e.summary), _fold(self.plain_text(e))))

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None."""
        return self._by_id.get(entry_id)

    def by_kind(self) -> dict[str, list[Entry]]:
        """The entries of each kind (people, offices, organs, terms), each list sorted for
        browsing: people by surname, the rest by title."""
        groups: dict[str, list[Entry]] = {k: [] for k in KINDS}
        for e in self.entries:
            groups[e.kind].append(e)
        return {k: sorted(v, key=lambda e: (e.sort_key, e.id)) for k, v in groups.items()}

    def search(self, text: str) -> list[Entry]:
        """Entries matching ``text``, case-insensitively, best first: the title (or an alias)
        is the text, then contains it, then the summary does, then the article; last, entries
        that hold every word of it somewhere. Ties go by title."""
        query = _fold(text)
        if not query:
            return []
        words = query.split()
        ranked = []
        for e, (names, summary, body) in zip(self.entries, self._haystacks, strict=True):
            if query in names:
                tier = 0
            elif any(query in n for n in names):
                tier = 1
            elif query in summary:
                tier = 2
            elif query in body:
                tier = 3
            elif all(any(w in f for f in (*names, summary, body)) for w in words):
                tier = 4
            else:
                continue
            ranked.append((tier, _fold(e.title), e.id, e))
        return [r[-1] for r in sorted(ranked, key=lambda r: r[:3])]

    def lookup_term(self, name: str) -> Entry | None:
        """The entry a name seen in the game refers to ("General Secretary", "Stalin",
        "Politburo", "Lenin's Testament", "kulaks"), or None. Titles and aliases are matched
        before ids, so a word in running text finds the thing it names; ids are matched too,
        with or without underscores. Case, dashes, quotes, a leading "the", a possessive "'s"
        and a plural "s" do not matter."""
        key = _name_key(name)
        if not key:
            return None
        tries = [key]
        if key.endswith("'s"):
            tries.append(key[:-2])
        if key.endswith("s") and len(key) > 3:
            tries.append(key[:-1])
        for k in tries:
            found = self._names.get(k) or self._ids.get(k)
            if found is not None:
                return found
        return None

    def find(self, key: str) -> Entry | None:
        """What a hotspot's ``term`` means: an entry id first (a scenario's contender, notable,
        office or organ id), else a name as :meth:`lookup_term` matches it. Ids of other
        scenarios' posts find the nearest entry by name (``control_commission``)."""
        return self.get(key) or self.lookup_term(key)

    def title_of(self, entry_id: str) -> str:
        e = self._by_id.get(entry_id)
        return e.title if e else entry_id

    def segments(self, text: str) -> list[Segment]:
        """``text`` as runs of plain words and links, in order; ``[[id]]`` shows the entry's
        title. Paragraph breaks stay in the plain runs as blank lines."""
        out: list[Segment] = []
        pos = 0
        for m in LINK.finditer(text):
            if m.start() > pos:
                out.append(Segment(text[pos : m.start()], None))
            target = m.group(1).strip()
            out.append(Segment(m.group(2) or self.title_of(target), target))
            pos = m.end()
        if pos < len(text):
            out.append(Segment(text[pos:], None))
        return out

    def paragraphs(self, entry: Entry) -> list[list[Segment]]:
        """The article as paragraphs of segments, for drawing with wrapped lines."""
        return [self.segments(p) for p in entry.text.split("\n\n")]

    def plain_text(self, entry: Entry) -> str:
        """The article without markup: each link replaced by the words it shows."""
        return "".join(s.text for s in self.segments(entry.text))

    def links(self, entry: Entry) -> list[str]:
        """The ids the article links to, in order of first appearance."""
        return list(dict.fromkeys(m.group(1).strip() for m in LINK.finditer(entry.text)))


Loc = tuple[str | int, ...]


def cross_check(entries: tuple[Entry, ...] | list[Entry]) -> list[tuple[Loc, str]]:
    """What the entries get wrong together, each with its place: a repeated id, a link or
    "see also" to no entry, a name (title or alias) that two entries share."""
    problems: list[tuple[Loc, str]] = []

    def add(loc: Loc, message: str) -> None:
        problems.append((("entries", *loc), message))

    ids: dict[str, int] = {}
    for i, e in enumerate(entries):
        if e.id in ids:
            add((i, "id"), f"the id {e.id!r} is already used by entry {ids[e.id] + 1}")
        ids.setdefault(e.id, i)
    names: dict[str, str] = {}
    for i, e in enumerate(entries):
        for m in LINK.finditer(e.text):
            target = m.group(1).strip()
            if target not in ids:
                add((i, "text"), f"entry {e.id!r} links to [[{target}]], which is no entry")
        for j, target in enumerate(e.see_also):
            if target not in ids:
                add(
                    (i, "see_also", j),
                    f"entry {e.id!r}: see_also names {target!r}, which is no entry",
                )
            elif target == e.id:
                add((i, "see_also", j), f"entry {e.id!r} lists itself in see_also")
        for name in dict.fromkeys(_name_key(n) for n in (e.title, *e.aliases)):
            other = names.setdefault(name, e.id)
            if other != e.id:
                add(
                    (i,),
                    f"entry {e.id!r} and entry {other!r} are both called {name!r}; "
                    "lookups need one meaning",
                )
    return problems


def load_encyclopedia(path: str | Path | None = None) -> Encyclopedia:
    """Read and check the encyclopedia (the shipped one by default). Raises
    :class:`EncyclopediaError` with a one-line message for any problem: a missing or
    unreadable file, bad YAML, a wrong field, a link to nothing."""
    p = Path(path) if path is not None else DEFAULT_PATH
    where = str(p)
    data, root = read_data_file(p, EncyclopediaError)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise EncyclopediaError(where, ["file must be a mapping with a list of 'entries'"])
    locator = Locator(root)

    def at(loc: Loc, message: str) -> str:
        line, col = locator.position(loc)
        return f"{message} at line {line}, column {col}"

    entries: list[Entry] = []
    problems: list[str] = []
    extra = sorted(str(k) for k in data if k != "entries")
    if extra:
        problems.append(at((extra[0],), f"unknown top-level field {extra[0]!r}"))
    for i, raw_entry in enumerate(data["entries"]):
        try:
            entries.append(Entry.model_validate(raw_entry))
        except ValidationError as e:
            label = raw_entry.get("id") if isinstance(raw_entry, dict) else None
            for err in e.errors():
                loc = ("entries", i, *err["loc"])
                field = ".".join(str(x) for x in err["loc"]) or "entry"
                name = f"entry {label!r}" if isinstance(label, str) else f"entry {i + 1}"
                msg = err["msg"].removeprefix("Value error, ")
                problems.append(at(loc, f"{name}: {field}: {msg}"))
    if not problems:
        problems = [at(loc, msg) for loc, msg in cross_check(entries)]
    if not problems and not entries:
        problems = ["the file has no entries"]
    if problems:
        raise EncyclopediaError(where, problems)
    return Encyclopedia(entries=tuple(entries))

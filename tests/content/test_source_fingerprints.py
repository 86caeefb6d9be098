"""The game's history against its sources, through the fingerprints in
tests/data/source_fingerprints.json (the documents themselves are not in the repository):

- every card of every shipped scenario cites a fingerprinted document, and that document holds
  the card's key date or figure (its ``source_key``), which is also in the card's note;
- no run of 8 words of the game's own text (every string of the scenario files, the
  encyclopedia and the game package) appears in one of the five source documents;
- where the documents are on this machine ($POLITBURO_SOURCES, or ../shared/sources beside
  the checkout), the committed fingerprints are the ones they give.

The scheme and the command that rewrites the file: tests/source_fingerprints.py.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

import source_fingerprints as fp
from game.content.encyclopedia import DEFAULT_PATH, load_encyclopedia
from game.content.loader import load_scenario
from helpers import GENERAL_HISTORIES, ROOT, SCENARIO_DIR

SHIPPED = sorted(SCENARIO_DIR.glob("*.yaml"))
GAME_PACKAGE = ROOT / "game"


@functools.cache
def documents() -> dict[str, fp.Document]:
    return {d.title: d for d in fp.load()}


def _id(path: Path) -> str:
    return path.stem


def numbers(text: str) -> set[str]:
    """The words of a text that hold a digit, normalised, ordinals as numbers ("21st" reads
    "21"): its dates and figures."""
    return {
        re.sub(r"^(\d+)(st|nd|rd|th)$", r"\1", w)
        for w in fp.words(text)
        if any(ch.isdigit() for ch in w)
    }


def cards(path: Path) -> list:
    """Every card of a scenario, the ones its what-ifs add included."""
    sc = load_scenario(path)
    return [*sc.events, *(e for w in sc.what_ifs for e in w.patch.add_events)]


# ----- the fingerprint file -----------------------------------------------------------------


def test_the_file_lists_the_five_documents_and_the_fact_sheet():
    docs = fp.load()
    assert [d.copy_check for d in docs] == [True] * 5 + [False]
    assert docs[-1].title == fp.FACT_SHEET_TITLE and docs[-1].file == fp.FACT_SHEET
    assert len({d.title for d in docs}) == len(docs)
    for d in docs:
        assert len(d.sha256) == 64 and len(d.hashes) > 500, d.file
        assert all(len(h) == fp.HASH_DIGITS for h in d.hashes), d.file


def test_the_fingerprints_are_those_of_the_documents_here():
    sources = fp.default_sources_dir()
    if not (sources / "README.md").is_file():
        pytest.skip(f"the source documents are not at {sources} (set POLITBURO_SOURCES)")
    fresh = fp.read_documents(sources)
    committed = {d.file: d for d in fp.load()}
    rerun = "run python tests/source_fingerprints.py"
    assert [(d.title, d.file) for d in fresh] == [(d.title, d.file) for d in committed.values()], (
        f"the documents listed have changed: {rerun}"
    )
    changed = [d.file for d in fresh if d != committed[d.file]]
    assert not changed, f"the fingerprints of {', '.join(changed)} are out of date: {rerun}"
    assert fp.dumps(fresh) == fp.FINGERPRINTS.read_text(encoding="utf-8"), rerun


def test_words_are_normalised_as_the_scheme_says():
    assert fp.words("Stalin’s 600,000 members\u2009—\u00a0in 1923–25") == [
        "stalins",
        "600000",
        "members",
        "in",
        "1923",
        "25",
    ]
    assert fp.words("1\u2009500 LENIN'S") == fp.words("1,500 lenins") == ["1500", "lenins"]
    assert fp.words("1924 1929") == ["1924", "1929"]  # a space between years joins nothing


def test_a_document_holds_its_own_phrases_and_not_others():
    text = "The plenum of 17 January 1925 met in Moscow, and nine of its ten members voted."
    doc = fp.Document("t", "f", True, "0" * 64, frozenset(fp.ngram_hashes(text)))
    assert doc.holds("17 January 1925") and doc.holds("17 JANUARY, 1925")
    assert doc.holds("the plenum of 17 january 1925 met in")  # 8 words
    assert not doc.holds("18 January 1925") and not doc.holds("January 17 1925")
    assert not doc.holds("met in Moscow")  # a short run without a digit is not kept
    assert not doc.holds("")


# ----- every card cites a document that holds its key fact ----------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=_id)
def test_every_card_cites_a_document_that_holds_its_key_fact(path):
    docs = documents()
    problems = []
    histories = GENERAL_HISTORIES.get(path.stem)
    for e in cards(path):
        doc = docs.get(e.source)
        if histories is not None:
            if e.source not in histories:
                problems.append(f"{e.id}: cites {e.source!r}, not one of its era's histories")
            elif e.source_key:
                problems.append(f"{e.id}: a source_key, but no fingerprinted document to hold it")
        elif doc is None:
            problems.append(f"{e.id}: cites {e.source!r}, which is not a fingerprinted document")
        elif not e.source_key:
            problems.append(f"{e.id}: no source_key")
        elif not numbers(e.source_key) or len(fp.words(e.source_key)) >= fp.LONGEST:
            problems.append(
                f"{e.id}: source_key {e.source_key!r} is not a short date or figure (it needs "
                f"a digit and fewer than {fp.LONGEST} words: a key is a quote, not a copy)"
            )
        elif not numbers(e.source_key) <= numbers(e.history):
            problems.append(f"{e.id}: source_key {e.source_key!r} is not in the card's note")
        elif not doc.holds(e.source_key):
            problems.append(f"{e.id}: {e.source} does not hold {e.source_key!r}")
    assert not problems, "\n".join(problems)


# ----- no 8 words in a row from a source ----------------------------------------------------


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(key)
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
    elif isinstance(node, str):
        yield node


def scenario_texts() -> Iterator[tuple[str, str]]:
    for path in SHIPPED:
        for s in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield path.name, s


def encyclopedia_texts() -> Iterator[tuple[str, str]]:
    enc = load_encyclopedia(DEFAULT_PATH)
    for e in enc.entries:
        for s in (e.title, e.summary, enc.plain_text(e), e.game or "", *e.aliases):
            yield f"encyclopedia {e.id}", s


def package_texts() -> Iterator[tuple[str, str]]:
    """Every string constant in the game package: the UI's, debrief's and CLI's own words."""
    for path in sorted(GAME_PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield str(path.relative_to(ROOT)), node.value


def copied_runs(
    texts: Iterator[tuple[str, str]], docs: list[fp.Document] | None = None
) -> list[str]:
    """'where: the eight words' for every run of 8 words that a source document holds. Citing a
    document by its title, or quoting the essay question a title asks, is not copying: runs of
    a title's own words are left out."""
    docs = list(docs or documents().values())
    checked = [d for d in docs if d.copy_check]
    titles = {fp.digest(g) for d in docs for g in fp.runs(fp.words(d.title), fp.LONGEST)}
    found = []
    for where, text in texts:
        for gram in fp.runs(fp.words(text), fp.LONGEST):
            h = fp.digest(gram)
            if h not in titles and any(h in d.hashes for d in checked):
                found.append(f"{where}: {' '.join(gram)}")
    return found


@pytest.mark.parametrize(
    "texts", [scenario_texts, encyclopedia_texts, package_texts], ids=lambda f: f.__name__
)
def test_no_eight_words_in_a_row_from_a_source(texts):
    found = copied_runs(texts())
    assert not found, "the game repeats a source's words:\n" + "\n".join(found)


def test_the_copy_check_finds_a_copy():
    text = "one two three four five six seven eight nine"
    doc = fp.Document("made up", "f", True, "0" * 64, frozenset(fp.ngram_hashes(text)))
    found = copied_runs(iter([("here", "So: ONE two three four five six seven eight!")]), [doc])
    assert found == ["here: one two three four five six seven eight"]
    assert copied_runs(iter([("here", "one two three four five six seven nine")]), [doc]) == []
    fact_sheet = doc.__class__(**{**doc.__dict__, "copy_check": False})
    assert copied_runs(iter([("here", text)]), [fact_sheet]) == []  # only the five are checked

"""Fingerprints of the source documents, so that tests can check the game's text against them on
a machine that does not have them.

The five source documents (and the fact sheet) live outside the repository, in the project's
shared folder: they are not ours, and CI runs on a clean clone without them. What the repository
keeps instead is ``tests/data/source_fingerprints.json``: for each document its title, its file
name, the SHA-256 of its file, and the truncated hashes of its runs of words. From those a test
can tell, without the text, whether a date or figure of up to 8 words occurs in a document (a
card's ``source_key``), and whether the game repeats 8 words in a row of one (a copy).

The scheme (the file's ``scheme`` entry says the same):

- **words**: the text is put in Unicode NFKC form (thin and no-break spaces become spaces),
  digit groups are joined (``600,000`` and ``600 000`` read ``600000``), apostrophes are
  dropped (``Stalin's`` reads ``stalins``), the text is case-folded, and a word is then every
  run of letters and digits: every other character (dashes of every kind, quotes, slashes,
  other punctuation, spaces) separates words, so ``1923-25`` is two words.
- **n-grams**: every run of 8 consecutive words, and every shorter run (1 to 7 words) that
  holds a digit, joined by one space. A ``source_key`` is a date or figure, so it holds a
  digit; keeping only such short runs keeps the file small (the fact sheet alone has over
  7,000 words).
- **hash**: the first 10 hex digits (40 bits) of the SHA-256 of the n-gram's UTF-8 bytes, so a
  chance match is about one in 30 million per lookup against the largest document.
- **the fact sheet's text** is its YAML keys and string values in file order, without its
  ``sources`` table of web addresses; the five documents' text is their file.

Run ``python tests/source_fingerprints.py`` (from the repository's root) to rewrite the file
from the documents in ``$POLITBURO_SOURCES`` or, by default, ``../shared/sources`` beside the
checkout; ``--check`` only says whether the committed file is up to date.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FINGERPRINTS = ROOT / "tests" / "data" / "source_fingerprints.json"
LONGEST = 8  # the longest n-gram kept, and the length of a run that counts as a copy
HASH_DIGITS = 10
PER_LINE = 8  # hashes per line of the file, so that a change shows as a readable diff

# The fact sheet is cited by title like the five documents; its file lies beside the sources
# folder (the sources README calls it ../history/facts.yaml). It is the project's own
# paraphrase of public reference works, so the game may share wording with it: only the five
# documents are checked for copying.
FACT_SHEET = "history/facts.yaml"
FACT_SHEET_TITLE = (
    'Fact sheet "Soviet leadership struggle 1922-1929" (compiled from public reference works)'
)

_GROUPED_DIGITS = re.compile(r"(?<=\d)[,\u00a0\u2009\u202f](?=\d{3}(?!\d))")
_APOSTROPHES = re.compile("['\u2019\u2018\u02bc`\u00b4]")
_WORD = re.compile(r"[^\W_]+")
_README_ROW = re.compile(r"^\|\s*(\S+\.txt)\s*\|\s*(.+?)\s*\|", re.MULTILINE)

SCHEME = {
    "words": "NFKC; digit groups joined (600,000 -> 600000); apostrophes dropped; casefold; "
    "a word is a run of Unicode letters and digits, everything else separates words",
    "ngrams": f"every run of {LONGEST} words, and every shorter run that holds a digit; "
    "words joined by one space",
    "hash": f"first {HASH_DIGITS} hex digits of SHA-256 of the n-gram's UTF-8 bytes",
    "fact sheet": "its YAML keys and string values in file order, without its `sources` table "
    "of web addresses",
    "layout": f"each document's hashes sorted, {PER_LINE} to a line, one space between",
}


def words(text: str) -> list[str]:
    """The words of a text, normalised as the fingerprints are (see the module's docstring)."""
    text = _GROUPED_DIGITS.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _GROUPED_DIGITS.sub("", text)
    text = _APOSTROPHES.sub("", text).casefold()
    return _WORD.findall(text)


def digest(gram: Iterable[str]) -> str:
    """The truncated hash of one n-gram (a sequence of normalised words)."""
    return hashlib.sha256(" ".join(gram).encode("utf-8")).hexdigest()[:HASH_DIGITS]


def runs(ws: list[str], n: int) -> Iterator[tuple[str, ...]]:
    """Every run of ``n`` consecutive words."""
    return (tuple(ws[i : i + n]) for i in range(len(ws) - n + 1))


def _has_digit(gram: tuple[str, ...]) -> bool:
    return any(ch.isdigit() for w in gram for ch in w)


def ngram_hashes(text: str) -> set[str]:
    """The hashes of a text's n-grams: every run of LONGEST words, and every shorter run that
    holds a digit."""
    ws = words(text)
    grams = set(runs(ws, LONGEST))
    grams.update(g for n in range(1, LONGEST) for g in runs(ws, n) if _has_digit(g))
    return {digest(g) for g in grams}


@dataclass(frozen=True)
class Document:
    """One fingerprinted document: its title (as the game cites it), its file (relative to
    the shared folder), whether the game's text is checked against it for copying, the
    SHA-256 of its text, and its n-gram hashes."""

    title: str
    file: str
    copy_check: bool
    sha256: str
    hashes: frozenset[str]

    def holds(self, phrase: str) -> bool:
        """Whether the phrase occurs in the document: a run of 1 to LONGEST words that holds a
        digit, or of exactly LONGEST words (shorter runs without one are not kept)."""
        ws = tuple(words(phrase))
        kept = len(ws) == LONGEST or (1 <= len(ws) < LONGEST and _has_digit(ws))
        return kept and digest(ws) in self.hashes


def default_sources_dir() -> Path:
    """``$POLITBURO_SOURCES``, else the shared folder's ``sources`` beside the checkout."""
    env = os.environ.get("POLITBURO_SOURCES")
    return Path(env) if env else ROOT.parent / "shared" / "sources"


def read_documents(sources: Path) -> list[Document]:
    """Fingerprint the documents listed in ``sources/README.md`` and the fact sheet beside."""
    readme = (sources / "README.md").read_text(encoding="utf-8")
    listed = _README_ROW.findall(readme)
    if not listed:
        raise ValueError(f"{sources / 'README.md'} lists no documents")
    docs = [(title, f"sources/{name}", True) for name, title in listed]
    docs.append((FACT_SHEET_TITLE, FACT_SHEET, False))
    out = []
    for title, file, copy_check in docs:
        raw = (sources.parent / file).read_bytes()
        text = raw.decode("utf-8")
        if file == FACT_SHEET:
            text = fact_sheet_text(text)
        sha = hashlib.sha256(raw).hexdigest()
        out.append(Document(title, file, copy_check, sha, frozenset(ngram_hashes(text))))
    return out


def fact_sheet_text(text: str) -> str:
    """The fact sheet's keys and string values in file order, without its table of web
    addresses (``sources``), one to a line."""
    data = yaml.safe_load(text)
    data.pop("sources", None)
    return "\n".join(_scalars(data))


def _scalars(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield str(key)
            yield from _scalars(value)
    elif isinstance(node, list):
        for item in node:
            yield from _scalars(item)
    elif node is not None:
        yield str(node)


def to_json(docs: list[Document]) -> dict:
    """The fingerprint file's content."""
    return {
        "about": "Fingerprints of the source documents and the fact sheet, which are not in "
        "this repository; written by tests/source_fingerprints.py, read by "
        "tests/content/test_source_fingerprints.py.",
        "scheme": SCHEME,
        "documents": [
            {
                "title": d.title,
                "file": d.file,
                "copy_check": d.copy_check,
                "sha256": d.sha256,
                "ngrams": [" ".join(chunk) for chunk in _chunks(sorted(d.hashes), PER_LINE)],
            }
            for d in docs
        ],
    }


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    return (items[i : i + size] for i in range(0, len(items), size))


def from_json(data: dict) -> list[Document]:
    """The documents of a fingerprint file's content."""
    return [
        Document(
            d["title"],
            d["file"],
            d["copy_check"],
            d["sha256"],
            frozenset(h for line in d["ngrams"] for h in line.split()),
        )
        for d in data["documents"]
    ]


def load(path: Path = FINGERPRINTS) -> list[Document]:
    return from_json(json.loads(path.read_text(encoding="utf-8")))


def dumps(docs: list[Document]) -> str:
    return json.dumps(to_json(docs), indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=None, help="the sources folder")
    parser.add_argument("--check", action="store_true", help="only check the committed file")
    args = parser.parse_args(argv)
    sources = args.sources or default_sources_dir()
    if not (sources / "README.md").is_file():
        print(f"source_fingerprints: no sources/README.md at {sources}", file=sys.stderr)
        return 1
    text = dumps(read_documents(sources))
    if args.check:
        same = FINGERPRINTS.is_file() and FINGERPRINTS.read_text(encoding="utf-8") == text
        print(f"{FINGERPRINTS}: {'up to date' if same else 'OUT OF DATE'}")
        return 0 if same else 1
    FINGERPRINTS.write_text(text, encoding="utf-8")
    print(f"wrote {FINGERPRINTS} ({len(text.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The documentation's links stay inside the project and lead somewhere (issue 18: docs/model.md
named files that were no longer there).

Every relative link in README.md and docs/*.md (inline, reference-style or HTML) must resolve to
a file or folder of this repository, and its ``#anchor`` to a heading of the page it names; so
must every path of the repository written in code style (`game/rules/turn.py`), which readers
follow as they follow a link. Links to web sites are left alone.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content.reference import slug
from helpers import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
INLINE = re.compile(r"\]\(\s*(?:<([^>]*)>|([^)\s]+))(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
HTML = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']""")
CODE_PATH = re.compile(r"`((?:game|tests|docs|scenarios|bench|assets)/[\w./-]*\.\w+)`")
WEB = ("http://", "https://", "mailto:")


def prose(text: str) -> str:
    """The page without its fenced code blocks (examples, not links)."""
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def anchors(page: Path) -> set[str]:
    return {slug(h) for h in re.findall(r"^#+ (.+?)\s*#*$", prose(page.read_text("utf-8")), re.M)}


def targets(page: Path) -> list[str]:
    text = prose(page.read_text(encoding="utf-8"))
    inline = [bracketed or plain for bracketed, plain in INLINE.findall(text)]
    found = inline + REFERENCE.findall(text) + HTML.findall(text)
    return [t for t in found if not t.startswith(WEB)]


def where(page: Path, target: str) -> str | None:
    """Why a link from ``page`` to ``target`` leads nowhere, or None when it leads somewhere."""
    path, _, anchor = target.partition("#")
    if not path:
        dest = page
    elif path.startswith("/") or ":" in path:
        return "is absolute: write it relative to the page"
    else:
        dest = (page.parent / path).resolve()
        if not dest.is_relative_to(ROOT.resolve()):
            return "points outside the repository"
        if not dest.exists():
            return "names no file of the repository"
    if anchor and dest.suffix == ".md" and anchor not in anchors(dest):
        return f"names no heading of {dest.relative_to(ROOT.resolve())}"
    return None


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves_inside_the_repository(page):
    broken = [f"{t}: {why}" for t in targets(page) if (why := where(page, t)) is not None]
    assert not broken, broken


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_path_of_the_repository_named_in_code_style_exists(page):
    named = CODE_PATH.findall(prose(page.read_text(encoding="utf-8")))
    missing = [p for p in named if not (ROOT / p).exists()]
    assert not missing, f"{page.name} names files that are not in the repository: {missing}"


def test_the_checks_find_what_they_look_for(tmp_path):
    """Links of each kind, broken each way, are found (so a passing test means something)."""
    page = ROOT / "docs" / "model.md"
    assert where(page, "../README.md") is None and where(page, "lab.md#calibrating-a-scenario") \
        is None and where(page, "#votes") is None
    assert where(page, "../../outside.md") == "points outside the repository"
    assert where(page, "/etc/passwd") == "is absolute: write it relative to the page"
    assert where(page, "nothing.md") == "names no file of the repository"
    assert where(page, "lab.md#no-such-heading").startswith("names no heading")
    text = '[a](x.md) [b](<y z.md> "t")\n[c]: ../c.md\n<img src="d.png">\n```\n[e](f.md)\n```\n'
    (tmp_path / "p.md").write_text(text, encoding="utf-8")
    assert targets(tmp_path / "p.md") == ["x.md", "y z.md", "../c.md", "d.png"]
    assert CODE_PATH.findall("`game/engine/turn.py` and `scenarios/*.yaml`") == [
        "game/engine/turn.py"]

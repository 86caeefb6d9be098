"""Checks of the game's HTML pages (debrief, handout, class summary, teacher pack, lab): valid
HTML5 and well-formed XML (the markup is polyglot), every element closed, ids unique, and
nothing fetched from outside the page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _Stack(HTMLParser):
    """Every element closed in order, void elements never closed, ids unique."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self._attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._attrs(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append(f"end tag for void element {tag}")
        elif not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()

    def _attrs(self, tag, attrs):
        d = dict(attrs)
        if len(d) != len(attrs):
            self.errors.append(f"duplicate attribute on <{tag}>")
        if "id" in d:
            if d["id"] in self.ids:
                self.errors.append(f"duplicate id {d['id']}")
            self.ids.add(d["id"])
        self.tags.append((tag, d))


def check_html(text: str) -> _Stack:
    assert text.startswith('<!DOCTYPE html>\n<html lang="en">')
    stack = _Stack()
    stack.feed(text)
    stack.close()
    assert not stack.errors, stack.errors[:5]
    assert not stack.stack, f"left open: {stack.stack}"
    ElementTree.fromstring(text.split("\n", 1)[1])  # well-formed: polyglot markup
    html5lib = pytest.importorskip("html5lib", reason="html5lib is in the test extra")
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)
    return stack


EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def check_self_contained(text: str, stack: _Stack) -> None:
    for tag, attrs in stack.tags:
        assert tag not in ("script", "link", "iframe", "object", "embed", "img", "base"), tag
        for name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data"):
            value = attrs.get(name)
            assert value is None or not EXTERNAL.match(value) or value.startswith("#"), (
                tag,
                name,
                value,
            )
    css = "\n".join(re.findall(r"<style>(.*?)</style>", text, re.S))
    assert "@import" not in css
    for url in re.findall(r"url\(([^)]*)\)", text):
        assert url.strip("'\" ").startswith("#"), url  # only in-page SVG patterns

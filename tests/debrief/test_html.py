"""The debrief as HTML: valid, self-contained, escaped, and drawn by a real browser.

Validity is checked three ways: html5lib (the WHATWG HTML5 parsing algorithm, in strict mode, so
any parse error fails; it is in the test extra because the standard library has no HTML5
parser that reports errors), the standard library's XML parser (the markup is polyglot, so this
proves every element is closed and nested properly) and a tag-stack check of our own. The
browser tests render the file in headless Chromium, take a screenshot and print it to PDF on
Letter and A4; they are skipped, saying why, only where Chromium is not installed.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from game.debrief import debrief, render_class, render_debrief
from game.debrief.build import class_summary
from game.engine import Match
from helpers import variant

from .conftest import _with_record, scripted_orders

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


@pytest.fixture(scope="module")
def report(main_debrief) -> str:
    return render_debrief(main_debrief)


def test_the_debrief_is_valid_html(report):
    check_html(report)


def test_the_debrief_is_self_contained(report):
    check_self_contained(report, check_html(report))


def test_the_debrief_shows_every_part(report, main_debrief):
    d = main_debrief
    for heading in (
        "The outcome",
        "Support over time",
        "What won and lost support",
        "Turning points",
        "Where your game left history",
        "Your decisions beside history",
        "Every vote",
        "Questions for discussion",
        "Sources cited",
    ):
        assert f"<h2>{heading}" in report, heading
    assert report.count('<div class="vote">') == len(d.votes)
    assert report.count("<svg ") == 2  # the support chart and the player's factor chart
    for tp in d.turning_points:
        assert re.sub(r"[&<>\"']", "", tp.text) in re.sub(r"&[a-z#0-9]+;", "", report)


def test_the_charts_tell_contenders_apart_without_colour(main_debrief, report):
    chart = re.search(r'<svg [^>]*aria-labelledby="sc-title.*?</svg>', report, re.S).group(0)
    lines = re.findall(r"<polyline [^>]*>", chart)
    assert len(lines) == len(main_debrief.contenders)
    dashes = {
        re.search(r'stroke-dasharray="([^"]*)"', x)
        and re.search(r'stroke-dasharray="([^"]*)"', x).group(1)
        for x in lines
    }
    assert len(dashes) == len(lines)  # one dash pattern each (solid counts as one)
    player = next(x for x in lines if 'stroke-width="3.4"' in x)
    assert player  # the player's line is the thick one


def test_it_prints_on_a4_and_letter(report):
    assert "@page { margin: 15mm; }" in report
    media = report[report.index("@media print") :]
    assert "break-inside: avoid" in report and "thead { display: table-header-group; }" in report
    assert "max-width: none" in media
    assert "max-width: 190mm" in report  # on screen; in print the page box (180 mm) sets it


def test_every_text_is_escaped(scripted):
    def hostile(data):
        _with_record(data)
        data["title"] = 'The <Iron> Council & "Friends"'
        data["contenders"][0]["name"] = "Vera <b>Orlova</b>"
        data["events"][1]["history"] = "<script>alert('history')</script>"

    sc = variant(hostile)
    match = Match.start(sc, 1)
    while not match.state.finished:
        match.play(scripted_orders(match))
    text = render_debrief(debrief(match, ["ivan"]))
    check_html(text)
    assert "<script" not in text.lower() and "<b>Orlova" not in text
    assert "The &lt;Iron&gt; Council &amp; &quot;Friends&quot;" in text
    assert "Vera &lt;b&gt;Orlova&lt;/b&gt;" in text


def test_the_class_summary_is_valid_and_self_contained(scripted, council):
    from game.saves import snapshot

    save = snapshot(scripted, ["ivan"], "standard")
    text = render_class(class_summary([("a.json", save), ("b.json", "not a save")], council))
    check_self_contained(text, check_html(text))
    assert "<h2>Files skipped (1)</h2>" in text and "not a save" in text


# ----- in a real browser ------------------------------------------------------------------------


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM = _chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (apt-get install chromium); the HTML is still "
    "checked by the parsers above",
)


def run_chromium(tmp: Path, page: Path, *flags: str) -> subprocess.CompletedProcess:
    assert CHROMIUM is not None
    profile = tmp / "chromium-profile"
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        *flags,
        page.as_uri(),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def png_size(path: Path) -> tuple[int, int, int]:
    """Width, height and bytes of image data of a PNG file."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    w, h = struct.unpack(">II", data[16:24])
    pos, idat = 8, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        if data[pos + 4 : pos + 8] == b"IDAT":
            idat += length
        pos += 12 + length
    return w, h, idat


def pdf_pages(path: Path) -> tuple[int, list[tuple[float, float]]]:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    boxes = [
        (float(a), float(b))
        for a, b in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    ]
    return pages, boxes


@needs_chromium
def test_chromium_draws_the_debrief(report, tmp_path):
    page = tmp_path / "debrief.html"
    page.write_text(report, encoding="utf-8")
    shot = tmp_path / "debrief.png"
    run_chromium(
        tmp_path, page, f"--screenshot={shot}", "--window-size=1240,1754", "--hide-scrollbars"
    )
    assert shot.exists(), "Chromium wrote no screenshot"
    w, h, data = png_size(shot)
    assert (w, h) == (1240, 1754)
    assert data > 60_000  # a page of text and charts; a blank page packs into a few kB


PROBE = """<script>
(function () {
  var root = document.documentElement, out = [];
  out.push('scroll=' + root.scrollWidth + ' client=' + root.clientWidth);
  var svgs = document.querySelectorAll('figure svg');
  for (var i = 0; i < svgs.length; i++) {
    var r = svgs[i].getBoundingClientRect();
    out.push('svg=' + Math.round(r.width) + 'x' + Math.round(r.height) +
             ' lines=' + svgs[i].querySelectorAll('polyline').length);
  }
  var h2 = getComputedStyle(document.querySelector('h2'));
  out.push('h2=' + h2.backgroundColor + ' ' + h2.fontWeight + ' ' + h2.textTransform);
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = out.join('\\n');
  document.body.appendChild(pre);
})();
</script>"""


@needs_chromium
def test_chromium_lays_it_out_within_a_printed_page_width(report, main_debrief, tmp_path):
    """At 680 CSS pixels (180 mm: the printable width of A4 with 15 mm margins; Letter's is
    wider) nothing sticks out sideways and the charts are drawn at full width. A probe script,
    added to a copy of the page, reports what the browser laid out."""
    page = tmp_path / "probe.html"
    page.write_text(report.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    out = run_chromium(tmp_path, page, "--dump-dom", "--window-size=680,1000", "--hide-scrollbars")
    m = re.search(r'<pre id="probe">(.*?)</pre>', out.stdout, re.S)
    assert m, out.stderr[-2000:]
    lines = m.group(1).split("\n")
    scroll, client = map(int, re.findall(r"\d+", lines[0]))
    assert scroll <= client, f"the page is {scroll}px wide in a {client}px window"
    svgs = [x for x in lines if x.startswith("svg=")]
    assert len(svgs) == 2
    widths = [int(re.search(r"svg=(\d+)x", x).group(1)) for x in svgs]
    assert all(600 <= w <= client for w in widths), widths
    assert f"lines={len(main_debrief.contenders)}" in svgs[0]
    assert lines[-1] == "h2=rgb(26, 26, 26) 900 uppercase"


@needs_chromium
def test_chromium_prints_the_debrief_on_a4(report, tmp_path):
    """Printed on A4, the narrower of the two papers (Letter's printable width is 186 mm)."""
    paper, size = "A4", (595, 842)
    text = report.replace("@page { margin: 15mm; }", f"@page {{ margin: 15mm; size: {paper}; }}")
    page = tmp_path / f"debrief-{paper}.html"
    page.write_text(text, encoding="utf-8")
    pdf = tmp_path / f"debrief-{paper}.pdf"
    run_chromium(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.exists(), "Chromium wrote no PDF"
    pages, boxes = pdf_pages(pdf)
    assert pages >= 3
    assert boxes and all(abs(b[0] - size[0]) < 2 and abs(b[1] - size[1]) < 2 for b in boxes)

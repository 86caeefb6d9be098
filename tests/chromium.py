"""Headless Chromium for the tests that print pages as a teacher would: a page is printed to
PDF on A4 or Letter, and the PDF's pages are counted. The tests that use it are skipped, saying
why, only where Chromium is not installed (CI installs Debian's ``chromium``)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

PAPERS = {"A4": (595.0, 842.0), "Letter": (612.0, 792.0)}
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
)


def _find() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM = _find()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (apt-get install chromium); the HTML is still "
    "checked by the parsers",
)


def run_chromium(page: Path, *flags: str) -> subprocess.CompletedProcess:
    """Run Chromium on a page with a fresh profile of its own."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *flags, page.as_uri()]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


def pdf_pages(path: Path) -> tuple[int, list[tuple[float, float]]]:
    """The number of pages of a PDF and each page's size in points."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    boxes = [
        (float(a), float(b))
        for a, b in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    ]
    return pages, boxes


def print_pages(html: str, folder: Path, name: str, paper: str = "A4",
                landscape: bool = False) -> int:
    """Print ``html`` to PDF on ``paper`` as a browser would (the page's own @page rules, with
    the paper size a reader's printer would add) and return the number of pages; each page is
    checked to be of that paper."""
    size = f"{paper} landscape" if landscape else paper
    page = folder / f"{name}-{paper}.html"
    page.write_text(html.replace("</style>", f"@page {{ size: {size}; }}</style>", 1),
                    encoding="utf-8")
    pdf = folder / f"{name}-{paper}.pdf"
    run_chromium(page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.exists(), f"Chromium wrote no PDF of {name}"
    pages, boxes = pdf_pages(pdf)
    w, h = PAPERS[paper]
    if landscape:
        w, h = h, w
    assert boxes and all(abs(b[0] - w) < 2 and abs(b[1] - h) < 2 for b in boxes), boxes
    return pages

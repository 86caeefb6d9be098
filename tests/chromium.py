"""Headless Chromium for the tests that print pages as a teacher would (a page is printed to
PDF on A4 or Letter, and the PDF's pages are counted) and that read the teacher's live page as
a browser shows it. The tests that use it are skipped, saying why, only where Chromium is not
installed (CI installs Debian's ``chromium``)."""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
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
    "--no-proxy-server",  # the pages under test are on this computer
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


def run_chromium(page: Path | str, *flags: str) -> subprocess.CompletedProcess:
    """Run Chromium on a page (a file, or a URL) with a fresh profile of its own."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        target = page.as_uri() if isinstance(page, Path) else page
        cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *flags, target]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


@contextlib.contextmanager
def browsing(url: str, seconds: float = 30.0) -> Iterator[Callable[[str], object]]:
    """Chromium showing ``url`` as it would on a teacher's screen, its scripts running in real
    time for as long as the block lasts; yields a function that evaluates a JavaScript
    expression in the page and returns its value, to read what the page shows. (``--dump-dom``
    cannot: with a virtual time budget it dumps the page as soon as nothing is loading, before
    anything can happen after the page has loaded.) Chromium's DevTools protocol is reached on
    the loopback address at the port Chromium chose, through ``websockets``."""
    from websockets.sync.client import connect

    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
               "--remote-debugging-address=127.0.0.1", url]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            active = Path(profile) / "DevToolsActivePort"
            deadline = time.monotonic() + seconds
            while not active.exists() or not active.read_text().strip():
                assert proc.poll() is None, "Chromium stopped as it started"
                assert time.monotonic() < deadline, "Chromium opened no DevTools port"
                time.sleep(0.05)
            port = int(active.read_text().split()[0])
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with opener.open(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
                targets = json.load(answer)
            target = next(t for t in targets if t["type"] == "page")
            with connect(target["webSocketDebuggerUrl"], max_size=None, proxy=None,
                         open_timeout=10) as ws:
                ids = itertools.count(1)

                def evaluate(expression: str) -> object:
                    n = next(ids)
                    ws.send(json.dumps({"id": n, "method": "Runtime.evaluate", "params": {
                        "expression": expression, "returnByValue": True}}))
                    while True:
                        message = json.loads(ws.recv(timeout=10))
                        if message.get("id") == n:
                            return message["result"]["result"].get("value")

                yield evaluate
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)


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

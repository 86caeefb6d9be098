"""The debrief printed as a teacher prints it, with headless Chromium: the full report on at
most eight pages and the handout on at most two, on A4 and on Letter, for a short, a standard
and a full game; the teacher's copies add the answer key on pages of their own."""

from __future__ import annotations

import functools

import pytest
from chromium import needs_chromium, print_pages

from game.debrief import Debrief, debrief, render_debrief, render_handout

from .test_lengths import LENGTHS, length_game

REPORT_PAGES, HANDOUT_PAGES, KEY_PAGES = 8, 2, 3


@functools.cache
def length_debrief(length: str) -> Debrief:
    return debrief(length_game(length), ["trotsky"], length)


@needs_chromium
@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("length", LENGTHS)
def test_the_report_and_the_handout_fit_their_pages(tmp_path, length, paper):
    d = length_debrief(length)
    report = print_pages(render_debrief(d), tmp_path, "report", paper)
    handout = print_pages(render_handout(d), tmp_path, "handout", paper)
    assert 2 <= report <= REPORT_PAGES, (length, paper, report)
    assert handout <= HANDOUT_PAGES, (length, paper, handout)


@needs_chromium
def test_the_teachers_copies_add_the_key_on_pages_of_their_own(tmp_path):
    d = length_debrief("full")
    report = print_pages(render_debrief(d), tmp_path, "report")
    handout = print_pages(render_handout(d), tmp_path, "handout")
    key_report = print_pages(render_debrief(d, teacher=True), tmp_path, "report-key")
    key_handout = print_pages(render_handout(d, teacher=True), tmp_path, "handout-key")
    assert report < key_report <= report + KEY_PAGES
    assert handout < key_handout <= handout + KEY_PAGES


@needs_chromium
def test_a_hotseat_game_of_three_players_fits_too(tmp_path):
    """Three people at one computer: three verdicts, the factors in a grid, every player's
    orders each quarter; on Letter, the shorter paper."""
    d = debrief(length_game("full"), ["zinoviev", "kamenev", "bukharin"], "full")
    assert print_pages(render_debrief(d), tmp_path, "report", "Letter") <= REPORT_PAGES
    assert print_pages(render_handout(d), tmp_path, "handout", "Letter") <= HANDOUT_PAGES

"""The debrief in the window: support over time, what won and lost it, the turning points, where
the game left history, every vote and questions for discussion; and the same as an HTML report
to print or hand in."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pygame
from pygame_gui.elements import UITextBox

from game import files, paths
from game.debrief.build import debrief
from game.debrief.html import render_debrief, render_handout, touched_words
from game.debrief.model import Debrief
from game.words.names import date_words

from .. import draw, theme
from ..explain import esc
from ..session import GameSession
from ..stage import Scene, Stage

TABS = ("Turning points", "Left history", "Votes", "Questions")


def spread(labels: list[tuple[int, str]], step: int, top: int, bottom: int):
    """Labels at their y, moved apart so that each is at least ``step`` from the next and
    all stay between ``top`` and ``bottom``."""
    placed = sorted(labels)
    ys = [max(top + step // 2, y) for y, _ in placed]
    for i in range(1, len(ys)):
        ys[i] = max(ys[i], ys[i - 1] + step)
    overflow = ys[-1] - (bottom - step // 2) if ys else 0
    if overflow > 0:  # pushed off the bottom: move them all up, keeping the gaps
        ys = [y - overflow for y in ys]
        for i in range(len(ys) - 2, -1, -1):
            ys[i] = min(ys[i], ys[i + 1] - step)
    return [(y, name) for y, (_, name) in zip(ys, placed, strict=True)]


def report_path(d: Debrief, what: str = "report") -> Path:
    """Where the window keeps a game's report (``what``: report or handout)."""
    stem = "debrief" if what == "report" else what
    return paths.data_dir() / "reports" / f"{stem}-{d.scenario_id}-{d.length}-seed{d.seed}.html"


class DebriefScene(Scene):
    def __init__(self, app: Stage, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.d = debrief(session.match, session.humans, session.length, session.names)
        self.tab = 0
        self.saved: Path | None = None
        self.styles = {
            c.id: s
            for c, s in zip(
                session.scenario.contenders,
                theme.faction_styles(session.scenario.contenders, app.palette),
                strict=True,
            )
        }

    # -- layout
    def layout(self, area: pygame.Rect) -> None:
        k = self.app.k
        w, h = area.size
        m = round(36 * k)
        d = self.d
        self.heading(
            pygame.Rect(m, round(12 * k), w - 2 * m, round(56 * k)), f"Debrief: {d.scenario_title}"
        )
        col = round(w * 0.47)
        fs = self.type_size()
        head = draw.font("heading", round(fs * 1.6)).get_linesize()
        years = draw.font("body", round(fs * 0.75)).get_linesize()
        top = round(76 * k)
        self.chart_head = top
        names_w = max(draw.font("bold", round(fs * 0.75)).size(c.short)[0]
                      for c in self.d.contenders) + round(10 * k)
        chart_h = max(round(150 * k), min(round(250 * k), (h - round(100 * k) - top) // 2
                                          - head - years))
        self.chart = pygame.Rect(m, top + head, col - m - names_w, chart_h)
        self.bars_head = self.chart.bottom + years + round(10 * k)
        bars_top = self.bars_head + head + round(4 * k)
        self.bars = pygame.Rect(m, bars_top, col - m, h - bars_top - round(100 * k))
        x = col + round(24 * k)
        gap = round(8 * k)
        f = self.app.ui_font("body")
        needs = [f.size(name)[0] + round(24 * k) for name in TABS]
        spare = max(0, (w - m - x - gap * (len(TABS) - 1)) - sum(needs))
        tab_h = max(round(40 * k), f.get_linesize() + round(12 * k))
        for i, name in enumerate(TABS):
            tw = needs[i] + spare // len(TABS)
            self.button(
                pygame.Rect(x, top, tw, tab_h),
                name,
                lambda i=i: self.show(i),
                object_id="#chosen" if i == self.tab else "#choice",
            )
            x += tw + gap
        x = col + round(24 * k)
        box_top = top + tab_h + round(8 * k)
        self.box = UITextBox(
            self.tab_html(),
            pygame.Rect(x, box_top, w - m - x, h - box_top - round(100 * k)),
            self.app.ui,
            container=self.root,
        )
        y, bh = h - round(80 * k), round(52 * k)
        self.add_back_button(pygame.Rect(m, y, round(200 * k), bh))
        self.button(
            pygame.Rect(w - m - round(840 * k), y, round(260 * k), bh),
            "Open handout",
            self.open_handout,
            tip="Save the two-page handout for this game and open it in your browser",
        )
        self.button(
            pygame.Rect(w - m - round(560 * k), y, round(270 * k), bh),
            "Save report",
            self.save,
            tip="Write the debrief as an HTML page to print or hand in",
        )
        self.focus_on(
            self.button(
                pygame.Rect(w - m - round(270 * k), y, round(270 * k), bh),
                "Open report",
                self.open,
                tip="Save the report and open it in your browser",
            )
        )

    def type_size(self) -> int:
        return round(15 * self.app.k * self.app.settings.text_scale)

    def show(self, tab: int) -> None:
        self.tab = tab
        self.build()

    def tab_html(self) -> str:
        """The chosen tab, under a warning when the game was changed from outside its rules."""
        if not self.d.touches:
            return self._tab_html()
        return f"<b>{esc(touched_words(self.d.touches))}</b><br><br>{self._tab_html()}"

    def _tab_html(self) -> str:
        d = self.d
        if self.tab == 0:
            rows = [
                f"<b>{esc(date_words(t.date))}</b> · {esc(t.text)}<br><i>Cause: {esc(t.cause)}</i>"
                for t in d.turning_points
            ]
            return "<br><br>".join(rows) or "No large swings in this game."
        if self.tab == 1:
            rows = [
                f"<b>{esc(date_words(v.date))} · {esc(v.title)}</b><br>"
                f"In this game: {esc(v.game)}<br>"
                f"In history: {esc(v.history)}<br><i>Why: {esc(v.why)}</i>"
                for v in d.divergences
            ]
            head = (
                f"<b>Distance from history: {d.distance.total:.0f}</b> "
                f"({esc(d.distance.rule)})<br><br>"
            )
            return head + ("<br><br>".join(rows) or "This game followed the record.")
        if self.tab == 2:
            rows = []
            for v in d.votes:
                verdict = "carried" if v.passed else "defeated"
                blocs = "; ".join(f"{esc(b.label)} {b.yes}-{b.no}" for b in v.blocs)
                rows.append(
                    f"<b>{esc(date_words(v.date))} · {esc(v.organ)}</b>: {esc(v.motion)}: "
                    f"{verdict} {v.yes} to {v.no}<br><i>{blocs}</i>"
                )
            return "<br><br>".join(rows) or "No votes were taken."
        rows = [
            f"<b>{n}.</b> {esc(q.text)}<br><i>{esc(q.objective)}</i>"
            for n, q in enumerate(d.questions, start=1)
        ]
        return "<br><br>".join(rows)

    # -- drawing
    def draw(self, surface: pygame.Surface) -> None:
        self.draw_support(surface)
        self.draw_factors(surface)

    def draw_support(self, surface: pygame.Surface) -> None:
        p, r, d = self.app.palette, self.chart, self.d
        fs = self.type_size()
        draw.text(surface, "SUPPORT OVER TIME", (r.left, self.chart_head), "heading",
                  round(fs * 1.6), p.ink)
        surface.fill(p.paper_dark, r)
        pygame.draw.rect(surface, p.ink, r, 1)
        top = max(0.05, max(max(s.points) for s in d.support))
        n = max(1, len(d.dates) - 1)

        def at(i: int, x: float) -> tuple[int, int]:
            return (r.left + round(r.width * i / n), r.bottom - round(r.height * x / top))

        for share in (0.0, top / 2, top):  # the share axis, on the left
            y = at(0, share)[1]
            draw.text(
                surface,
                f"{100 * share:.0f}%",
                (r.left + 3, y),
                "body",
                round(fs * 0.7),
                p.muted,
                anchor="bottomleft" if share == 0 else "topleft",
            )
        for i, year in d.ticks:
            x = at(i, 0)[0]
            pygame.draw.line(surface, p.paper, (x, r.top), (x, r.bottom), 1)
            draw.text(
                surface, year, (x, r.bottom + 2), "body", round(fs * 0.75), p.muted, anchor="midtop"
            )
        ends = []
        for s in d.support:
            style = self.styles[s.contender]
            human = d.contender(s.contender).human
            points = [at(i, x) for i, x in enumerate(s.points)]
            if len(points) > 1:
                pygame.draw.lines(surface, style.colour, False, points, 4 if human else 2)
            for i, _year in d.ticks:  # the token shape marks each line once a year
                if i < len(points):
                    draw.token(surface, points[i], 5, style, "", p)
            ends.append((points[-1][1], d.contender(s.contender).short))
        # the names beside the lines' ends, pushed apart so that none sits on another
        f = draw.font("bold", round(fs * 0.75))
        for y, name in spread(ends, f.get_linesize(), r.top, r.bottom):
            draw.text(surface, name, (r.right + 6, y), "bold", round(fs * 0.75), p.ink,
                      anchor="midleft")
        self.hotspot(
            r,
            "<b>Support over time</b>: each contender's share of the party's members "
            "at the start and after every turn. Your line is the thick one.",
        )

    def draw_factors(self, surface: pygame.Surface) -> None:
        p, r, d = self.app.palette, self.bars, self.d
        who = (d.focus or [d.winner])[0]
        fb = next(f for f in d.factors if f.contender == who)
        fs = self.type_size()
        draw.block(surface, f"WHAT WON AND LOST {d.contender(who).short.upper()}'S SUPPORT",
                   (r.left, self.bars_head), r.width, "heading", round(fs * 1.6), p.ink)
        rows = fb.factors
        net_h = draw.font("bold", round(fs * 0.8)).get_linesize() + 4
        row_h = min(round(30 * self.app.k), (r.height - net_h) // max(1, len(rows)))
        label_w = round(r.width * 0.42)
        mid = r.left + label_w  # the bars grow from 0% to 100% of all the movement
        span = r.width - label_w - round(90 * self.app.k)
        for i, f in enumerate(rows):
            y = r.top + i * row_h
            used = draw.block(None, f.name, (r.left, y), label_w - 10, "body", round(fs * 0.8),
                              max_height=row_h, floor=0.7)
            draw.block(surface, f.name, (r.left, y + (row_h - used.height) // 2), label_w - 10,
                       "body", round(fs * 0.8), p.ink, max_height=row_h, floor=0.7)
            length = round(span * f.share)
            bar = pygame.Rect(mid, y + 4, length, row_h - 8)
            if f.helped:
                surface.fill(p.red, bar)
            elif bar.width and bar.height:  # against: hatched, as in the printed report
                surface.blit(draw.pattern_surface(bar.size, p.ink, "stripes", p.paper), bar)
            side = "for" if f.helped else "against"
            value = f"{f.share:.0%} {side}" if f.share >= 0.005 else "\u2013"
            draw.text(
                surface, value, (bar.right + 4, bar.centery), "bold", round(fs * 0.75), p.ink,
                anchor="midleft",
            )
            self.hotspot(
                pygame.Rect(r.left, y, r.width, row_h),
                f"<b>{esc(f.name)}</b>: {f.share:.0%} of everything that moved "
                f"{esc(d.contender(who).short)}'s support, {side} them. The shares of all the "
                "factors add up to 100%.",
            )
        pygame.draw.line(surface, p.ink, (mid, r.top), (mid, r.top + len(rows) * row_h), 2)
        draw.text(
            surface,
            f"Each bar: a factor's share of all that moved support "
            f"(support {100 * fb.start:.0f}% \u2192 {100 * fb.end:.0f}%)",
            (r.centerx, r.top + len(rows) * row_h + 4),
            "bold",
            round(fs * 0.8),
            p.ink,
            anchor="midtop",
        )

    # -- the report and the handout
    def save(self, handout: bool = False) -> Path | None:
        what = "handout" if handout else "report"
        path = report_path(self.d, what)
        render = render_handout if handout else render_debrief
        try:
            files.write_text(path, render(self.d))
        except OSError as e:
            self.app.toast(f"The {what} could not be written: {e.strerror or e}")
            return None
        self.saved = path
        return path

    def open(self, handout: bool = False) -> None:
        path = self.save(handout)
        if path is None:
            return
        try:
            opened = webbrowser.open(path.as_uri())
        except webbrowser.Error:
            opened = False
        where = esc(str(path))
        self.app.toast(
            f"The {'handout' if handout else 'report'} is at {where}."
            + ("" if opened else " No web browser could be started here: open the file by hand.")
        )

    def open_handout(self) -> None:
        self.open(handout=True)

    def key(self, event: pygame.event.Event) -> None:
        if event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif pygame.K_1 <= event.key < pygame.K_1 + len(TABS):
            self.show(event.key - pygame.K_1)
        else:
            super().key(event)

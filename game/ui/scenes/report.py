"""After a turn: each vote counted bloc by bloc on screen, with the reasons, then the turn's
other events."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UILabel, UITextBox

from game.engine import GameEvent, Kind

from .. import draw
from ..explain import esc
from .dialogs import Overlay

SECONDS_PER_BLOC = 0.55


class TurnReport(Overlay):
    """Pages: one per vote (animated), then the summary of everything that happened."""

    sheet_size = (1040, 660)

    def __init__(self, app, board, played: str, events: list[GameEvent]) -> None:
        super().__init__(app)
        self.board, self.played, self.events = board, played, events
        self.votes = [e for e in events if e.kind == Kind.VOTE and e.tally is not None]
        self.page = 0
        self.clock = 0.0
        self.announced = False

    @property
    def pages(self) -> int:
        return len(self.votes) + 1

    @property
    def vote(self) -> GameEvent | None:
        return self.votes[self.page] if self.page < len(self.votes) else None

    def fill(self, inner: pygame.Rect) -> None:
        k = self.app.k
        self.inner = inner
        ui, root = self.app.ui, self.root
        if self.vote is not None:
            tally = self.vote.tally
            UILabel(
                pygame.Rect(inner.x, inner.y, inner.w, round(30 * k)),
                f"{self.played.upper()} · VOTE {self.page + 1} OF {len(self.votes)}",
                ui,
                container=root,
                object_id="#muted",
            )
            self.heading(
                pygame.Rect(inner.x, inner.y + round(30 * k), inner.w, round(56 * k)), tally.organ
            )
        else:
            self.heading(
                pygame.Rect(inner.x, inner.y, inner.w, round(56 * k)),
                f"What happened in {self.played}",
            )
            rows = []
            for e in self.events:
                if e.kind == Kind.VOTE and e.tally is not None:
                    t = e.tally
                    verdict = "carried" if t.passed else "defeated"
                    rows.append(
                        f"<b>Vote</b>: {esc(t.organ)}: {esc(t.motion)}: {verdict}, "
                        f"{t.yes} to {t.no}"
                    )
                else:
                    rows.append(f"<b>{Kind(e.kind).tag}</b>: {esc(e.text)}")
            text = "<br>".join(rows) or "<i>Nothing of note happened.</i>"
            UITextBox(
                text,
                pygame.Rect(
                    inner.x,
                    inner.y + round(64 * k),
                    inner.w,
                    inner.h - round(64 * k) - round(64 * k),
                ),
                ui,
                container=root,
            )
        labels = []
        if self.vote is not None:
            labels.append(("Skip all", self.finish))
            labels.append(("Next", self.next))
        else:
            if self.votes:
                labels.append(("Votes again", self.again))
            labels.append(("To the board", self.finish))
        made = self.buttons_row(inner, labels)
        self.focus_on(made[-1])

    # -- animation
    def duration(self) -> float:
        if self.vote is None:
            return 0.0
        return SECONDS_PER_BLOC * (len(self.vote.tally.blocs) + 1)

    def update(self, dt: float) -> None:
        factor = self.app.settings.animation_factor
        if self.vote is None:
            return
        if factor <= 0:
            self.clock = self.duration()
        else:
            self.clock = min(self.duration(), self.clock + dt * factor)
        if self.clock >= self.duration() and not self.announced:
            self.announced = True
            self.app.sound.play("carried" if self.vote.tally.passed else "defeated")

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.vote is not None:
            self.draw_vote(surface)
        super().draw_over(surface)

    def draw_vote(self, surface: pygame.Surface) -> None:
        p, k, t = self.app.palette, self.k, self.vote.tally
        inner = self.inner
        scale = self.app.settings.text_scale

        def fs(n: float) -> int:
            return max(9, round(n * k * scale))

        y = inner.y + round(92 * k)
        y += draw.paragraph(
            surface,
            f"Motion: {t.motion}",
            pygame.Rect(inner.x, y, inner.w, round(50 * k)),
            "bold",
            fs(16),
            p.ink,
        ) + round(6 * k)
        shown = self.clock / SECONDS_PER_BLOC  # blocs counted so far, fractional
        yes = sum(b.yes * min(1.0, max(0.0, shown - i)) for i, b in enumerate(t.blocs))
        no = sum(b.no * min(1.0, max(0.0, shown - i)) for i, b in enumerate(t.blocs))
        total = max(1, t.yes + t.no)
        big = pygame.Rect(inner.x, y, inner.w, round(34 * k))
        surface.fill(p.paper_dark, big)
        surface.fill(p.red, (big.x, big.y, round(big.w * yes / total), big.h))
        no_w = round(big.w * no / total)
        surface.fill(p.ink, (big.right - no_w, big.y, no_w, big.h))
        pygame.draw.rect(surface, p.ink, big, 2)
        if t.needed:
            mark = big.x + round(big.w * t.needed / total)
            pygame.draw.line(surface, p.paper, (mark, big.top - 4), (mark, big.bottom + 4), 3)
            pygame.draw.line(surface, p.ink, (mark, big.top - 6), (mark, big.top), 3)
        draw.text(
            surface,
            f"FOR {yes:.0f}",
            (big.x + 8, big.centery),
            "heading",
            fs(22),
            p.paper,
            anchor="midleft",
        )
        draw.text(
            surface,
            f"AGAINST {no:.0f}",
            (big.right - 8, big.centery),
            "heading",
            fs(22),
            p.paper,
            anchor="midright",
        )
        y = big.bottom + round(8 * k)
        if t.needed:
            draw.text(
                surface, f"{t.needed} needed to carry", (inner.x, y), "italic", fs(12), p.muted
            )
        y += round(24 * k)
        row_h = round(44 * k * scale)
        bottom = inner.bottom - round(70 * k)
        for i, b in enumerate(t.blocs):
            if y + row_h > bottom:
                draw.text(
                    surface,
                    f"and {len(t.blocs) - i} more blocs",
                    (inner.x, y),
                    "italic",
                    fs(12),
                    p.muted,
                )
                break
            f = min(1.0, max(0.0, shown - i))
            col = p.ink if f > 0 else p.uncommitted
            draw.text(
                surface, b.label, (inner.x, y), "bold", fs(14), col, max_width=round(inner.w * 0.34)
            )
            bx = inner.x + round(inner.w * 0.36)
            bw = round(inner.w * 0.22)
            unit = bw / max(1, max(bl.yes + bl.no for bl in t.blocs))
            surface.fill(p.red, (bx, y + 2, round(b.yes * unit * f), round(12 * k)))
            surface.fill(
                p.ink, (bx + round(b.yes * unit * f), y + 2, round(b.no * unit * f), round(12 * k))
            )
            draw.text(
                surface,
                f"{b.yes} for, {b.no} against" if f >= 1 else "",
                (bx, y + round(16 * k)),
                "body",
                fs(11),
                p.muted,
            )
            draw.paragraph(
                surface,
                b.reason if f > 0 else "",
                pygame.Rect(
                    bx + bw + round(12 * k), y, inner.right - bx - bw - round(12 * k), row_h - 4
                ),
                "body",
                fs(12),
                col,
                spacing=1.05,
            )
            y += row_h
        if self.clock >= self.duration():
            word = "CARRIED" if t.passed else "DEFEATED"
            stamp = draw.font("heading", fs(64)).render(word, True, p.red if t.passed else p.ink)
            stamp = pygame.transform.rotate(stamp, 8)
            surface.blit(stamp, stamp.get_rect(topright=(inner.right, inner.y - round(6 * k))))

    # -- moving on
    def next(self) -> None:
        if self.clock < self.duration():
            self.clock = self.duration()  # the first press shows the result at once
            return
        self.page += 1
        self.clock, self.announced = 0.0, False
        self.build()

    def again(self) -> None:
        self.page, self.clock, self.announced = 0, 0.0, False
        self.build()

    def finish(self) -> None:
        self.app.pop()
        if self.board.session.finished:
            from .end import EndScene

            self.app.push(EndScene(self.app, self.board.session))
        else:
            self.board.begin_turn()

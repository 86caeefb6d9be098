"""After a turn: first what the reader did and what it moved (and what others did to them),
then each vote counted bloc by bloc on screen, with the reasons, then the turn's other
events."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UILabel, UITextBox

from game.engine import GameEvent, Kind
from game.words.report import sort_report

from .. import draw, explain
from ..explain import event_html
from .dialogs import Overlay

SECONDS_PER_BLOC = 0.55


class TurnReport(Overlay):
    """Pages: one per vote (animated), then the summary of everything that happened."""

    sheet_size = (1040, 660)

    def __init__(self, app, board, played: str, events: list[GameEvent],
                 me: str | None = None) -> None:
        super().__init__(app)
        self.board, self.played, self.events = board, played, events
        self.mine = sort_report(board.session.scenario, events, me)  # me: the reader's seat
        self.opening = bool(me)  # a first page of the reader's own: what they did
        self.rest = self.mine.rest  # the events the later pages show
        self.votes = [e for e in self.rest if e.kind == Kind.VOTE and e.tally is not None]
        self.page = 0
        self.first_bloc = 0  # a vote with more blocs than fit shows them a page at a time
        self.clock = 0.0
        self.announced = False

    @property
    def pages(self) -> int:
        return self.opening + len(self.votes) + 1

    @property
    def vote(self) -> GameEvent | None:
        i = self.page - self.opening
        return self.votes[i] if 0 <= i < len(self.votes) else None

    def fill(self, inner: pygame.Rect) -> None:
        k = self.app.k
        self.inner = inner
        ui, root = self.app.ui, self.root
        if self.opening and self.page == 0:
            self.heading(pygame.Rect(inner.x, inner.y, inner.w, round(56 * k)),
                         f"What you did in {self.played}")
            rows = [explain.esc(line) for line in self.mine.did] or [
                "<i>You took no action.</i>"]
            if self.mine.touched:
                rows += ["", "<b>What others did to you</b>"]
                rows += [event_html(e, counted=True) for e in self.mine.touched]
            UITextBox("<br>".join(rows),
                      pygame.Rect(inner.x, inner.y + round(64 * k), inner.w,
                                  inner.h - round(128 * k)),
                      ui, container=root)
        elif self.vote is not None:
            tally = self.vote.tally
            UILabel(
                pygame.Rect(inner.x, inner.y, inner.w, round(30 * k)),
                f"{self.played.upper()} · VOTE {self.page - self.opening + 1} OF "
                f"{len(self.votes)}",
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
                f"What else happened in {self.played}" if self.opening
                else f"What happened in {self.played}",
            )
            rows = [event_html(e, counted=True) for e in self.rest]
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
        if self.vote is not None or (self.opening and self.page == 0):
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

        y, big_h, top = self.vote_rows(fs)
        draw.block(surface, f"Motion: {t.motion}", (inner.x, y), inner.w, "bold", fs(16), p.ink,
                   max_lines=3)
        shown = self.clock / SECONDS_PER_BLOC  # blocs counted so far, fractional
        yes = sum(b.yes * min(1.0, max(0.0, shown - i)) for i, b in enumerate(t.blocs))
        no = sum(b.no * min(1.0, max(0.0, shown - i)) for i, b in enumerate(t.blocs))
        total = max(1, t.yes + t.no)
        big = pygame.Rect(inner.x, top - big_h - round(8 * k)
                          - draw.font("italic", fs(12)).get_linesize() - round(6 * k),
                          inner.w, big_h)
        surface.fill(p.paper_dark, big)
        surface.fill(p.red, (big.x, big.y, round(big.w * yes / total), big.h))
        no_w = round(big.w * no / total)
        surface.fill(p.ink, (big.right - no_w, big.y, no_w, big.h))
        pygame.draw.rect(surface, p.ink, big, 2)
        if t.needed:
            mark = big.x + round(big.w * t.needed / total)
            pygame.draw.line(surface, p.paper, (mark, big.top - 4), (mark, big.bottom + 4), 3)
            pygame.draw.line(surface, p.ink, (mark, big.top - 6), (mark, big.top), 3)
        draw.text(surface, f"FOR {yes:.0f}", (big.x + 8, big.centery), "heading", fs(22),
                  p.paper, anchor="midleft")
        draw.text(surface, f"AGAINST {no:.0f}", (big.right - 8, big.centery), "heading", fs(22),
                  p.paper, anchor="midright")
        y = big.bottom + round(8 * k)
        if t.needed:
            draw.text(
                surface, f"{t.needed} needed to carry", (inner.x, y), "italic", fs(12), p.muted
            )
        y = top
        bottom = inner.bottom - round(70 * k)
        shown_blocs = self.blocs_that_fit(y, bottom, fs)
        unit = round(inner.w * 0.22) / max(1, max(bl.yes + bl.no for bl in t.blocs))
        for i in shown_blocs:
            b = t.blocs[i]
            f = min(1.0, max(0.0, shown - i))
            col = p.ink if f > 0 else p.uncommitted
            row_h = self.bloc_height(b, fs)
            draw.block(surface, b.label, (inner.x, y), round(inner.w * 0.34), "bold", fs(14),
                       col, max_lines=2)
            bx = inner.x + round(inner.w * 0.36)
            bw = round(inner.w * 0.22)
            surface.fill(p.red, (bx, y + 2, round(b.yes * unit * f), round(12 * k)))
            surface.fill(
                p.ink, (bx + round(b.yes * unit * f), y + 2, round(b.no * unit * f), round(12 * k))
            )
            if f >= 1:
                draw.text(surface, f"{b.yes} for, {b.no} against", (bx, y + round(16 * k)),
                          "body", fs(11), p.muted)
            if f > 0:
                draw.block(surface, b.reason, (bx + bw + round(12 * k), y),
                           inner.right - bx - bw - round(12 * k), "body", fs(12), col,
                           max_lines=4)
            y += row_h
        if len(shown_blocs) < len(t.blocs):
            last = shown_blocs[-1] + 1 if shown_blocs else 0
            more = "Next shows the rest." if last < len(t.blocs) else "Next goes on."
            draw.text(surface, f"Blocs {self.first_bloc + 1} to {last} of {len(t.blocs)}. "
                      f"{more}", (inner.x, y), "italic", fs(12), p.muted)
        if self.clock >= self.duration():
            word = "CARRIED" if t.passed else "DEFEATED"
            stamp = draw.font("heading", fs(64)).render(word, True, p.red if t.passed else p.ink)
            stamp = pygame.transform.rotate(stamp, 8)
            surface.blit(stamp, stamp.get_rect(topright=(inner.right, inner.y - round(6 * k))))

    def vote_rows(self, fs) -> tuple[int, int, int]:
        """Where the motion starts, the height of the tally's bar, and where the blocs start:
        measured at the player's text size."""
        k, inner, t = self.k, self.inner, self.vote.tally
        y = inner.y + round(92 * k)
        motion = draw.block(None, f"Motion: {t.motion}", (inner.x, y), inner.w, "bold", fs(16),
                            max_lines=3)
        big_h = max(round(34 * k), draw.font("heading", fs(22)).get_linesize() + round(6 * k))
        top = (motion.bottom + round(6 * k) + big_h + round(8 * k)
               + draw.font("italic", fs(12)).get_linesize() + round(6 * k))
        return y, big_h, top

    def bloc_height(self, b, fs) -> int:
        """The height of one bloc's row: its name, bar and reason, as their type needs."""
        k, inner = self.k, self.inner
        reason_w = inner.right - (inner.x + round(inner.w * 0.58)) - round(12 * k)
        name = draw.block(None, b.label, (0, 0), round(inner.w * 0.34), "bold", fs(14),
                          max_lines=2)
        said = draw.block(None, b.reason, (0, 0), reason_w, "body", fs(12), max_lines=4)
        counts = round(16 * k) + draw.font("body", fs(11)).get_linesize()
        return max(name.height, said.height, counts) + round(10 * k)

    def blocs_that_fit(self, top: int, bottom: int, fs) -> list[int]:
        """The blocs of this page of the vote: from ``first_bloc``, as many as fit (the last
        line is kept for the note that says where the rest are)."""
        t = self.vote.tally
        room = bottom - top - draw.font("italic", fs(12)).get_linesize()
        out, used = [], 0
        for i in range(self.first_bloc, len(t.blocs)):
            h = self.bloc_height(t.blocs[i], fs)
            if out and used + h > room:
                break
            out.append(i)
            used += h
        return out

    # -- moving on
    def next(self) -> None:
        if self.vote is None:  # the reader's own page: on to the votes
            self.page += 1
            self.build()
            return
        if self.clock < self.duration():
            self.clock = self.duration()  # the first press shows the result at once
            return
        shown = self.shown_blocs()
        if shown and shown[-1] + 1 < len(self.vote.tally.blocs):
            self.first_bloc = shown[-1] + 1  # the rest of this vote's blocs
            self.build()
            return
        self.page += 1
        self.first_bloc = 0
        self.clock, self.announced = 0.0, False
        self.build()

    def shown_blocs(self) -> list[int]:
        """The blocs the page shows now (as drawn)."""
        k, scale = self.k, self.app.settings.text_scale

        def fs(n: float) -> int:
            return max(9, round(n * k * scale))

        return self.blocs_that_fit(self.vote_rows(fs)[2], self.inner.bottom - round(70 * k), fs)

    def again(self) -> None:
        self.page, self.first_bloc, self.clock, self.announced = 0, 0, 0.0, False
        self.build()

    def finish(self) -> None:
        self.app.pop()
        session = self.board.session
        if session.finished:
            from .end import EndScene

            self.app.push(EndScene(self.app, session))
        elif session.hotseat:  # read behind the privacy screen: this person's cards follow
            self.board.cards_if_any()
        else:
            self.board.begin_turn()

"""The end of the game: every contender's fate, what followed in history, the way to the debrief."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from game.words.names import ordinal

from .. import draw, theme
from ..explain import esc, pct
from ..session import GameSession
from ..stage import Scene


class EndScene(Scene):
    """A full screen: the ranking, the player's own ending, the epilogue."""

    def __init__(self, app, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.result = session.outcome()
        self.styles = theme.faction_styles(session.scenario.contenders, app.palette)

    def layout(self, area: pygame.Rect) -> None:
        self.k = min(area.width / 1280, area.height / 720)
        self.area = area
        w, h = area.size
        m = round(48 * self.k)
        ui, root = self.app.ui, self.root
        me = self.session.humans[0]
        mine = self.result.of(me) if self.result else None
        head = "The succession is decided"
        if mine is not None and not self.session.hotseat:
            head = f"{self.name(me)}: {mine.name}"
        self.heading(pygame.Rect(m, round(20 * self.k), w - 2 * m, round(70 * self.k)), head)
        col = round(w * 0.46)
        self.table = pygame.Rect(m, round(110 * self.k), col - m, h - round(210 * self.k))
        parts = []
        if mine is not None and mine.description and not self.session.hotseat:
            parts.append(f"<b>Your ending.</b> {esc(mine.description)}<br><br>")
        if self.session.scenario.epilogue:
            parts.append(
                f"<b>What followed in history</b><br>{esc(self.session.scenario.epilogue)}"
            )
        UITextBox(
            "".join(parts) or "The game is over.",
            pygame.Rect(
                col + round(20 * self.k),
                round(110 * self.k),
                w - col - round(20 * self.k) - m,
                h - round(210 * self.k),
            ),
            ui,
            container=root,
        )
        y = h - round(80 * self.k)
        bh = round(52 * self.k)
        self.button(pygame.Rect(m, y, round(220 * self.k), bh), "Title screen", self.title)
        self.button(
            pygame.Rect(m + round(236 * self.k), y, round(220 * self.k), bh),
            "Save",
            self.save,
            tip="Keep this game (the debrief reads saves)",
        )
        self.focus_on(
            self.button(
                pygame.Rect(w - m - round(260 * self.k), y, round(260 * self.k), bh),
                "Debrief",
                self.debrief,
                tip="What happened in this game, and why",
            )
        )

    def name(self, cid: str) -> str:
        return self.session.scenario.contenders[self.session.scenario.contender_index(cid)].name

    def draw(self, surface: pygame.Surface) -> None:
        if self.result is None:
            return
        p, k = self.app.palette, self.k
        scale = self.app.settings.text_scale
        v = self.session.view()
        r = self.table
        draw.text(surface, "HOW IT ENDED", (r.left, r.top), "heading", round(26 * k * scale), p.ink)
        y = r.top + round(44 * k)
        rows = self.result.ranked()
        ladder = [x.id for x in self.session.scenario.outcomes]

        def rung(outcome: str) -> str:
            return ordinal(ladder.index(outcome) + 1 if outcome in ladder else len(ladder))

        row_h = min(round(76 * k), (r.bottom - y) // max(1, len(rows)))
        for place, o in enumerate(rows, start=1):
            c = self.session.scenario.contender_index(o.contender)
            info = v.contenders[c]
            you = o.contender in self.session.humans
            box = pygame.Rect(r.left, y, r.width, row_h - round(8 * k))
            surface.fill(p.paper_dark, box)
            pygame.draw.rect(surface, p.red if you else p.ink, box, 3 if you else 1)
            rad = min(round(24 * k), box.height // 2 - 4)
            draw.token(
                surface,
                (box.left + rad + 10, box.centery),
                rad,
                self.styles[c],
                draw.initials(info.short),
                p,
                faded=not info.in_party,
            )
            tx = box.left + 2 * rad + 24
            draw.text(
                surface,
                f"{place}. {info.short.upper()}" + ("  (YOU)" if you else ""),
                (tx, box.top + 4),
                "heading",
                round(22 * k * scale),
                p.ink,
                max_width=box.right - tx - round(70 * k),
            )
            draw.block(
                surface,
                f"{o.name} ({rung(o.outcome)} of {len(ladder)} outcomes) · {info.status_name}",
                (tx, box.top + round(30 * k * scale)),
                box.right - tx - round(70 * k),
                "body",
                round(13 * k * scale),
                p.muted,
                max_lines=2,
            )
            draw.text(
                surface,
                pct(info.support),
                (box.right - 10, box.centery),
                "heading",
                round(26 * k * scale),
                p.ink,
                anchor="midright",
            )
            y += row_h

    def key(self, event: pygame.event.Event) -> None:
        if event.key == pygame.K_ESCAPE:
            self.title()
        else:
            super().key(event)

    def title(self) -> None:
        self.app.home()

    def save(self) -> None:
        from .saveload import SaveScene

        self.app.push(SaveScene(self.app, self.session))

    def debrief(self) -> None:
        from .debrief import DebriefScene

        self.app.push(DebriefScene(self.app, self.session))

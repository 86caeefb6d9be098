"""The Join screen: take a seat in a game a teacher hosts on the classroom's network.

The player types the address and the code the teacher's screen shows (and, if they like, their
name and the seat they want); joining runs on a thread, so the window stays alive while a host
out of reach takes its time to say so. A refusal (a wrong code, a seat taken, a host that
cannot be reached) is one line under the fields. Once seated, the screen waits for the game to
begin and then opens the seat's board.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UILabel, UITextEntryLine

from game.net.client import JoinRequest
from game.saves import MAX_NAME

from .. import draw
from ..remote import Joining, News, RemoteSession, SeatLost, TableFeed
from ..stage import Scene, Stage

FIELDS = (  # key, label, hint under it
    ("address", "Host address", "HOST:PORT from the teacher's screen, e.g. 192.168.1.20:8765"),
    ("code", "Join code", "the code on the teacher's screen"),
    ("name", "Your name", "optional: for the teacher's page and the debrief"),
    ("seat", "Seat", "optional: a contender (e.g. trotsky); blank for any free seat"),
)


class JoinScene(Scene):
    def __init__(self, app: Stage, address: str = "", code: str = "", seat: str = "",
                 name: str = "", join_now: bool = False) -> None:
        super().__init__(app)
        self.values = {"address": address, "code": code, "seat": seat,
                       "name": name or app.player_name or ""}
        self.entries: dict[str, UITextEntryLine] = {}
        self.message = ""
        self.error = False
        self.joining: Joining | None = None
        self.feed: TableFeed | None = None
        if join_now:
            app.push_later(self.join)

    # -- layout
    def layout(self, area: pygame.Rect) -> None:
        w, h = area.size
        k = self.app.k
        m = round(48 * k)
        self.heading(pygame.Rect(m, round(24 * k), w - 2 * m, round(64 * k)),
                     "Join a class game")
        width = min(w - 2 * m, round(860 * k))
        y = self.lines(m, round(100 * k), width,
                       "Type the address and the join code your teacher's screen shows. Your "
                       "seat sees only its own secrets. If the connection drops, the game takes "
                       "you back to your seat; the AI holds it meanwhile.", "#muted")
        f = self.app.ui_font("body")
        label_w = max(f.size(label)[0] for _, label, _ in FIELDS) + round(20 * k)
        entry_h = self.app.ui_font("body", 1).get_linesize() + round(14 * k)
        hint_h = f.get_linesize() + 2
        y += round(16 * k)
        for key, label, hint in FIELDS:
            UILabel(pygame.Rect(m, y, label_w, entry_h), label, self.app.ui,
                    container=self.root)
            entry = UITextEntryLine(pygame.Rect(m + label_w, y, width - label_w, entry_h),
                                    self.app.ui, container=self.root)
            entry.set_text_length_limit(MAX_NAME if key == "name" else 80)
            entry.set_text(self.values[key])
            self.entries[key] = entry
            y += entry_h
            UILabel(pygame.Rect(m + label_w, y, width - label_w, hint_h), hint, self.app.ui,
                    container=self.root, object_id="#muted")
            y += hint_h + round(10 * k)
        self.message_area = pygame.Rect(m, y + round(8 * k), width,
                                        h - round(100 * k) - y - round(8 * k))
        by, bh = h - round(80 * k), round(52 * k)
        self.button(pygame.Rect(m, by, round(200 * k), bh), "Back", self.back, tip="Esc")
        self.join_button = self.button(
            pygame.Rect(w - m - round(260 * k), by, round(260 * k), bh), "Join", self.join,
            tip="Take a seat (Enter)")
        if self.busy:
            self.join_button.disable()
        first = next((key for key, _, _ in FIELDS if not self.values[key].strip()), None)
        if first in ("address", "code") and not self.busy:
            self.app.ui.set_focus_set(self.entries[first])
        else:
            self.focus_on(self.join_button)

    @property
    def busy(self) -> bool:
        """Joining, or seated and waiting for the game to begin."""
        return self.joining is not None or self.feed is not None

    # -- drawing
    def draw(self, surface: pygame.Surface) -> None:
        said = self.said()
        if not said:
            return
        p, r = self.app.palette, self.message_area
        colour = p.red if self.error else p.ink
        size = round(18 * self.app.type_scale)
        draw.block(surface, said, r.topleft, r.width, "bold" if self.error else "body", size,
                   colour, max_lines=4)

    def said(self) -> str:
        """The line under the fields: what is happening, or why joining failed."""
        if self.feed is None:
            return self.message
        table = self.feed.table
        sc = table.scenario
        seated = (f"You have {sc.contenders[sc.contender_index(table.seat)].short}'s seat in "
                  f"{sc.title}. Waiting for the teacher to start the game...")
        status = self.feed.status
        if status is None:
            return seated
        shorts = {c.id: c.short for c in sc.contenders}
        taken = [f"{shorts.get(c, c)} ({status.seats.get(c) or 'a student'})"
                 for c in status.joined]
        return seated + (f" At the table: {', '.join(taken)}." if taken else "")

    # -- events
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            for key, entry in self.entries.items():
                if event.ui_element is entry:
                    self.values[key] = entry.get_text()
            return
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element in \
                self.entries.values():
            self.join()
            return
        super().handle(event)

    def key(self, event: pygame.event.Event) -> None:
        typing = next((key for key, e in self.entries.items() if e.is_focused), None)
        if event.key == pygame.K_ESCAPE:
            self.back()
        elif event.key == pygame.K_TAB and typing is not None:
            keys = [key for key, _, _ in FIELDS]
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            self.app.ui.set_focus_set(self.entries[keys[(keys.index(typing) + step) % 4]])
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and typing is None \
                and self.focused < 0:
            self.join()
        else:
            super().key(event)

    # -- joining
    def join(self) -> None:
        if self.busy:
            return
        self.values.update({key: e.get_text() for key, e in self.entries.items()})
        try:
            request = JoinRequest.read(self.values["address"], self.values["code"],
                                       self.values["seat"], self.values["name"])
        except ValueError as e:
            self.tell(f"{str(e)[:1].upper()}{str(e)[1:]}.", error=True)  # a sentence on screen
            return
        self.joining = Joining(request)
        self.join_button.disable()
        self.tell(f"Joining the game at {request.address}...")

    def tell(self, message: str, error: bool = False) -> None:
        self.message, self.error = message, error

    def update(self, dt: float) -> None:
        if self.joining is not None and self.joining.done.is_set():
            joining, self.joining = self.joining, None
            if joining.table is None:
                self.tell(joining.problem or "The host did not answer.", error=True)
                self.join_button.enable()
            else:
                self.feed = TableFeed(joining.table)
                self.tell("")
        if self.feed is None:
            return
        for item in self.feed.items():
            if isinstance(item, News):
                self.app.push_later(lambda news=item: self.seated(news))
                return
            if isinstance(item, SeatLost):
                self.feed = None
                self.tell(item.message, error=True)
                self.join_button.enable()
                return

    def seated(self, news: News) -> None:
        """The game has begun: the seat's board, with the title screen under it."""
        from .seat import RemoteBoardScene

        assert self.feed is not None
        session = RemoteSession.seated(self.feed, news)
        self.feed = None  # the board's now: leaving this screen must not close it
        self.app.home()
        self.app.push(RemoteBoardScene(self.app, session))

    def back(self) -> None:
        """Back to the title screen, giving up the seat being taken (or waited in)."""
        if self.joining is not None:
            self.joining.cancel()
            self.joining = None
        if self.feed is not None:
            self.feed.stop()
            self.feed = None
        self.app.pop()

"""The board of a seat at a game hosted on the classroom's network.

It is the board of a game of one's own, with what the network changes: ending the turn sends
the orders to the host and the board then says whom the turn waits for (and the time left on
the host's turn timer), until the host sends the next turn and its report opens as after any
turn. Orders the host refuses are this turn's choices again; a dropped connection shows while
the client gets the seat back by itself. The host keeps the game: no Save, no autosave, and no
scenario reload (F5) here; the menu leaves the seat to the AI instead of quitting a game.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.net.client import JoinError

from .. import draw, explain
from ..remote import News, Refusal, RemoteSession, SeatLost
from ..stage import Stage
from .board import BoardScene
from .menu import GameMenu


def clock(seconds: float) -> str:
    """Seconds left as the timer shows them: '1:05'."""
    s = max(0, int(seconds + 0.999))
    return f"{s // 60}:{s % 60:02d}"


class RemoteBoardScene(BoardScene):
    session: RemoteSession

    def __init__(self, app: Stage, session: RemoteSession) -> None:
        super().__init__(app, session)
        self.lost: str | None = None  # the seat is lost for good: why
        self.shown: tuple = ()  # what the waiting panel and the timer said when last drawn
        self.notes_bottom = 0  # where the lines under the moves' heading end

    @property
    def feed(self):
        assert self.session.feed is not None
        return self.session.feed

    # -- what the host says, taken each frame
    def update(self, dt: float) -> None:
        for item in self.feed.items():
            self.app.push_later(lambda item=item: self.take(item))
        if self.says() != self.shown:
            self.refresh()

    def take(self, item: News | Refusal | SeatLost) -> None:
        s = self.session
        if isinstance(item, News):
            before = s.view()
            if not s.take(item):  # the same turn again (back after a dropped connection)
                self.refresh()
                return
            self.app.pop_to(RemoteBoardScene)  # the timer may have run out under a screen
            self.turn_played(before)
            if s.played_for_you:
                self.app.toast(f"The AI played your last turn for you ({explain.esc(s.played())}"
                               "): the turn timer ran out, or you were away.", "Played for you")
        elif isinstance(item, Refusal):
            s.refused(item.message)
            self.refresh()
            self.app.toast(f"The host did not take your orders: {explain.esc(item.message)}. "
                           "Choose again.", "Orders refused")
        else:
            self.lost = item.message
            s.waiting = False
            self.refresh()
            self.app.toast(f"{explain.esc(item.message)} The AI plays your seat. Join again "
                           "from the title screen to take it back.", "Seat lost")

    def says(self) -> tuple:
        """What the panel and the timer say now (the board is drawn again when it changes)."""
        left = self.feed.seconds_left()
        return (self.session.waiting, self.feed.reconnecting, self.lost,
                tuple(self.feed.waiting_for()), None if left is None else clock(left))

    # -- drawing
    def refresh(self) -> None:
        self.shown = self.says()
        super().refresh()
        s = self.session
        stopped = s.waiting or self.lost is not None or s.finished
        for b in (self.end_button, self.undo_button, self.prev_button, self.next_button):
            if stopped:
                b.disable()
        if not stopped:
            self.end_button.enable()

    def draw_notes(self, surface, y: int) -> int:
        y = self.notes_bottom = super().draw_notes(surface, y)
        left = self.feed.seconds_left()
        if left is None or self.session.waiting or self.session.finished:
            return y
        r = draw.block(surface, f"Turn timer: {clock(left)} left", (self.r_right.left, y),
                       self.r_right.width, "bold", self.fs(13), self.app.palette.red)
        self.hotspot(r, "<b>Turn timer</b>: the teacher's computer gives each turn this long. "
                     "When it runs out, the AI plays the seats still choosing.")
        return r.bottom + self.px(6)

    def draw_moves(self, surface) -> None:
        super().draw_moves(surface)
        lines = self.panel_lines()
        if not lines:
            return
        p, r = self.app.palette, self.r_right
        top = self.notes_bottom
        panel = pygame.Rect(r.left, top, r.width, self.prev_button.relative_rect.top - top
                            - self.px(6))
        self.hotspots = [h for h in self.hotspots if not panel.colliderect(h.rect)]
        self.rows = []  # the actions under the panel cannot be chosen now
        surface.fill(p.paper_dark, panel)
        pygame.draw.rect(surface, p.red, panel, self.px(3))
        pad = self.px(16)
        x, y, width = panel.left + pad, panel.top + pad, panel.width - 2 * pad
        for kind, size, text in lines:
            colour = p.red if kind == "heading" else (p.muted if kind == "italic" else p.ink)
            used = draw.block(surface, text, (x, y), width, kind, self.fs(size), colour,
                              max_lines=6, max_height=panel.bottom - pad - y)
            y = used.bottom + self.px(10)

    def panel_lines(self) -> list[tuple[str, int, str]]:
        """The panel over the moves while the turn is out of the player's hands: (type, size,
        text) each; none while they choose."""
        s, feed = self.session, self.feed
        if self.lost is not None:
            return [("heading", 24, "Seat lost"), ("body", 15, self.lost),
                    ("italic", 13, "The AI plays your seat. Join again from the title screen "
                     "(Menu, Leave game) to take it back.")]
        if feed.reconnecting:
            return [("heading", 24, "Reconnecting..."),
                    ("body", 15, feed.line or "Lost the connection to the host."),
                    ("italic", 13, "The game goes on: the AI holds your seat until you are "
                     "back.")]
        if not s.waiting:
            return []
        waiting = feed.waiting_for()
        lines = [("heading", 24, "Orders sent"),
                 ("bold", 16, f"Waiting for {', '.join(waiting)}." if waiting
                  else "Waiting for the host to play the turn.")]
        left = feed.seconds_left()
        if left is not None:
            lines.append(("body", 15, f"Turn timer: {clock(left)} left; then the AI plays "
                                      "the seats still choosing."))
        sent = [s.options()[i].label for i in s.sent if i < len(s.options())]
        lines.append(("body", 13, "Your orders: " + ("; ".join(sent) if sent else "none")
                      + "."))
        lines.append(("italic", 13, "The turn is played when everyone has ended it; its "
                      "report opens here."))
        return lines

    # -- what a seat at a hosted game does differently
    def top_items(self) -> list[tuple[str, Callable[[], None], str]]:
        return [item for item in super().top_items() if item[0] != "Save"]

    def toggle(self, index: int) -> None:
        if self.session.waiting or self.lost is not None:
            return
        super().toggle(index)

    def undo(self) -> None:
        if not self.session.waiting:
            super().undo()

    def end_turn(self) -> None:
        if self.session.waiting or self.lost is not None:
            return
        if self.feed.reconnecting:
            self.app.toast("Reconnecting to the host: end the turn once you are back at "
                           "your seat.")
            return
        super().end_turn()

    def play_turn(self) -> None:
        """Send the orders; the board waits for the host's next turn."""
        try:
            self.session.submit()
        except JoinError as e:
            self.app.toast(f"Your orders were not sent ({explain.esc(str(e))}). The game is "
                           "getting your seat back: end the turn again in a moment.")
            return
        self.refresh()

    def save(self) -> None:
        self.app.toast("The teacher's computer keeps this game. When it ends, your copy is "
                       "saved with your games, for the debrief.", "Save")

    def reload(self) -> None:
        self.app.toast("This game is played on the teacher's computer: its scenario cannot "
                       "be reloaded here.", "Reload")

    def menu(self) -> None:
        self.app.push(RemoteGameMenu(self.app, self.session))


class RemoteGameMenu(GameMenu):
    """The menu over a hosted game's board: leaving hands the seat to the AI."""

    session: RemoteSession

    def items(self) -> list[tuple[str, Callable[[], None]]]:
        return [
            ("Resume", self.app.pop),
            ("Settings", self.settings),
            ("Encyclopedia", self.app.open_encyclopedia),
            ("Help", self.app.show_help),
            ("Leave game", self.quit_to_title),
            ("Quit game", self.quit_game),
        ]

    def _lost(self) -> str:
        return ("The AI plays your seat until you join again with the same address and code: "
                "this computer keeps your seat.")

    def quit_to_title(self) -> None:
        self.app.confirm(f"Leave the game? {self._lost()}", "Leave game", self._leave)

    def quit_game(self) -> None:
        self.app.confirm(f"Quit? {self._lost()}", "Quit", self._quit)

    def _leave(self) -> None:
        self.session.leave()
        self.app.home()

    def _quit(self) -> None:
        self.session.leave()
        self.app.running = False

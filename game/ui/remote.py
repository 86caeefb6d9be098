"""A seat at a game hosted on the classroom's network (``politburo host``), played in the window.

The network is never waited on in a frame: joining runs on a thread of its own
(:class:`Joining`), and once seated a :class:`TableFeed` reads the host's messages on another,
handing the window whole turns (:class:`News`) through a queue. :class:`RemoteSession` is the
board's session for such a seat: the board, the menu, the odds and the standing are read from
the seat's own copy of the game, as at a hotseat table, and ending the turn sends the orders to
the host, which alone plays it. The host saves the game; the player keeps a copy at the end.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from game import resume, saves
from game.engine import GameEvent, Match
from game.net import protocol as p
from game.net.client import JoinError, JoinRequest, RemoteTable, keep_copy

from .session import GameSession

POLL_SECONDS = 0.25  # how long the feed's thread waits on the host before looking up again


class Joining:
    """Joining the host on a thread of its own (a host out of reach takes seconds to say so).
    ``done`` once :attr:`table` or :attr:`problem` is set; :meth:`cancel` closes a seat taken
    after the player gave up waiting."""

    def __init__(self, request: JoinRequest) -> None:
        self.request = request
        self.table: RemoteTable | None = None
        self.problem: str | None = None
        self.done = threading.Event()
        self._cancelled = False
        self._lock = threading.Lock()
        threading.Thread(target=self._run, name="politburo-join", daemon=True).start()

    def _run(self) -> None:
        r = self.request
        try:
            table = RemoteTable.join(r.address, r.code, r.contender, r.name)
        except (JoinError, ValueError) as e:
            self.problem = one_line(e)
        else:
            with self._lock:
                if self._cancelled:
                    table.close()
                else:
                    self.table = table
        self.done.set()

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self.table is not None:
                self.table.close()
                self.table = None


def one_line(e: Exception) -> str:
    """An error's message as one sentence for the screen."""
    text = " ".join(str(e).split()) or type(e).__name__
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


@dataclass(frozen=True)
class News:
    """A turn (or the end of the game) as the host sent it, taken whole on the feed's thread."""

    match: Match
    events: list[GameEvent]
    submitted: bool
    played_for_you: bool
    final: Match | None = None
    final_save: saves.SaveFile | None = None


@dataclass(frozen=True)
class Refusal:
    """The host did not take the seat's orders (the player chooses again)."""

    message: str


@dataclass(frozen=True)
class SeatLost:
    """The seat is lost for good: the host refused it, or could not be reached again."""

    message: str


class TableFeed:
    """The host's messages to one seat, read on a thread of its own.

    The window takes :meth:`items` each frame and reads :attr:`reconnecting` and
    :meth:`seconds_left`; the thread alone reads the connection (and opens it again, with the
    seat token, when it drops), and closes it when the game ends or :meth:`stop` is called.
    """

    def __init__(self, table: RemoteTable) -> None:
        self.table = table
        self.reconnecting = False
        self.line: str | None = None  # what the client last said about the connection
        self._queue: queue.Queue[News | Refusal | SeatLost] = queue.Queue()
        self._status: tuple[p.Status | None, float] = (None, 0.0)
        self._stop = threading.Event()
        table.notice = self._notice
        self._thread = threading.Thread(target=self._run, name="politburo-table", daemon=True)
        self._thread.start()

    def _notice(self, line: str) -> None:
        self.line, self.reconnecting = line, True  # cleared once a poll returns

    def _run(self) -> None:
        table = self.table
        try:
            while not self._stop.is_set() and not table.over:
                try:
                    new = table.poll(POLL_SECONDS)
                except (JoinError, ValueError) as e:
                    self._queue.put(SeatLost(one_line(e)))
                    return
                self.reconnecting = False
                self._note_status()
                problem, table.problem = table.problem, None
                if problem:
                    self._queue.put(Refusal(problem))
                if new and table.match is not None:
                    self._queue.put(News(table.match, list(table.events), table.submitted,
                                         table.played_for_you, table.final, table.final_save))
        finally:
            table.close()

    def items(self) -> list[News | Refusal | SeatLost]:
        """What has come from the host since the last call, oldest first."""
        out = []
        while True:
            try:
                out.append(self._queue.get_nowait())
            except queue.Empty:
                return out

    def _note_status(self) -> None:
        """Note when the host's last status came (as near as the threads can tell)."""
        if self.table.status is not self._status[0]:
            self._status = (self.table.status, time.monotonic())

    @property
    def status(self) -> p.Status | None:
        return self.table.status

    def seconds_left(self) -> float | None:
        """The seconds left on the host's turn timer (None: it has none), counted down here
        from the last status the host sent."""
        self._note_status()
        status, at = self._status
        if status is None or status.deadline is None:
            return None
        return max(0.0, status.deadline - (time.monotonic() - at))

    def waiting_for(self) -> list[str]:
        return self.table.waiting_for()

    def stop(self) -> None:
        """Leave the seat: the thread closes the connection (the host's AI holds the seat)."""
        self._stop.set()


@dataclass
class RemoteSession(GameSession):
    """The board's session for a seat at a hosted game. ``match`` is the seat's own copy of
    the game (rivals' secrets blanked) until the end, then the whole finished game."""

    feed: TableFeed | None = None
    waiting: bool = False  # orders sent: the turn waits for the host
    played_for_you: bool = False  # the host's AI played the last turn for this seat
    sent: list[int] = field(default_factory=list)  # the picks sent, to choose again if refused
    kept: Path | None = None  # the player's copy of the finished game

    @classmethod
    def seated(cls, feed: TableFeed, news: News) -> RemoteSession:
        table = feed.table
        session = cls(news.match, [table.seat], length=table.welcome.length,
                      names=dict(table.welcome.names), autosave=False, feed=feed)
        session.take(news)
        return session

    @property
    def seat_name(self) -> str:
        return self.scenario.contenders[self.scenario.contender_index(self.me)].short

    def take(self, news: News) -> bool:
        """Go on from the host's news; True when it begins another turn or ends the game (a
        seat that came back mid-turn is sent the same turn again)."""
        new_turn = news.final is not None or news.match.state.turn != self.match.state.turn
        if news.final is not None:
            self.match = news.final
            self.last_events = tuple(resume.last_turn_events(news.final))
            if news.final_save is not None:
                self.names, self.difficulty = dict(news.final_save.names), \
                    news.final_save.difficulty
                self.keep(news.final_save)
        else:
            self.match = news.match
            if new_turn:
                self.last_events = tuple(news.events)
        if new_turn:
            self.picks, self.sent = [], []
        elif self.waiting and not news.submitted:  # the orders were lost with the connection
            self.picks, self.sent = self.sent, []
        self.waiting = news.final is None and news.submitted
        self.played_for_you = news.played_for_you
        self._options = None
        return new_turn

    def keep(self, save: saves.SaveFile) -> None:
        """Write the player's copy of the finished game to their saves (as `politburo join
        --text` does); a failure is told once."""
        assert self.feed is not None
        try:
            self.kept = keep_copy(save, self.feed.table.welcome.game)
        except saves.SaveError as e:
            self.notice = f"Your copy of the game could not be saved: {e}"

    def submit(self) -> bool:
        """Send this turn's orders to the host (False: the turn is played there, not here);
        JoinError if the connection is down."""
        assert self.feed is not None
        self.feed.table.send_orders([o.action for o in self.chosen()])
        self.sent, self.picks, self.waiting = self.picks, [], True
        self._options = None
        return False

    def refused(self, message: str) -> None:
        """The host refused the orders: they are this turn's choices again."""
        self.picks, self.sent, self.waiting = self.sent, [], False

    def leave(self) -> None:
        if self.feed is not None:
            self.feed.stop()

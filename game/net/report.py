"""A solo game's reports to the teacher's page (``politburo play --class HOST:PORT``): after
every turn the game's save goes to the host's ``POST /report``, so the class's games gather on
one page without anyone collecting files.

Reporting never holds the game up: the reports go out one at a time from a thread of their
own, a newer report of a game replacing one not yet sent. When the host cannot be reached or
refuses a report the player is told once, and the game goes on (it is saved here as ever).
Only the standard library is used, and only the host is ever contacted: no proxy, no other
address.
"""

from __future__ import annotations

import http.client
import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from game import saves

from .address import url

TIMEOUT_SECONDS = 8.0  # one report's wait for the host (busy as a class finishes)
FINISH_SECONDS = 10.0  # at the end of the game, how long the last reports may take to go


def new_game_id() -> str:
    """A game's id on the teacher's page: random, so two students never share one."""
    return secrets.token_hex(6)


@dataclass
class Reporter:
    """The reports of the games played in this process to the class page at ``address``
    (``HOST:PORT``) with the join ``code``. ``warn`` is told, once, why a report did not get
    there; :meth:`start_game` begins reporting another game under a new id."""

    address: str
    code: str
    warn: Callable[[str], None] = print
    game: str = field(default_factory=new_game_id)
    timeout: float = TIMEOUT_SECONDS
    problem: str | None = None  # why the last report failed, until one gets there
    warned: bool = False
    _pending: dict[str, str] = field(default_factory=dict)  # game id -> its newest save's text
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _worker: threading.Thread | None = None
    _opener: urllib.request.OpenerDirector = field(
        default_factory=lambda: urllib.request.build_opener(urllib.request.ProxyHandler({})))

    def start_game(self) -> None:
        """The next reports are of a new game (the window's next game)."""
        self.game = new_game_id()

    def send(self, save: saves.SaveFile) -> None:
        """Report ``save`` as this game's latest, in the background; returns at once."""
        text = saves.dump_save(save)
        with self._lock:
            self._pending[self.game] = text
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._send_pending, daemon=True,
                                                name="class-report")
                self._worker.start()

    def finish(self, seconds: float = FINISH_SECONDS) -> str | None:
        """Wait (at most ``seconds``) for the reports not yet sent, as the game ends; None when
        they are sent, else a line saying they are not."""
        deadline = time.monotonic() + seconds
        while True:
            with self._lock:
                worker = self._worker
                if not self._pending and (worker is None or not worker.is_alive()):
                    return None
            left = deadline - time.monotonic()
            if left <= 0:
                return (f"the last report had not reached the class page at {self.address} "
                        f"after {seconds:g} seconds: the page may not show how the game ended")
            if worker is not None:
                worker.join(min(left, 0.5))
            else:
                time.sleep(min(left, 0.05))

    def _send_pending(self) -> None:
        while True:
            with self._lock:
                if not self._pending:
                    self._worker = None
                    return
                game = next(iter(self._pending))
                text = self._pending.pop(game)
            problem = self._post(game, text)
            self.problem = problem
            if problem is not None and not self.warned:
                self.warned = True
                self.warn(problem)

    def _post(self, game: str, text: str) -> str | None:
        """Send one report; None when the host took it, else why not, in a few words."""
        body = json.dumps({"code": self.code, "game": game, "save": text}).encode()
        try:
            request = urllib.request.Request(url(self.address, "http", "/report"), data=body,
                                             method="POST",
                                             headers={"Content-Type": "application/json"})
            with self._opener.open(request, timeout=self.timeout) as answer:
                answer.read(10_000)
        except urllib.error.HTTPError as e:
            try:
                why = _first_line(e.read(300)) or f"HTTP {e.code}"
            except (OSError, http.client.HTTPException):
                why = f"HTTP {e.code}"
            return f"the class page at {self.address} refused this game's report ({why})"
        except (OSError, http.client.HTTPException, ValueError) as e:  # URLError is an OSError
            why = getattr(e, "reason", None) or e
            return f"the class page at {self.address} cannot be reached ({why})"
        return None


def _first_line(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    return text.splitlines()[0][:200] if text else ""

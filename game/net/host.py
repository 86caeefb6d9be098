"""The classroom host: a Starlette application under uvicorn that plays one networked game
(:class:`~game.net.room.Room`) with the players' clients over a WebSocket (``/play``), gathers
the solo games that report to it (``POST /report``), and serves the teacher's live page (``/``,
with ``/live`` telling open pages when to refresh, each finished game's debrief and the class
summary).

Every message from a client is checked (:mod:`game.net.protocol`) before anything reaches the
game; what is refused is answered with one line and the connection closed. The room is changed
under one lock, and turns are resolved in a worker thread so the page and the other
connections stay responsive.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

import anyio
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from game import saves

from . import protocol as p
from .classroom import Classroom
from .dashboard import render_page
from .room import Refusal, Room

HELLO_SECONDS = 10.0  # a connection that says nothing this long is closed
TICK_SECONDS = 0.25  # how often the turn timer is looked at
MAX_REPORT = saves.MAX_BYTES + 10_000  # a solo game's report: its save and a few words
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@dataclass
class Host:
    """The host's state: the room, the lesson's games, the open connections."""

    room: Room
    classroom: Classroom
    address: str  # what students type: HOST:PORT
    log: Callable[[str], None] = print
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    seats: dict[str, WebSocket] = field(default_factory=dict)  # contender id -> connection
    pages: set[WebSocket] = field(default_factory=set)  # open teacher's pages (/live)
    loop: asyncio.AbstractEventLoop | None = None  # the server's, once it runs

    # ----- sending -------------------------------------------------------------------------

    async def _send(self, ws: WebSocket, message: p._Message) -> None:
        if ws.application_state == WebSocketState.CONNECTED:
            with contextlib.suppress(Exception):  # a connection that has just gone: it is
                await ws.send_text(p.encode(message))  # noticed by its own reader

    async def _refuse(self, ws: WebSocket, why: str) -> None:
        await self._send(ws, p.Refused(message=why))
        with contextlib.suppress(Exception):
            await ws.close(code=1008)

    async def _broadcast_status(self) -> None:
        status = self.room.status()
        for ws in list(self.seats.values()):
            await self._send(ws, status)

    async def _news_to_all(self) -> None:
        for cid, ws in list(self.seats.items()):
            await self._send(ws, self.room.news(cid))

    def changed(self) -> None:
        """The room changed (or the host starts): keep the page's card of the networked game,
        and tell open pages."""
        room = self.room
        self.classroom.put(room.game, "network", room.snapshot(), room.match, room.started)
        self._tell_pages()

    def _tell_pages(self) -> None:
        """Every open teacher's page is told to fetch the page again."""
        for ws in list(self.pages):
            asyncio.ensure_future(self._page_ping(ws))

    async def _page_ping(self, ws: WebSocket) -> None:
        try:
            await ws.send_text(str(self.classroom.changes))
        except Exception:
            self.pages.discard(ws)

    async def _resolve_if_ready(self) -> None:
        """Play the turn if it is ready (under the lock), and send every seat its news."""
        if not self.room.ready():
            return
        await anyio.to_thread.run_sync(self.room.resolve)
        self.changed()
        await self._news_to_all()
        await self._broadcast_status()

    # ----- the players' connections ------------------------------------------------------

    async def play(self, ws: WebSocket) -> None:
        await ws.accept()
        try:
            text = await asyncio.wait_for(ws.receive_text(), HELLO_SECONDS)
            hello = p.parse_client(text)
        except (TimeoutError, WebSocketDisconnect, KeyError, RuntimeError):
            return await self._refuse(ws, "no hello: a client says hello first")
        except p.ProtocolError as e:
            return await self._refuse(ws, str(e))
        if not isinstance(hello, p.Hello):
            return await self._refuse(ws, "a client says hello before anything else")
        async with self.lock:
            was_started = self.room.started
            try:
                cid, token = self.room.join(hello)
            except Refusal as e:
                return await self._refuse(ws, str(e))
            old = self.seats.get(cid)
            self.seats[cid] = ws
            if old is not None:
                await self._refuse(old, "this seat was taken up again from another connection")
            await self._send(ws, self.room.welcome(cid, token or hello.token or ""))
            if was_started:
                await self._send(ws, self.room.news(cid))
            elif self.room.started:  # this join began the game
                await self._news_to_all()
            self.changed()
            await self._broadcast_status()
            await self._resolve_if_ready()  # everyone had ended the turn, then all had gone
        try:
            await self._listen(ws, cid)
        finally:
            async with self.lock:
                if self.seats.get(cid) is ws:
                    del self.seats[cid]
                    self.room.leave(cid)
                    self.changed()
                    await self._broadcast_status()
                    await self._resolve_if_ready()

    async def _listen(self, ws: WebSocket, cid: str) -> None:
        while True:
            try:
                text = await ws.receive_text()
            except (WebSocketDisconnect, KeyError, RuntimeError):
                return
            try:
                message = p.parse_client(text)
            except p.ProtocolError as e:
                self.log(f"refused a message from {self.room.short(cid)}'s seat: {e}")
                return await self._refuse(ws, str(e))
            if not isinstance(message, p.Orders):
                return await self._refuse(ws, "already joined: a seat says hello once")
            async with self.lock:
                if self.seats.get(cid) is not ws:
                    return await self._refuse(ws, "this seat was taken up again from another "
                                                  "connection")
                problem = self.room.submit(cid, message)
                if problem is not None:
                    await self._send(ws, p.Problem(message=problem))
                    continue
                await self._broadcast_status()
                await self._resolve_if_ready()

    async def ticker(self) -> None:
        """Resolve the turn when its timer runs out, and keep the seats told of the time."""
        while True:
            await asyncio.sleep(TICK_SECONDS)
            if self.room.seconds_left() is not None:
                async with self.lock:
                    await self._resolve_if_ready()

    async def start_now(self) -> None:
        """The host starts the game before every kept seat is taken."""
        async with self.lock:
            if self.room.started:
                return
            self.room.start()
            self.changed()
            await self._news_to_all()
            await self._broadcast_status()
            await self._resolve_if_ready()

    # ----- the teacher's page and the solo games' reports -----------------------------------

    def page(self) -> str:
        room = self.room
        status = room.status()
        return render_page(room.scenario.title, self.address, room.code,
                           list(self.classroom.cards.values()), self.classroom.summary(),
                           status.seats, status.joined,
                           {c.id: c.short for c in room.scenario.contenders}, room.started,
                           room.waiting_for)

    async def live(self, ws: WebSocket) -> None:
        await ws.accept()
        self.pages.add(ws)
        try:
            while True:
                await ws.receive_text()
        except (WebSocketDisconnect, KeyError, RuntimeError):
            pass
        finally:
            self.pages.discard(ws)

    async def report(self, request: Request) -> Response:
        """A solo game's report: ``{"code", "game", "save"}`` (the save's text)."""
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_REPORT:
                return PlainTextResponse("report too large", status_code=413)
        try:
            data = json.loads(body)
            code, game, save = data["code"], data["game"], data["save"]
            if not all(isinstance(x, str) for x in (code, game, save)):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            return PlainTextResponse("not a report: {code, game, save} expected",
                                     status_code=400)
        if code.upper() != self.room.code.upper():
            return PlainTextResponse("wrong join code", status_code=403)
        try:
            await anyio.to_thread.run_sync(self.classroom.report, game, save.encode())
        except saves.SaveError as e:
            return PlainTextResponse(str(e)[:300], status_code=422)
        self._tell_pages()
        return JSONResponse({"game": game})


def application(host: Host) -> Starlette:
    """The host's web application."""

    async def index(request: Request) -> Response:
        await anyio.to_thread.run_sync(host.classroom.summary)  # new games' debriefs: slow
        return HTMLResponse(host.page())

    async def game_debrief(request: Request) -> Response:
        text = await anyio.to_thread.run_sync(host.classroom.debrief_page,
                                              request.path_params["game"])
        if text is None:
            return PlainTextResponse("no finished game of that name", status_code=404)
        return HTMLResponse(text)

    async def class_page(request: Request) -> Response:
        text = await anyio.to_thread.run_sync(host.classroom.class_page, False)
        return HTMLResponse(text) if text else PlainTextResponse(
            "no game has finished yet", status_code=404)

    async def class_slide(request: Request) -> Response:
        text = await anyio.to_thread.run_sync(host.classroom.class_page, True)
        return HTMLResponse(text) if text else PlainTextResponse(
            "no game has finished yet", status_code=404)

    async def start(request: Request) -> Response:
        if request.client is None or request.client.host not in LOOPBACK:
            return PlainTextResponse("only the host's own computer starts the game",
                                     status_code=403)
        await host.start_now()
        return PlainTextResponse("started")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        host.loop = asyncio.get_running_loop()
        task = asyncio.ensure_future(host.ticker())
        try:
            yield
        finally:
            task.cancel()

    return Starlette(
        routes=[
            Route("/", index),
            Route("/games/{game}/debrief", game_debrief),
            Route("/class", class_page),
            Route("/class/slide", class_slide),
            Route("/report", host.report, methods=["POST"]),
            Route("/start", start, methods=["POST"]),
            WebSocketRoute("/play", host.play),
            WebSocketRoute("/live", host.live),
        ],
        lifespan=lifespan,
    )


def server(host: Host, bind: str, port: int) -> uvicorn.Server:
    """The uvicorn server of ``host`` on ``bind``:``port`` (run it with ``.run()``; set
    ``should_exit`` to stop it). Client messages over :data:`protocol.MAX_CLIENT_MESSAGE`
    bytes close the connection before they are read whole; a connection that stops answering
    pings (a laptop asleep) is closed within half a minute, and the AI holds its seat."""
    config = uvicorn.Config(application(host), host=bind, port=port, log_level="warning",
                            ws_max_size=p.MAX_CLIENT_MESSAGE, ws_ping_interval=10.0,
                            ws_ping_timeout=20.0, lifespan="on", access_log=False)
    return uvicorn.Server(config)

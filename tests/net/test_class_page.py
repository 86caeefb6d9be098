"""The teacher's live page, tested for real: 30 solo games report at once to a host on the
loopback address (each through the real :class:`Reporter`, after every turn), and the page shows
every one of them, as the server writes it and as headless Chromium shows it; a game reported
while the page is open appears on it through the page's own script; a finished game has its
debrief and the class its summary; hostile reports are refused and never reach the page; and
``politburo play --class`` reports a game from the command line."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable

import html5lib
import pytest
from chromium import browsing, needs_chromium, run_chromium
from hosting import hosted, make_room
from htmlcheck import check_html

from game import saves
from game.ai import ai_orders
from game.content import sources
from game.engine import Match
from game.net.report import Reporter

CODE = "ABCD"
GAMES = 30
SHORT = sources.resolve_id("succession_1924").scenario.with_length("short")
SEATS = [c.id for c in SHORT.contenders if c.playable]
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _student(i: int) -> tuple[str, str]:
    """The seat and the name of the class's ``i``-th student."""
    return SEATS[i % len(SEATS)], f"Student {i:02d}"


def _report_game(address: str, i: int, turns: int | None = None) -> tuple[str, Reporter]:
    """Play the ``i``-th student's game (the AI choosing for them), reporting after every
    turn, for ``turns`` turns or to the end; the game's id and its reporter, its reports
    sent."""
    seat, name = _student(i)
    match = Match.start(SHORT, 100 + i)
    problems: list[str] = []
    reporter = Reporter(address, CODE, warn=problems.append)
    while not match.state.finished and (turns is None or match.state.turn < turns):
        match.play(ai_orders(match.state))
        reporter.send(saves.snapshot(match, [seat], "standard", "short", names={seat: name}))
    assert reporter.finish(30) is None
    assert not problems, problems
    return reporter.game, reporter


def _get(url: str) -> tuple[int, str]:
    try:
        with OPENER.open(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def _post(url: str, body: bytes) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with OPENER.open(request, timeout=20) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def _cards(html: str) -> dict[str, str]:
    """Each game's card on a page (its id without ``game-``) and the words on it, in lower
    case."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    return {s.get("id").removeprefix("game-"): " ".join("".join(s.itertext()).lower().split())
            for s in tree.iter("section") if (s.get("id") or "").startswith("game-")}


def _until(what: Callable[[], object], seconds: float, why: str) -> None:
    deadline = time.monotonic() + seconds
    while not what():
        assert time.monotonic() < deadline, why
        time.sleep(0.05)


@pytest.fixture(scope="module")
def lesson(tmp_path_factory):
    """A host with 30 finished solo games, reported at once, and one game stopped after two
    turns; yields (the hosted game, {game id: student's name}, the unfinished game's id)."""
    folder = tmp_path_factory.mktemp("lesson")
    with hosted(make_room(folder=folder)) as game:
        ids: dict[str, str] = {}
        threads = [threading.Thread(target=lambda i=i: ids.__setitem__(
            _report_game(game.address, i)[0], _student(i)[1])) for i in range(GAMES)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert len(ids) == GAMES, "every student's game reported"
        unfinished, _ = _report_game(game.address, GAMES, turns=2)
        yield game, ids, unfinished


def test_every_game_is_on_the_page_as_the_server_writes_it(lesson):
    game, ids, unfinished = lesson
    status, html = _get(game.url + "/")
    assert status == 200
    check_html(html)
    cards = _cards(html)
    for gid, name in ids.items():
        assert name.lower() in cards[gid] and "finished" in cards[gid], cards.get(gid)
    assert "turn 3 of 8" in cards[unfinished] and "finished" not in cards[unfinished]
    assert f"{GAMES + 2} games: {GAMES} finished, 2 being played" in html  # and the networked
    for gid in ids:  # the host keeps every game's save, which reads as any save
        save = saves.load_save(game.room.folder / f"solo-{gid}.json")
        assert save.turn == SHORT.calendar.turns and save.names


@needs_chromium
def test_every_game_is_on_the_page_as_chromium_shows_it(lesson):
    game, ids, unfinished = lesson
    dom = run_chromium(game.url + "/", "--dump-dom", "--virtual-time-budget=3000").stdout
    cards = _cards(dom)
    assert set(cards) >= set(ids) | {unfinished}
    for gid, name in ids.items():
        assert name.lower() in cards[gid] and "finished" in cards[gid], cards.get(gid)
    tree = html5lib.parse(dom, namespaceHTMLElements=False)
    chart = [f for f in tree.iter("figure") if any(e.tag.endswith("svg") for e in f.iter())]
    assert chart, "the class's outcome chart is on the page once games have finished"
    links = {a.get("href") for a in tree.iter("a")}
    assert {"/class", "/class/slide"} <= links
    assert {f"/games/{gid}/debrief" for gid in ids} <= links
    assert f"/games/{unfinished}/debrief" not in links


def test_a_finished_game_has_its_debrief_and_the_class_its_summary(lesson):
    game, ids, unfinished = lesson
    gid, name = next(iter(ids.items()))
    status, html = _get(f"{game.url}/games/{gid}/debrief")
    assert status == 200 and name in html
    check_html(html)
    for path in ("/class", "/class/slide"):
        status, html = _get(game.url + path)
        assert status == 200, path
        check_html(html)
    # a game not over has no debrief yet: it would show the other seats' secrets
    for other in (unfinished, game.room.game, "no-such-game"):
        status, text = _get(f"{game.url}/games/{other}/debrief")
        assert status == 404 and "\n" not in text.strip(), other


def test_the_class_has_no_summary_before_a_game_has_finished():
    with hosted(make_room()) as game:
        _report_game(game.address, 0, turns=1)
        for path in ("/class", "/class/slide"):
            assert _get(game.url + path)[0] == 404
        status, html = _get(game.url + "/")
        assert "How the class" not in html and "Student 00" in html


@needs_chromium
def test_a_game_reported_while_the_page_is_open_appears_on_it():
    with hosted(make_room()) as game, browsing(game.url + "/") as page:
        _until(lambda: game.host.pages and page("document.readyState") == "complete", 30,
               "the page did not open its live connection to the host")
        loaded = page("performance.timeOrigin")
        assert page("document.querySelectorAll('section.game').length") == 1  # the networked
        gid, _ = _report_game(game.address, 7)
        card = f"((document.getElementById('game-{gid}') || {{}}).textContent || '').toLowerCase()"
        _until(lambda: "finished" in page(card), 20,
               "the reported game's end did not appear on the open page")
        assert "student 07" in page(card)
        assert page("!!document.querySelector('figure svg')")  # the chart, with the first end
        assert page("performance.timeOrigin") == loaded, "updated in place, not reloaded"


def _sealed(data: dict) -> bytes:
    data = {k: v for k, v in data.items() if k != "checksum"}
    data["checksum"] = saves.checksum(data)
    return json.dumps(data).encode()


def test_hostile_reports_are_refused_and_never_reach_the_page():
    match = Match.start(SHORT, 3)
    match.play(ai_orders(match.state))
    good = json.loads(saves.dump_save(saves.snapshot(match, [], "standard", "short")))
    edited = dict(good, seed=good["seed"] + 1)  # its checksum no longer matches
    elsewhere = dict(good, scenario_id="atlantis_1999")

    def report(save: dict | bytes, code: str = CODE, game: str = "intruder") -> bytes:
        text = save.decode() if isinstance(save, bytes) else json.dumps(save)
        return json.dumps({"code": code, "game": game, "save": text}).encode()

    hostile = {
        "wrong code": (report(good, code="WXYZ"), 403),
        "not JSON": (b"\x00{not json", 400),
        "no save in it": (json.dumps({"code": CODE, "game": "intruder"}).encode(), 400),
        "oversized": (b"{" + b" " * (saves.MAX_BYTES + 20_000), 413),
        "checksum does not match": (report(edited), 422),
        "a scenario the host lacks": (report(_sealed(elsewhere)), 422),
        "a game id with a path in it": (report(good, game="../../etc"), 422),
    }
    with hosted(make_room()) as game:
        before = _get(game.url + "/")[1]
        for why, (body, expected) in hostile.items():
            status, text = _post(game.url + "/report", body)
            assert status == expected, (why, status, text)
            assert text.strip() and "\n" not in text.strip() and len(text) < 400, (why, text)
        status, after = _get(game.url + "/")
        assert status == 200 and set(_cards(after)) == set(_cards(before)) == {game.room.game}
        assert "intruder" not in after
        assert set(game.host.classroom.cards) == {game.room.game}
        gid, _ = _report_game(game.address, 1, turns=1)  # the host still takes good reports
        assert gid in _cards(_get(game.url + "/")[1])


def test_a_reporter_tells_once_why_its_reports_do_not_get_there():
    match = Match.start(SHORT, 4)
    with hosted(make_room()) as game:
        told: list[str] = []
        wrong = Reporter(game.address, "WXYZ", warn=told.append)
        for _ in range(3):
            match.play(ai_orders(match.state))
            wrong.send(saves.snapshot(match, [], "standard", "short"))
            assert wrong.finish(20) is None
        assert told == [f"the class page at {game.address} refused this game's report (wrong "
                        "join code)"]
        address = game.address
    told.clear()
    gone = Reporter(address, CODE, warn=told.append, timeout=2)  # the host has stopped
    gone.send(saves.snapshot(match, [], "standard", "short"))
    gone.send(saves.snapshot(match, [], "standard", "short"))
    assert gone.finish(20) is None
    assert len(told) == 1 and told[0].startswith(f"the class page at {address} cannot be "
                                                 "reached ("), told


def test_politburo_play_class_reports_the_game_to_the_page(run):
    with hosted(make_room()) as game:
        code, out, err = run(["play", "--auto", "--length", "short", "--seed", 11,
                              "--class", game.address, "--code", CODE.lower()])
        assert code == 0, err
        assert err == ""
        assert f"reports to the class page at {game.address}" in out
        solo = [c for c in game.host.classroom.cards.values() if c.kind == "solo"]
        assert len(solo) == 1 and solo[0].finished
        cards = _cards(_get(game.url + "/")[1])
        assert "finished" in cards[solo[0].game]


def test_a_person_playing_in_the_terminal_reports_every_turn(run):
    with hosted(make_room()) as game:
        code, out, err = run(["play", "--text", "--contender", "bukharin", "--name", "Vera",
                              "--length", "short", "--seed", 2, "--class", game.address,
                              "--code", CODE], typed="d\nd\n" * 10)
        assert code == 0, err
        (card,) = [c for c in game.host.classroom.cards.values() if c.kind == "solo"]
        assert card.finished and card.players == "Vera"
        assert "vera" in _cards(_get(game.url + "/")[1])[card.game]


@pytest.mark.parametrize("argv, says", [
    (["--class", "127.0.0.1:8765"], "--class needs the join code"),
    (["--code", "ABCD"], "give the host's address"),
    (["--class", "the host:8765", "--code", "ABCD"], "is not an address"),
    (["--class", "127.0.0.1:99999", "--code", "ABCD"], "the port is a number"),
    (["--text", "--debug", "--class", "127.0.0.1:8765", "--code", "ABCD"], "--debug"),
])
def test_usage_mistakes_with_class_are_one_line(run, argv, says):
    code, out, err = run(["play", "--auto", *argv] if "--text" not in argv else ["play", *argv])
    assert code == 2 and says in err and len(err.strip().splitlines()) == 1, err

"""Before a game: choose the scenario, then the contender, the AI's strength and the seed."""

from __future__ import annotations

import html
import secrets

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UITextBox, UITextEntryLine

from game.engine import Scenario
from game.saves import MAX_NAME, player_name

from .. import draw, explain, theme
from ..session import GameSession
from ..stage import Scene, Stage

MAX_SEED = 2**63 - 1
AI_LEVELS = ("easy", "standard", "strong")
AI_TIPS = {
    "easy": "The AI judges its moves roughly and often errs.",
    "standard": "The AI weighs every move it can make this turn.",
    "strong": "The AI also looks a few turns ahead (it thinks a little longer).",
}


def length_line(sc: Scenario) -> str:
    """The lengths a lesson can choose: '8 turns (about 20 minutes), 16 (45) or 24 (53)'."""
    cal = sc.calendar
    unit = {4: "quarters", 12: "months", 1: "years", 2: "half-years"}.get(
        cal.periods_per_year, "turns"
    )
    offered = [
        f"{name} {turns} turns, about {minutes} min"
        for name, turns, minutes, _ in sc.lesson_lengths()
    ]
    return f"turns are {unit}; " + " · ".join(offered)


def forward_buttons(scene: Scene, area: pygame.Rect, label: str, action) -> UIButton:
    """Back on the left of the bottom edge and the way on (Enter) on the right; returns the
    latter."""
    k = scene.app.k
    m, y, h = round(48 * k), area.height - round(80 * k), round(52 * k)
    scene.add_back_button(pygame.Rect(m, y, round(200 * k), h))
    return scene.button(
        pygame.Rect(area.width - m - round(260 * k), y, round(260 * k), h), label, action,
        tip="Enter",
    )


def esc(text: str) -> str:
    return html.escape(" ".join(text.split()))


class ScenarioScene(Scene):
    """The scenarios found, with their dates, description, objectives and length."""

    def __init__(self, app: Stage) -> None:
        super().__init__(app)
        self.entries = app.catalogue().entries
        usable = [i for i, e in enumerate(self.entries) if e.ok]
        default = next((i for i in usable if self.entries[i].id == "succession_1924"), None)
        self.index = default if default is not None else (usable[0] if usable else -1)

    def layout(self, area: pygame.Rect) -> None:
        w, h = area.size
        k = self.app.k
        m = round(48 * k)
        self.heading(pygame.Rect(m, round(24 * k), w - 2 * m, round(64 * k)), "Choose a scenario")
        list_w = int(w * 0.34)
        self.rows = self.list_rows(pygame.Rect(m, round(100 * k), list_w, h - round(200 * k)))
        for i, (rect, _) in enumerate(self.rows):
            e = self.entries[i]
            tip = ("Click to read about it; click again (or Enter) to choose it." if e.ok
                   else "This file cannot be loaded: " + esc(e.error or ""))
            self.hotspot(rect, tip, on_click=(lambda i=i: self.pick(i)) if e.ok else None)
        detail = pygame.Rect(
            m + list_w + round(32 * k),
            round(100 * k),
            w - list_w - 2 * m - round(32 * k),
            h - round(200 * k),
        )
        self.detail = UITextBox(self.detail_html(), detail, self.app.ui, container=self.root)
        self.next = forward_buttons(self, area, "Choose contender", self.go)
        if self.index < 0:
            self.next.disable()
        self.focused = self.focus.index(self.next) if self.index >= 0 else 0

    def list_rows(self, area: pygame.Rect) -> list[tuple[pygame.Rect, list[str]]]:
        """The scenarios' rows: each title wrapped to the list's width, as tall as it needs."""
        f = self.app.ui_font("body")
        pad, gap = round(10 * self.app.k), round(8 * self.app.k)
        rows, y = [], area.top
        for e in self.entries:
            label = e.title if e.ok else f"{e.path.name} (cannot be loaded)"
            lines = draw.wrap(label, f, area.width - 2 * pad)
            rect = pygame.Rect(area.left, y, area.width, len(lines) * f.get_linesize() + 2 * pad)
            rows.append((rect, lines))
            y = rect.bottom + gap
        return rows

    def draw(self, surface: pygame.Surface) -> None:
        """The list of scenarios: the chosen one in red, a broken one greyed."""
        p = self.app.palette
        pad = round(10 * self.app.k)
        for i, (rect, lines) in enumerate(self.rows):
            chosen, ok = i == self.index, self.entries[i].ok
            surface.fill(p.red if chosen else p.paper, rect)
            pygame.draw.rect(surface, p.ink, rect, 2)
            kind = "bold" if chosen else "body"
            f = draw.font(kind, theme.font_size(self.app.type_scale))
            ink = p.paper if chosen else (p.ink if ok else p.muted)
            for n, line in enumerate(lines):
                surface.blit(f.render(line, True, ink),
                             (rect.left + pad, rect.top + pad + n * f.get_linesize()))

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.focused < 0 and 0 <= self.index < len(self.rows):
            ring = self.rows[self.index][0].inflate(8, 8)
            pygame.draw.rect(surface, self.app.palette.red, ring, 3)
        super().draw_over(surface)

    def move_focus(self, step: int) -> None:
        """Tab goes round the list of scenarios (Up/Down choose in it) and the buttons."""
        usable = [-1] + [i for i, b in enumerate(self.focus) if b.is_enabled and b.visible]
        at = usable.index(self.focused) if self.focused in usable else 0
        self.focused = usable[(at + step) % len(usable)]

    def detail_html(self) -> str:
        if self.index < 0:
            return "No scenario can be loaded."
        sc = self.entries[self.index].scenario
        assert sc is not None
        parts = [
            f"<font size=6><b>{esc(sc.title)}</b></font><br>",
            f"<i>{esc(sc.dates)} · {esc(length_line(sc))}</i><br><br>",
            f"{esc(sc.description)}<br><br>",
        ]
        if sc.learning_objectives:
            parts.append("<b>In this game you can learn</b><br>")
            parts += [f"• {esc(o)}<br>" for o in sc.learning_objectives]
        if sc.teacher_note:
            parts.append(f"<br><b>For the teacher</b><br>{esc(sc.teacher_note)}")
        return "".join(parts)

    def pick(self, index: int) -> None:
        if index == self.index:
            self.go()
            return
        self.index = index
        self.build()
        self.focused = -1

    def key(self, event: pygame.event.Event) -> None:
        usable = [i for i, e in enumerate(self.entries) if e.ok]
        if event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif event.key in (pygame.K_UP, pygame.K_DOWN) and self.focused < 0 and usable:
            at = usable.index(self.index) if self.index in usable else 0
            step = 1 if event.key == pygame.K_DOWN else -1
            self.pick(usable[(at + step) % len(usable)])
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focused < 0:
            self.go()
        else:
            super().key(event)

    def go(self) -> None:
        if self.index >= 0:
            sc = self.entries[self.index].scenario
            assert sc is not None
            self.app.push(ContenderScene(self.app, sc))


class ContenderScene(Scene):
    """The playable contenders as tokens, with biography, strengths, weaknesses, difficulty;
    the AI's strength; the seed, shown and editable so a class can all play one game."""

    def __init__(self, app: Stage, scenario: Scenario, seed: int | None = None) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.playable = [c for c in scenario.contenders if c.playable]
        self.index = 0
        self.people = {0}  # the seats played by people at this computer (hotseat if several)
        self.seed = seed if seed is not None else secrets.randbelow(1_000_000)
        self.difficulty = "standard"
        self.length = "full"
        self.styles = theme.faction_styles(scenario.contenders, app.palette)
        # The players' names, by seat (optional): kept in the save for the debrief.
        self.names: dict[str, str] = (
            {self.playable[0].id: app.player_name} if app.player_name and self.playable else {}
        )

    def layout(self, area: pygame.Rect) -> None:
        w, h = area.size
        k = self.app.k
        m = round(48 * k)
        self.heading(
            pygame.Rect(m, round(24 * k), w - 2 * m, round(64 * k)), "Choose your contender"
        )
        n = len(self.playable)
        slot = (w - 2 * m) // max(1, n)
        self.token_y = round(150 * k)
        self.slots = []
        for i, c in enumerate(self.playable):
            x = m + i * slot
            b = self.button(
                pygame.Rect(x + round(10 * k), round(220 * k), slot - round(20 * k), round(44 * k)),
                c.short,
                lambda i=i: self.pick(i),
                object_id="#chosen" if i == self.index else "#choice",
                tip=f"{esc(c.name)}: difficulty {c.difficulty}",
            )
            self.slots.append((x + slot // 2, b))
            person = i in self.people
            self.button(
                pygame.Rect(x + round(10 * k), round(270 * k), slot - round(20 * k), round(30 * k)),
                "Person" if person else "AI",
                lambda i=i: self.toggle_person(i),
                object_id="#chosen" if person else "#small_button",
                tip="Who plays this seat: a person at this computer or the AI. Several people "
                "take turns at one computer (hotseat), each seeing only their own secrets.",
            )
            self.hotspot(
                pygame.Rect(x + round(10 * k), round(90 * k), slot - round(20 * k), round(120 * k)),
                esc(c.name),
                on_click=lambda i=i: self.pick(i),
                term=c.id,
            )
        side = round(380 * k)
        top = round(312 * k)
        entry_h = self.app.ui_font("body", 1).get_linesize() + round(14 * k)
        detail = pygame.Rect(m, top, w - 2 * m - side - round(24 * k),
                             h - top - round(112 * k) - entry_h)
        UITextBox(self.detail_html(), detail, self.app.ui, container=self.root)
        self.name_row(pygame.Rect(m, detail.bottom + round(10 * k), detail.width, entry_h))
        self.side_panel(pygame.Rect(w - m - side, top, side, h - top - round(100 * k)))
        self.start_button = forward_buttons(self, area, "Start", self.start)
        self.focus_on(self.start_button)

    def name_row(self, r: pygame.Rect) -> None:
        """The name of the chosen seat's player (a person's seat only), on one row."""
        seat = self.playable[self.index]
        person = self.index in self.people
        f = self.app.ui_font("body")
        pad = round(12 * self.app.k)
        said = next(
            (t for t in (f"Name of {seat.short}'s player (optional)", f"{seat.short}'s player")
             if f.size(t)[0] + pad <= r.width * 0.55),
            "Player",
        ) if person else f"{seat.short}: the AI"
        label_w = f.size(said)[0] + pad
        UILabel(pygame.Rect(r.x, r.y, label_w, r.height), said, self.app.ui, container=self.root)
        self.name_entry = UITextEntryLine(
            pygame.Rect(r.x + label_w, r.y, r.width - label_w, r.height),
            self.app.ui,
            container=self.root,
        )
        self.name_entry.set_text_length_limit(MAX_NAME)
        self.name_entry.set_text(self.names.get(seat.id, ""))
        if not person:
            self.name_entry.disable()

    def side_panel(self, r: pygame.Rect) -> None:
        """The AI's strength, the seed and the length, stacked at the player's text size."""
        k = self.app.k
        gap = round(8 * k)
        row_h = self.app.ui_font("body").get_linesize() + round(14 * k)
        y = self.lines(r.x, r.y, r.width, "How well the AI plays")
        bw = (r.width - 2 * gap) // 3
        for i, level in enumerate(AI_LEVELS):
            self.button(
                pygame.Rect(r.x + i * (bw + gap), y, bw, row_h),
                level.capitalize(),
                lambda level=level: self.set_difficulty(level),
                object_id="#chosen" if level == self.difficulty else "#choice",
                tip=AI_TIPS[level],
            )
        y = self.lines(r.x, y + row_h + gap, r.width, "Seed (the same seed, the same game)")
        entry_h = self.app.ui_font("body", 1).get_linesize() + round(14 * k)
        self.seed_entry = UITextEntryLine(
            pygame.Rect(r.x, y, r.width, entry_h),
            self.app.ui,
            container=self.root,
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(18)
        self.seed_entry.set_text(str(self.seed))
        y = self.seed_entry.relative_rect.bottom + round(2 * k)
        note_h = self.app.ui_font("body").get_linesize() + 2
        self.seed_note = UILabel(
            pygame.Rect(r.x, y, r.width, note_h), "", self.app.ui, container=self.root,
            object_id="#muted",
        )
        self.button(
            pygame.Rect(r.x, y + note_h, r.width, row_h),
            "New random seed",
            self.reseed,
            object_id="#small_button",
        )
        y += note_h + row_h + gap
        lengths = self.scenario.lesson_lengths()
        if len(lengths) > 1:
            minutes = next(m for name, _, m, _ in lengths if name == self.length)
            y = self.lines(r.x, y, r.width, f"Length: about {minutes} minutes")
            lw = (r.width - gap * (len(lengths) - 1)) // len(lengths)
            for i, (name, turns, minutes, what) in enumerate(lengths):
                self.button(
                    pygame.Rect(r.x + i * (lw + gap), y, lw, row_h),
                    name.capitalize(),
                    lambda name=name: self.set_length(name),
                    object_id="#chosen" if name == self.length else "#choice",
                    tip=f"<b>{name.capitalize()}</b>: {turns} turns, about {minutes} minutes. "
                    f"{esc(what)}",
                )

    def set_difficulty(self, level: str) -> None:
        self.read_seed()
        self.difficulty = level
        self.build()

    def detail_html(self) -> str:
        c = self.playable[self.index]
        parts = [
            f"<font size=6><b>{esc(c.name)}</b></font>  <i>difficulty: {c.difficulty}</i>"
            f"<br><br>{esc(c.bio)}<br>"
        ]
        if c.strengths:
            parts.append(
                "<br><b>Strengths</b><br>" + "".join(f"+ {esc(s)}<br>" for s in c.strengths)
            )
        if c.weaknesses:
            parts.append(
                "<br><b>Weaknesses</b><br>" + "".join(f"- {esc(s)}<br>" for s in c.weaknesses)
            )
        cut = self.scenario.with_length(self.length)
        parts.append("<br>" + explain.goal_html(cut, c.id, self.length))
        return "".join(parts)

    def draw(self, surface: pygame.Surface) -> None:
        p = self.app.palette
        for i, (cx, _) in enumerate(self.slots):
            c = self.playable[i]
            k = self.scenario.contender_index(c.id)
            chosen = i == self.index
            draw.token(
                surface,
                (cx, self.token_y),
                round((52 if chosen else 42) * self.app.k),
                self.styles[k],
                draw.initials(c.short),
                p,
                ring=p.red if chosen else None,
            )

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.seed_entry:
            self.read_seed()
            return
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.name_entry:
            self.read_name()
            return
        super().handle(event)

    def read_seed(self) -> bool:
        text = self.seed_entry.get_text().strip()
        if not text.isdigit() or int(text) > MAX_SEED:
            self.seed_note.set_text("Type a whole number (digits only).")
            return False
        self.seed = int(text)
        self.seed_note.set_text("")
        return True

    def read_name(self) -> None:
        """Keep the name typed for the seat shown (a blank name is no name)."""
        cid = self.playable[self.index].id
        try:
            self.names[cid] = player_name(self.name_entry.get_text())
        except ValueError:
            self.names.pop(cid, None)

    def reseed(self) -> None:
        self.seed = secrets.randbelow(1_000_000)
        self.seed_entry.set_text(str(self.seed))
        self.seed_note.set_text("")

    def pick(self, index: int) -> None:
        self.read_seed()
        self.index = index
        if len(self.people) == 1:
            self.people = {index}
        self.build()
        self.focus_on(self.slots[index][1])

    def set_length(self, length: str) -> None:
        self.read_seed()
        self.length = length
        self.build()

    def toggle_person(self, index: int) -> None:
        """Give a seat to a person, or back to the AI (at least one person stays)."""
        self.read_seed()
        if index in self.people:
            if len(self.people) > 1:
                self.people.discard(index)
        else:
            self.people.add(index)
        self.index = index
        self.build()

    def key(self, event: pygame.event.Event) -> None:
        if event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif pygame.K_1 <= event.key <= pygame.K_9 and not self.app.ui.get_focus_set():
            i = event.key - pygame.K_1
            if i < len(self.playable):
                self.pick(i)
        else:
            super().key(event)

    def start(self) -> None:
        if not self.read_seed():
            self.app.toast("The seed must be a whole number, for example 1924.")
            return
        humans = [self.playable[i].id for i in sorted(self.people)]
        names = {cid: self.names[cid] for cid in humans if cid in self.names}
        session = GameSession.new(
            self.scenario, humans, self.seed, self.difficulty, self.length, names
        )
        self.app.play(session)

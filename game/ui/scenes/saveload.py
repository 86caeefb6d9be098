"""Saving into named slots and loading from them (the autosave is listed too)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UISelectionList, UITextEntryLine

from game import saves
from game.content import sources
from game.words.names import date_words

from ..explain import esc
from ..session import GameSession, Slot, list_slots, slot_path
from ..stage import Scene, Stage
from .dialogs import Overlay


def open_save(app: Stage, path: Path, save: saves.SaveFile | None = None) -> bool:
    """Resume the game saved at ``path`` (``save``: as already read from it) on the board; a
    message instead if it cannot be."""
    try:
        if save is None:
            save = saves.load_save(path)  # read and checked once, on its way to the board
        if not save.humans:
            raise saves.SaveError(
                "It is a game of AI seats only, with no seat played by a person: play it on in "
                "the terminal (politburo play --text --load FILE --contender ID)."
            )
        try:
            entry = sources.resolve_id(save.scenario_id, app.catalogue())
        except sources.UnknownScenario:
            raise saves.SaveError(
                f"this save is for the scenario {save.scenario_id!r}, which is not installed"
            ) from None
        if entry.scenario is None:
            raise saves.SaveError(f"its scenario cannot be loaded: {entry.error}")
        session = GameSession.resume(save, entry.scenario, path)
    except saves.SaveError as e:
        app.toast(esc(f"This save cannot be opened. {e}"))
        return False
    app.play(session)
    return True


class LoadScene(Scene):
    """The saved games, newest first; Enter or a double click loads one."""

    def layout(self, area: pygame.Rect) -> None:
        k = self.app.k
        w, h = area.size
        m = round(60 * k)
        self.heading(pygame.Rect(m, round(30 * k), w - 2 * m, round(70 * k)), "Load a game")
        self.slots: list[Slot] = list_slots(self.app.catalogue())
        items = [f"{s.name}  -  {s.summary}" for s in self.slots]
        self.list = UISelectionList(
            pygame.Rect(m, round(110 * k), w - 2 * m, h - round(230 * k)),
            items,
            self.app.ui,
            container=self.root,
        )
        if not self.slots:
            self.list.hide()
            self.lines(m, round(130 * k), w - 2 * m,
                       "No saved games yet: a game is autosaved at the end of every turn.",
                       "#muted")
        y = h - round(90 * k)
        self.add_back_button(pygame.Rect(m, y, round(200 * k), round(50 * k)))
        self.load_button = self.button(
            pygame.Rect(w - m - round(220 * k), y, round(220 * k), round(50 * k)),
            "Load",
            self.load,
            tip="Open the highlighted save (Enter).",
        )
        self.index = 0 if self.slots else -1
        self._select(self.index)

    def _select(self, index: int) -> None:
        self.index = index
        for i, item in enumerate(self.list.item_list):
            item["selected"] = i == index
            button = item.get("button_element")
            if button is not None:
                button.select() if i == index else button.unselect()
        if 0 <= index < len(self.slots) and self.slots[index].ok:
            self.load_button.enable()
        else:
            self.load_button.disable()

    def handle(self, event: pygame.event.Event) -> None:
        if event.type in (
            pygame_gui.UI_SELECTION_LIST_NEW_SELECTION,
            pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION,
        ):
            if event.ui_element is self.list:
                names = [i["text"] for i in self.list.item_list]
                self._select(names.index(event.text))
                if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
                    self.load()
                return
        super().handle(event)

    def key(self, event: pygame.event.Event) -> None:
        if event.key == pygame.K_ESCAPE:
            self.app.pop()
        elif event.key in (pygame.K_UP, pygame.K_DOWN) and self.slots:
            step = 1 if event.key == pygame.K_DOWN else -1
            self._select(max(0, min(len(self.slots) - 1, self.index + step)))
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.focused < 0:
            self.load()
        else:
            super().key(event)

    def load(self) -> None:
        if 0 <= self.index < len(self.slots):
            slot = self.slots[self.index]
            if not slot.ok:
                self.app.toast(esc(f"{slot.name} cannot be loaded: {slot.summary}"))
                return
            open_save(self.app, slot.path, slot.save)


def default_name(session: GameSession) -> str:
    """A save's name until the player types one: who they play and when ('Stalin Q3 1924')."""
    v = session.view()
    return f"{v.mine.short} {date_words(v.date)}"


class SaveScene(Overlay):
    """Name a save; an existing name asks before it is overwritten."""

    sheet_size = (680, 280)

    def layout(self, area: pygame.Rect) -> None:
        self.sheet_size = (680, round(280 * max(1.0, self.app.settings.text_scale)))
        super().layout(area)

    def __init__(self, app: Stage, session: GameSession) -> None:
        super().__init__(app)
        self.session = session

    def fill(self, inner: pygame.Rect) -> None:
        k = self.app.k
        self.heading(pygame.Rect(inner.x, inner.y, inner.w, round(44 * k)), "Save the game")
        y = self.lines(
            inner.x,
            inner.y + round(48 * k),
            inner.w,
            "Name (letters, digits, spaces, - and _). The save holds every completed turn.",
            "#muted",
        )
        entry_h = self.app.ui_font("body", 1).get_linesize() + round(14 * k)
        self.entry = UITextEntryLine(
            pygame.Rect(inner.x, y + round(6 * k), inner.w, entry_h),
            self.app.ui,
            container=self.root,
        )
        self.entry.set_text_length_limit(40)
        self.entry.set_text(default_name(self.session))
        self.entry.focus()
        self.buttons_row(inner, [("Cancel", self.app.pop), ("Save", self.save)])
        self.focused = -1

    def key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.save()
        elif event.key == pygame.K_ESCAPE:
            self.app.pop()
        else:
            super().key(event)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.save()
            return
        super().handle(event)

    def save(self) -> None:
        name = self.entry.get_text()
        try:
            path = slot_path(name)
        except saves.SaveError as e:
            self.app.toast(str(e).capitalize() + ".")
            return
        if path.exists():
            self.app.confirm(
                f"A save called <b>{path.stem}</b> exists. Replace it?",
                "Replace",
                lambda: self._write(name),
            )
        else:
            self._write(name)

    def _write(self, name: str) -> None:
        problem = self.session.save_slot(name)
        self.app.pop_to(SaveScene)
        self.app.pop()
        self.app.toast(problem or f"Saved as \u201c{slot_path(name).stem}\u201d.")

"""This turn's event cards, one at a time: what happens, the choice if it is yours, the
historical note and its source."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UILabel, UITextBox

from game.engine import ActionKind
from game.engine.view import CardInfo

from ..explain import esc
from ..stage import fitted
from .dialogs import Overlay


class CardsScene(Overlay):
    sheet_size = (900, 650)

    def __init__(self, app, board) -> None:
        super().__init__(app)
        self.board = board
        self.index = 0
        app.sound.play("stamp")

    @property
    def cards(self) -> tuple[CardInfo, ...]:
        return self.board.view.cards

    def fill(self, inner: pygame.Rect) -> None:
        k = self.app.k
        card = self.cards[self.index]
        ui, root = self.app.ui, self.root
        band = f"Event card {self.index + 1} of {len(self.cards)}"
        if card.factor:
            band += f"  ·  {card.factor_name}"
        label = UILabel(
            pygame.Rect(inner.x, inner.y, inner.w, round(30 * k)),
            "",
            ui,
            container=root,
            object_id="#muted",
        )
        label.set_text(fitted(label, band.upper()))  # a scenario's factor names can be long
        self.heading(
            pygame.Rect(inner.x, inner.y + round(30 * k), inner.w, round(56 * k)), card.title
        )
        buttons_h = round(56 * k)
        choice_h = self.app.ui_font("body").get_linesize() + round(14 * k)
        label_h = self.app.ui_font("body").get_linesize() + round(6 * k)
        gap = round(6 * k)
        decided = self.decided(card)
        choices_h = (label_h + len(card.choices) * (choice_h + gap)) if card.choices else 0
        body = [f"{esc(card.text)}"]
        if card.history:
            body.append(f"<br><br><b>History.</b> <i>{esc(card.history)}</i>")
        if card.source:
            body.append(f"<br><b>Source:</b> {esc(card.source)}")
        text_rect = pygame.Rect(
            inner.x,
            inner.y + round(92 * k),
            inner.w,
            inner.h - round(92 * k) - choices_h - buttons_h - round(12 * k),
        )
        UITextBox("".join(body), text_rect, ui, container=root)
        y = text_rect.bottom + gap
        if card.choices:
            who = "Your decision:" if card.mine_to_decide else "Another leader decides this card."
            UILabel(pygame.Rect(inner.x, y, inner.w, label_h), who, ui, container=root)
            y += label_h
            for choice_id, label in card.choices:
                index = self.option_index(card.event, choice_id)
                chosen = decided == choice_id
                b = self.button(
                    pygame.Rect(inner.x, y, inner.w, choice_h),
                    ("✓ " if chosen else "") + label,
                    lambda i=index: self.decide(i),
                    object_id="#chosen" if chosen else "#choice",
                )
                if index is None or not card.mine_to_decide:
                    b.disable()
                y += choice_h + gap
        labels = []
        if self.index > 0:
            labels.append(("Previous", lambda: self.go(-1)))
        if self.index + 1 < len(self.cards):
            labels.append(("Next card", lambda: self.go(1)))
        else:
            labels.append(("To the board", self.app.pop))
        made = self.buttons_row(inner, labels)
        self.focus_on(made[-1])

    def option_index(self, event: str, choice: str) -> int | None:
        for i, o in enumerate(self.board.session.options()):
            if (
                o.action.kind == ActionKind.DECIDE
                and o.action.target == event
                and (o.action.option == choice)
            ):
                return i
        return None

    def decided(self, card: CardInfo) -> str | None:
        for o in self.board.session.chosen():
            if o.action.kind == ActionKind.DECIDE and o.action.target == card.event:
                return o.action.option
        return None

    def decide(self, index: int | None) -> None:
        if index is None:
            return
        session = self.board.session
        # choosing again replaces the earlier decision on this card
        for i in list(session.picks):
            o = session.options()[i]
            if (
                o.action.kind == ActionKind.DECIDE
                and o.action.target == session.options()[index].action.target
            ):
                session.undo(i)
        problem = session.choose(index)
        self.board.refresh()
        if problem:
            self.app.toast(problem)
            return
        self.build()

    def go(self, step: int) -> None:
        self.index = max(0, min(len(self.cards) - 1, self.index + step))
        self.app.sound.play("stamp")
        self.build()

    def key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RIGHT, pygame.K_PAGEDOWN) and self.index + 1 < len(self.cards):
            self.go(1)
        elif event.key in (pygame.K_LEFT, pygame.K_PAGEUP) and self.index > 0:
            self.go(-1)
        else:
            super().key(event)

"""The title screen: a poster, and the way into everything else."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UILabel

from game import paths

from .. import draw
from ..stage import Scene


class TitleScene(Scene):
    def layout(self, area: pygame.Rect) -> None:
        w, h = area.size
        k = self.app.k
        bw, bh, gap = min(round(360 * k), w // 4), round(52 * k), round(14 * k)
        x = w - bw - w // 12
        y = h // 2 - (7 * (bh + gap)) // 2 + round(30 * k)
        can_continue = bool(paths.autosave_files())  # cheap: which of them is unfinished is
        # read when Continue is pressed (reading saves needs the engine, and a slow first frame)
        items = [
            ("New game", self.new_game, "Choose a scenario and a contender. (N)"),
            ("Continue", self.continue_game, "Go on with your last unfinished game. (C)"),
            ("Load", self.load, "Open a saved game. (L)"),
            ("Join a class game", self.join,
             "Take a seat in a game your teacher hosts on the classroom's network. (J)"),
            ("Encyclopedia", self.app.open_encyclopedia, "People, offices and terms. (E)"),
            ("Settings", self.settings, "Window, text size, colours, sound. (S)"),
            ("Quit", self.quit, "Close the game. (Q)"),
        ]
        for label, action, tip in items:
            b = self.button(pygame.Rect(x, y, bw, bh), label, action, tip=tip)
            if label == "Continue" and not can_continue:
                b.disable()
            y += bh + gap
        self.focused = 1 if can_continue else 0
        if self.app.notice:
            UILabel(
                pygame.Rect(40, h - 44, w - 80, 30),
                self.app.notice,
                self.app.ui,
                container=self.root,
                object_id="#muted",
            )

    def key(self, event: pygame.event.Event) -> None:
        shortcuts = {
            pygame.K_n: self.new_game,
            pygame.K_c: self.continue_game,
            pygame.K_l: self.load,
            pygame.K_j: self.join,
            pygame.K_e: self.app.open_encyclopedia,
            pygame.K_s: self.settings,
            pygame.K_q: self.quit,
            pygame.K_ESCAPE: self.quit,
        }
        action = shortcuts.get(event.key)
        if action is not None:
            action()
        else:
            super().key(event)

    def draw(self, surface: pygame.Surface) -> None:
        """The poster: a red wedge, a black disc and bars, and the title in bold capitals."""
        p = self.app.palette
        w, h = surface.get_size()
        pygame.draw.polygon(
            surface,
            p.red,
            [
                (0, h),
                (0, h * 0.35),
                (w * 0.62, h),
            ],
        )
        pygame.draw.circle(surface, p.ink, (int(w * 0.16), int(h * 0.70)), int(h * 0.2))
        pygame.draw.polygon(
            surface,
            p.ink,
            [
                (w * 0.04, h * 0.36),
                (w * 0.60, h * 0.29),
                (w * 0.605, h * 0.315),
                (w * 0.045, h * 0.385),
            ],
        )
        pygame.draw.rect(surface, p.red, (int(w * 0.63), 0, 10, h))
        size = int(h * 0.19)
        draw.text(surface, "POLITBURO", (int(w * 0.04), int(h * 0.06)), "heading", size, p.ink)
        sub = int(h * 0.042)
        draw.text(
            surface,
            "THE STRUGGLE FOR LENIN'S SUCCESSION, 1924-1929",
            (int(w * 0.045), int(h * 0.06) + size),
            "heading",
            sub,
            p.red,
        )
        draw.text(
            surface,
            "A strategy game and a history lesson",
            (int(w * 0.045), int(h * 0.06) + size + sub + 6),
            "italic",
            max(14, sub // 2),
            p.muted,
        )

    # -- actions
    def new_game(self) -> None:
        from .setup import ScenarioScene

        self.app.push(ScenarioScene(self.app))

    def continue_game(self) -> None:
        from game.resume import last_unfinished

        from .saveload import open_save

        last = last_unfinished(self.app.catalogue())
        if last is None:
            self.app.toast(
                "Every autosaved game is over. Start a new game, or open a finished one from "
                "Load to read its debrief.",
                "Continue",
            )
            return
        open_save(self.app, last.path, last.save)

    def load(self) -> None:
        from .saveload import LoadScene

        self.app.push(LoadScene(self.app))

    def join(self) -> None:
        from .join import JoinScene

        self.app.push(JoinScene(self.app))

    def settings(self) -> None:
        from .settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def quit(self) -> None:
        self.app.running = False

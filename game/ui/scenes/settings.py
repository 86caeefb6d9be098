"""Settings: window size and full screen, text size, colour palette, sound, animation speed.

The screen edits a copy of the settings; nothing changes until Apply, except the sound volume,
which is heard at once so the player can judge it (and is put back if the changes are
discarded). A preview panel shows the factions' colours and patterns in the chosen palette and
a sample of type at the chosen text size.

Keyboard: Up/Down (or Tab) move between the rows and the buttons, Left/Right change the value of
a row, Enter presses (or, on a row, steps to the next value), Esc goes back, asking first when
there are changes not yet applied. F11, which switches full screen at once anywhere in the game,
shows here in the Display row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pygame
import pygame_gui
from pygame_gui.elements import UIHorizontalSlider, UILabel, UITextBox

from .. import draw, theme
from ..settings import ANIMATION_SPEEDS, TEXT_SIZES, Settings, sizes_that_fit
from ..stage import Scene, Stage
from .dialogs import Overlay

TEXT_CHOICES = tuple(TEXT_SIZES)  # small, normal, large, largest
SPEED_CHOICES = ("off", "slow", "normal", "fast")  # slowest to fastest, whatever the dict order
PALETTE_CHOICES = (("standard", "Standard"), ("colour_blind", "Colour-blind"))
VOLUME_STEP = 10  # percent per Left/Right press
CLICK_GAP = 0.08  # seconds between the volume slider's sample clicks while it is dragged

ROW_LABELS = {
    "window": "Window size",
    "fullscreen": "Display (F11)",
    "text": "Text size",
    "palette": "Colours",
    "volume": "Sound volume",
    "speed": "Animations",
}
ROWS = tuple(ROW_LABELS)
assert set(SPEED_CHOICES) == set(ANIMATION_SPEEDS)

NOT_APPLIED = "Changes not applied yet."
SAMPLE_HEADING = "The 13th Party Congress"
SAMPLE_TEXT = (
    "The General Secretary appoints the regional secretaries, and they choose the delegates."
)


def size_text(size: tuple[int, int]) -> str:
    return f"{size[0]}×{size[1]}"


@dataclass(frozen=True)
class Swatch:
    name: str
    colour: theme.Colour
    pattern: str
    style: theme.FactionStyle | None = None  # None: the uncommitted, who have no token


@cache
def _main_contenders() -> tuple[tuple[str, str, str], ...]:
    """(short name, colour, pattern) of the main scenario's contenders, read once."""
    from game.content import loader
    from game.content.loader import ScenarioError
    from game.content.sources import DEFAULT_ID

    try:
        path = next(p for p in loader.shipped_scenarios() if p.stem == DEFAULT_ID)
        sc = loader.load_scenario(path)
    except (StopIteration, ScenarioError, OSError):
        return ()
    return tuple((c.short, c.colour, c.pattern) for c in sc.contenders)


@dataclass(frozen=True)
class _Contender:  # what theme.faction_styles reads
    colour: str
    pattern: str


def swatches(palette: theme.Palette) -> list[Swatch]:
    """The main scenario's factions as the board would draw them, and the uncommitted."""
    found = _main_contenders()
    styles = theme.faction_styles([_Contender(c, p) for _, c, p in found], palette)
    out = [
        Swatch(f"{short}: {s.pattern}", s.colour, s.pattern, s)
        for (short, _, _), s in zip(found, styles, strict=True)
    ]
    out.append(Swatch("Uncommitted: ruled grey", palette.uncommitted, "blank"))
    return out


class SettingsScene(Scene):
    def __init__(self, app: Stage) -> None:
        super().__init__(app)
        self.pending: Settings = app.settings.model_copy()
        self.base = app.settings  # what ``pending`` was made from
        self.stop = 0  # keyboard focus: a row of ROWS, then the buttons along the bottom
        self.note = ""
        self.last_click = -1.0
        self.sample_fits = True  # (drawn) the sample text fits the preview without an ellipsis

    # -- state
    @property
    def dirty(self) -> bool:
        return self.pending != self.app.settings

    def change(self, **values) -> None:
        self.pending = self.pending.model_copy(update=values)
        self.note = ""
        self.build()

    # -- layout
    def build(self) -> None:
        """Lay out again; a setting changed elsewhere meanwhile (F11) shows in its row."""
        now = self.app.settings
        if now != self.base:
            changed = {
                name: getattr(now, name)
                for name in Settings.model_fields
                if getattr(now, name) != getattr(self.base, name)
            }
            self.pending = self.pending.model_copy(update=changed)
            self.base = now
        super().build()

    @property
    def type_scale(self) -> float:
        """The scale of the widgets' type: the player's text size, grown with the window."""
        return self.app.settings.text_scale * self.app.k

    def layout(self, area: pygame.Rect) -> None:
        ui, root = self.app.ui, self.root
        w, h = area.size
        k = self.app.k  # the 1280x720 design, grown with the window

        def n(x: float) -> int:
            return round(x * k)

        body = draw.font("body", theme.font_size(self.type_scale))
        m = n(48)
        width = min(w - 2 * m, n(1400))  # a window wider than 16:9 keeps the page in the middle
        x0 = (w - width) // 2
        self.heading(pygame.Rect(x0, n(24), width, n(64)), "Settings")
        # The rows of controls on the left, the preview panel on the right.
        top, bottom = n(110), h - n(110)
        row_h = max(n(44), body.get_linesize() + n(16))
        pitch = min(row_h + n(40), (bottom - top) // len(ROWS))
        preview_w = max(n(390), int(width * 0.3))
        block_h = (len(ROWS) - 1) * pitch + row_h
        top += (bottom - top - block_h) // 4  # a taller window: the block a little lower
        self.preview = pygame.Rect(x0 + width - preview_w, top - n(6), preview_w, block_h + n(12))
        label_w = max(body.size(t)[0] for t in ROW_LABELS.values()) + n(28)
        cx = x0 + label_w
        cw = min(self.preview.left - n(56) - cx, n(720))
        self.row_rects: list[pygame.Rect] = []
        self.row_buttons: dict[str, list] = {}
        gap = n(10)
        label_h = body.get_linesize() + n(8)
        for i, row in enumerate(ROWS):
            y = top + i * pitch
            self.row_rects.append(pygame.Rect(cx, y, cw, row_h))
            UILabel(
                pygame.Rect(x0, y + (row_h - label_h) // 2, label_w - n(12), label_h),
                ROW_LABELS[row],
                ui,
                container=root,
            )
            self.row_buttons[row] = []
            if row == "window":  # the sizes that fit this screen, as buttons (keys: Left/Right)
                self.sizes = sizes_that_fit(self.app.screen)
                current = tuple(self.pending.window_size)
                if current not in self.sizes:
                    self.sizes.append(current)
                bw = (cw - (len(self.sizes) - 1) * gap) // len(self.sizes)
                for j, size in enumerate(self.sizes):
                    b = self.button(
                        pygame.Rect(cx + j * (bw + gap), y, bw, row_h),
                        size_text(size),
                        lambda size=size: self.change(window_size=size),
                        object_id="#chosen" if size == current else "#choice",
                        focusable=False,
                        tip="The window's size; drag its edge to make it any size between.",
                    )
                    self.row_buttons[row].append(b)
            elif row == "fullscreen":
                on = self.pending.fullscreen
                b = self.button(
                    pygame.Rect(cx, y, (cw - gap) // 2, row_h),
                    "Full screen" if on else "Windowed",
                    lambda: self.change(fullscreen=not self.pending.fullscreen),
                    tip="Fill the whole screen, or play in a window. (F11)",
                    object_id="#chosen" if on else "#choice",
                    focusable=False,
                )
                self.row_buttons[row].append(b)
            elif row == "volume":
                vw = body.size("100 %")[0] + n(16)
                self.slider = UIHorizontalSlider(
                    pygame.Rect(cx, y + n(4), cw - vw - n(14), row_h - n(8)),
                    round(self.pending.volume * 100),
                    (0, 100),
                    ui,
                    container=root,
                    click_increment=5,
                )
                self.volume_label = UILabel(
                    pygame.Rect(cx + cw - vw, y + (row_h - label_h) // 2, vw, label_h),
                    self.volume_text(),
                    ui,
                    container=root,
                )
            else:
                choices, current, field = {
                    "text": (
                        [(t, t.capitalize()) for t in TEXT_CHOICES],
                        self.pending.text_size,
                        "text_size",
                    ),
                    "palette": (list(PALETTE_CHOICES), self.pending.palette, "palette"),
                    "speed": (
                        [(s, s.capitalize()) for s in SPEED_CHOICES],
                        self.pending.animation_speed,
                        "animation_speed",
                    ),
                }[row]
                count = len(choices) if row == "palette" else max(len(choices), 4)
                bw = (cw - (count - 1) * gap) // count
                for j, (value, text) in enumerate(choices):
                    b = self.button(
                        pygame.Rect(cx + j * (bw + gap), y, bw, row_h),
                        text,
                        lambda f=field, v=value: self.change(**{f: v}),
                        object_id="#chosen" if value == current else "#choice",
                        focusable=False,
                        tip=self.choice_tip(row, value),
                    )
                    self.row_buttons[row].append(b)
        # Along the bottom: Back, a line about unapplied changes, Restore defaults, Apply.
        by, bh, right = h - n(80), n(52), x0 + width
        self.back_button = self.button(
            pygame.Rect(x0, by, n(200), bh),
            "Back",
            self.back,
            tip="Back to where you were. (Esc)",
            focusable=False,
        )
        self.apply_button = self.button(
            pygame.Rect(right - n(200), by, n(200), bh),
            "Apply",
            self.apply,
            tip="Use these settings now and keep them for next time.",
            focusable=False,
        )
        self.defaults_button = self.button(
            pygame.Rect(right - n(200 + 16 + 260), by, n(260), bh),
            "Restore defaults",
            self.restore_defaults,
            tip="Put every setting back to how the game came.",
            focusable=False,
        )
        if not self.dirty:
            self.apply_button.disable()
        if self.pending == Settings():
            self.defaults_button.disable()
        sx = x0 + n(200 + 24)
        sw = self.defaults_button.relative_rect.left - n(24) - sx
        status_h = body.get_linesize() + n(8)
        self.status = UILabel(
            pygame.Rect(sx, by + (bh - status_h) // 2, sw, status_h),
            self.status_text(),
            ui,
            container=root,
            object_id="#muted",
        )
        self.bottom = [self.back_button, self.defaults_button, self.apply_button]
        if self.stop >= len(ROWS) and not self.bottom[self.stop - len(ROWS)].is_enabled:
            self.stop = len(ROWS)  # Back, the one button that is always there

    def status_text(self) -> str:
        return self.note or (NOT_APPLIED if self.dirty else "")

    def volume_text(self) -> str:
        v = round(self.pending.volume * 100)
        return "Off" if v == 0 else f"{v} %"

    @staticmethod
    def choice_tip(row: str, value: str) -> str | None:
        if row == "palette":
            return {
                "standard": "The poster colours of the scenario.",
                "colour_blind": "Okabe and Ito's colours, told apart under the common kinds of "
                "colour blindness. Patterns and shapes mark the factions in both.",
            }[value]
        if row == "speed":
            return {
                "off": "No animations: votes and cards show their result at once.",
                "slow": "Half speed.",
                "normal": None,
                "fast": "Two and a half times as fast.",
            }[value]
        return None

    # -- drawing: the preview panel
    def preview_parts(self) -> tuple[int, int, int, int]:
        """The preview's swatch rows: (type size, swatch width, row height, room for the name)."""
        k, box = self.app.k, self.preview
        size = theme.font_size(self.type_scale, -1)
        row_h = max(round(26 * k), draw.font("body", size).get_linesize() + round(6 * k))
        sw_w = round(64 * k)
        room = box.width - 2 * round(20 * k) - row_h - sw_w - 2 * round(12 * k)
        return size, sw_w, row_h, room

    def draw(self, surface: pygame.Surface) -> None:
        p, k, box = self.app.palette, self.app.k, self.preview
        pygame.draw.rect(surface, p.paper_dark, box)
        pygame.draw.rect(surface, p.ink, box, max(2, round(3 * k)))
        pygame.draw.rect(surface, p.red, (box.left, box.top, box.width, round(8 * k)))
        pad = round(20 * k)
        x, y = box.left + pad, box.top + round(18 * k)
        width = box.width - 2 * pad
        head = theme.font_size(self.type_scale, 5)
        draw.text(surface, "PREVIEW", (x, y), "heading", head, p.red, max_width=width)
        y += draw.font("heading", head).get_linesize() + round(6 * k)
        # The factions in the chosen palette: token (shape), swatch (colour and pattern), name.
        size, sw_w, row_h, room = self.preview_parts()
        for s in swatches(theme.PALETTES[self.pending.palette]):
            if s.style is not None:
                draw.token(surface, (x + row_h // 2, y + row_h // 2), row_h // 2, s.style, "", p)
            r = pygame.Rect(x + row_h + round(12 * k), y, sw_w, row_h)
            surface.blit(draw.pattern_surface(r.size, s.colour, s.pattern, p.ink), r)
            pygame.draw.rect(surface, p.ink, r, 2)
            draw.text(
                surface,
                s.name,
                (r.right + round(12 * k), r.centery),
                "body",
                size,
                p.ink,
                anchor="midleft",
                max_width=room,
            )
            y += row_h + round(8 * k)
        y += round(10 * k)
        pygame.draw.line(surface, p.ink, (x, y), (box.right - pad, y), 2)
        y += round(12 * k)
        # Type at the chosen text size.
        pscale = self.pending.text_scale * k
        ph = theme.font_size(pscale, 3)
        draw.text(surface, SAMPLE_HEADING.upper(), (x, y), "heading", ph, p.ink, max_width=width)
        y += draw.font("heading", ph).get_linesize() + round(4 * k)
        rest = pygame.Rect(x, y, width, box.bottom - round(14 * k) - y)
        f = draw.font("body", theme.font_size(pscale))
        lines = len(draw.wrap(SAMPLE_TEXT, f, width))
        self.sample_fits = lines * round(f.get_linesize() * 1.25) <= rest.height
        if rest.height > 0:
            draw.paragraph(surface, SAMPLE_TEXT, rest, "body", theme.font_size(pscale), p.ink)

    def draw_over(self, surface: pygame.Surface) -> None:
        rect = self.stop_rect()
        if rect is not None:
            grow = round(10 * self.app.k)
            pygame.draw.rect(surface, self.app.palette.red, rect.inflate(grow, grow), 3)

    def stop_rect(self) -> pygame.Rect | None:
        if self.stop < len(ROWS):
            row = ROWS[self.stop]
            r = self.row_rects[self.stop]
            if self.row_buttons[row]:
                first = self.row_buttons[row][0].get_abs_rect()
                last = self.row_buttons[row][-1].get_abs_rect()
                return first.union(last)
            return r
        b = self.bottom[self.stop - len(ROWS)]
        return b.get_abs_rect() if b.visible else None

    # -- events
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element is self.slider:
            self.stop = ROWS.index("volume")
            self.set_volume(int(event.value), rebuild=False)
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            self.stop = self.stop_of(event.ui_element)
        super().handle(event)

    def stop_of(self, button) -> int:
        for i, row in enumerate(ROWS):
            if button in self.row_buttons[row]:
                return i
        if button in self.bottom:
            return len(ROWS) + self.bottom.index(button)
        return self.stop

    def key(self, event: pygame.event.Event) -> None:
        k = event.key
        stops = len(ROWS) + len(self.bottom)
        if k == pygame.K_ESCAPE:
            self.back()
        elif k in (pygame.K_DOWN, pygame.K_UP, pygame.K_TAB):
            back = k == pygame.K_UP or (k == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT)
            self.stop = (self.stop + (-1 if back else 1)) % stops
            while self.stop >= len(ROWS) and not self.bottom[self.stop - len(ROWS)].is_enabled:
                self.stop = (self.stop + (-1 if back else 1)) % stops
        elif k in (pygame.K_LEFT, pygame.K_RIGHT):
            step = -1 if k == pygame.K_LEFT else 1
            if self.stop < len(ROWS):
                self.step_row(ROWS[self.stop], step, wrap=False)
            else:
                usable = [len(ROWS) + i for i, b in enumerate(self.bottom) if b.is_enabled]
                i = usable.index(self.stop) if self.stop in usable else 0
                self.stop = usable[max(0, min(len(usable) - 1, i + step))]
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if self.stop < len(ROWS):
                self.step_row(ROWS[self.stop], 1, wrap=True)
            else:
                b = self.bottom[self.stop - len(ROWS)]
                if b.is_enabled:
                    self.app.sound.play("click")
                    self.buttons[b]()
        else:
            super().key(event)

    def step_row(self, row: str, step: int, wrap: bool) -> None:
        """Move a row's value one step (Left/Right), or on to the next (Enter, wrapping)."""

        def moved(options: list, current) -> object:
            i = options.index(current) + step
            if wrap:
                return options[i % len(options)]
            return options[max(0, min(len(options) - 1, i))]

        s = self.pending
        if row == "window":
            self.change(window_size=moved(self.sizes, tuple(s.window_size)))
        elif row == "fullscreen":
            if wrap or s.fullscreen != (step > 0):
                self.change(fullscreen=not s.fullscreen)
        elif row == "text":
            self.change(text_size=moved(list(TEXT_CHOICES), s.text_size))
        elif row == "palette":
            self.change(palette=moved([v for v, _ in PALETTE_CHOICES], s.palette))
        elif row == "speed":
            self.change(animation_speed=moved(list(SPEED_CHOICES), s.animation_speed))
        elif row == "volume":
            v = round(s.volume * 100) + step * VOLUME_STEP
            self.set_volume(v % 110 if wrap else max(0, min(100, v)), rebuild=True)

    def set_volume(self, percent: int, rebuild: bool) -> None:
        """The volume is heard at once: a click at the new level."""
        percent = max(0, min(100, percent))
        if percent == round(self.pending.volume * 100):
            return
        self.pending = self.pending.model_copy(update={"volume": percent / 100})
        self.note = ""
        self.app.sound.volume = self.pending.volume
        if self.app.clock_time - self.last_click >= CLICK_GAP or rebuild:
            self.app.sound.play("click")
            self.last_click = self.app.clock_time
        if rebuild:
            self.build()
        else:
            self.volume_label.set_text(self.volume_text())
            self.refresh_buttons()

    def refresh_buttons(self) -> None:
        """Apply, Restore defaults and the status line follow the pending settings."""
        for b, on in (
            (self.apply_button, self.dirty),
            (self.defaults_button, self.pending != Settings()),
        ):
            if on and not b.is_enabled:
                b.enable()
            elif not on and b.is_enabled:
                b.disable()
        self.status.set_text(self.status_text())

    # -- actions
    def restore_defaults(self) -> None:
        self.stop = len(ROWS) + 2  # Apply
        self.app.sound.volume = Settings().volume
        self.change(**Settings().model_dump())

    def apply(self) -> None:
        if not self.dirty:
            return
        self.app.apply_settings(self.pending.model_copy())
        self.note = "Applied, and kept for next time."
        self.stop = 0
        if self.app.top is self:  # (not when a problem with saving is shown over it)
            self.build()

    def discard(self) -> None:
        self.app.sound.volume = self.app.settings.volume
        self.pending = self.app.settings.model_copy()

    def back(self) -> None:
        if self.dirty:
            self.app.push(LeaveSettings(self.app, self))
        else:
            self.discard()
            self.app.pop()

    def leave_applying(self) -> None:
        new = self.pending.model_copy()
        self.app.pop()  # this screen
        self.app.apply_settings(new)

    def leave_discarding(self) -> None:
        self.discard()
        self.app.pop()


class LeaveSettings(Overlay):
    """Back with changes not applied: apply them, discard them, or stay."""

    sheet_size = (720, 270)
    question = (
        "You changed some settings without applying them. Use them, or leave them as they were?"
    )

    def __init__(self, app: Stage, scene: SettingsScene) -> None:
        super().__init__(app)
        self.scene = scene

    def layout(self, area: pygame.Rect) -> None:
        # Tall enough for the question's lines at this text size (in 1280x720 units).
        ts = self.app.settings.text_scale
        f = draw.font("body", theme.font_size(ts))
        lines = len(draw.wrap(self.question, f, 720 - 40 - 20))
        self.sheet_size = (720, round(32 + 52 * ts + lines * f.get_linesize() * 1.3 + 24 + 62))
        super().layout(area)

    def fill(self, inner: pygame.Rect) -> None:
        k = self.app.k
        head_h = round(48 * k * max(1.0, self.app.settings.text_scale))
        self.heading(pygame.Rect(inner.x, inner.y, inner.w, head_h), "Changes not applied")
        top = inner.y + head_h + round(4 * k)
        UITextBox(
            self.question,
            pygame.Rect(inner.x, top, inner.w, inner.bottom - round(62 * k) - top),
            self.app.ui,
            container=self.root,
        )
        actions: list[tuple[str, Callable[[], None]]] = [
            ("Keep editing", self.app.pop),
            ("Discard", self._then(self.scene.leave_discarding)),
            ("Apply", self._then(self.scene.leave_applying)),
        ]
        made = self.buttons_row(inner, actions)
        self.focus_on(made[-1])

    def _then(self, action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            self.app.pop()  # this question
            action()

        return run

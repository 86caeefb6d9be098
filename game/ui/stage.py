"""The stage the scenes play on: one pygame display, one pygame_gui manager and a stack of
scenes, and :class:`Scene`, what every screen is.

Each scene builds its widgets for the current window size in ``layout`` and is laid out again
from scratch when the window is resized or the text size changes, so no layout ever has to
stretch. Only the top scene is live: it gets the input and its widgets show. An overlay shows
the scenes below it as a dimmed picture taken when it opened. Drawing never changes the game.

The scenes know the window as a :class:`Stage`; the screens any scene can open (a message, a
question, the help, the encyclopedia, the title screen, a game's board) are the
:class:`~game.ui.app.App`'s to make, so that the scenes and the App import each other one way
only: the App imports the scenes, the scenes import this module.
"""

from __future__ import annotations

import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.core import UIContainer
from pygame_gui.elements import UILabel

from . import sound, theme
from .settings import Settings, clamp_size, save_settings

if TYPE_CHECKING:  # (the game's modules load when a game is played, not with the window)
    from game.net.report import Reporter

    from .session import GameSession

# pygame_gui loads a font style on first use and warns that it was not preloaded; loading them
# all up front would slow the first frame, so the warning is only noise.
warnings.filterwarnings("ignore", message="Finding font with id", category=UserWarning)

TITLE = "Politburo: the struggle for Lenin's succession, 1924-1929"
HOVER_DELAY = 0.45  # seconds the mouse rests on a drawn number before its tooltip appears
FRAME = (16, 96)  # what a window's frame, the title bar and a task bar take from the screen
UNKNOWN = (-1, -1)


def screen_room() -> tuple[int, int] | None:
    """The room a window has on the (first) screen: the desktop less its frame, title bar and
    the task bar; None where there is no real screen (the dummy driver tests run on)."""
    if pygame.display.get_driver() in ("dummy", "offscreen"):
        return None
    sizes = pygame.display.get_desktop_sizes()
    if not sizes:
        return None
    w, h = sizes[0]
    return (w - FRAME[0], h - FRAME[1])


def fitted(label: UILabel, text: str) -> str:
    """``text``, shortened with an ellipsis to the width of ``label`` if it is wider."""
    width = label.relative_rect.width
    if label.font is None or label.font.get_rect(text).width <= width:
        return text
    while text and label.font.get_rect(text + "…").width > width:
        text = text[:-1]
    return text.rstrip() + "…"


@dataclass
class Hotspot:
    """A drawn area (not a widget) with a tooltip, and optionally an action when clicked."""

    rect: pygame.Rect
    tip: str
    on_click: Callable[[], None] | None = None
    term: str | None = None  # an encyclopedia entry to open on a right click or I


class Scene:
    """One screen. Subclasses build widgets in :meth:`layout` inside ``self.root``."""

    overlay = False  # drawn over a dimmed picture of the scenes below

    def __init__(self, app: Stage) -> None:
        self.app = app
        self.root: UIContainer | None = None
        self.hotspots: list[Hotspot] = []
        self.buttons: dict[pygame_gui.elements.UIButton, Callable[[], None]] = {}
        self.focus: list[pygame_gui.elements.UIButton] = []  # the keyboard's order
        self.focused = -1

    # -- life cycle
    def build(self) -> None:
        """(Re)create every widget for the current window size."""
        if self.root is not None:
            self.root.kill()
        self.hotspots, self.buttons, self.focus, self.focused = [], {}, [], -1
        w, h = self.app.size
        self.root = UIContainer(pygame.Rect(0, 0, w, h), self.app.ui)
        self.layout(pygame.Rect(0, 0, w, h))

    def layout(self, area: pygame.Rect) -> None:
        """Create the widgets (subclasses)."""

    def leave(self) -> None:
        if self.root is not None:
            self.root.kill()
            self.root = None

    # -- widgets with their actions
    def button(
        self,
        rect: pygame.Rect,
        text: str,
        action: Callable[[], None],
        *,
        tip: str | None = None,
        object_id: str | None = None,
        focusable: bool = True,
        container=None,
    ) -> pygame_gui.elements.UIButton:
        b = pygame_gui.elements.UIButton(
            rect,
            text,
            self.app.ui,
            container=container or self.root,
            tool_tip_text=tip,
            object_id=object_id,
        )
        self.buttons[b] = action
        if focusable:
            self.focus.append(b)
        return b

    def lines(
        self, x: int, y: int, width: int, text: str, object_id: str | None = None, step: int = 0
    ) -> int:
        """A label wrapped onto as many lines as its text needs at the player's text size (one
        label per line: pygame_gui's labels do not wrap); returns the y below the last."""
        from . import draw

        f = self.app.ui_font("body", step)
        height = f.get_linesize() + 2
        for line in draw.wrap(text, f, width):
            UILabel(pygame.Rect(x, y, width, height), line, self.app.ui, container=self.root,
                    object_id=object_id)
            y += height
        return y

    def heading(self, rect: pygame.Rect, text: str) -> UILabel:
        """The screen's (or overlay's) title, in the poster type of ``#heading``, shortened
        with an ellipsis if it is wider than ``rect`` (a scenario's titles can be long)."""
        label = UILabel(rect, "", self.app.ui, container=self.root, object_id="#heading")
        label.set_text(fitted(label, text))
        return label

    def add_back_button(self, rect: pygame.Rect) -> pygame_gui.elements.UIButton:
        """The button that closes this screen, as Esc does."""
        return self.button(rect, "Back", self.app.pop, tip="Esc")

    def hotspot(self, rect: pygame.Rect, tip: str, **kw) -> None:
        self.hotspots.append(Hotspot(pygame.Rect(rect), tip, **kw))

    # -- events
    def handle(self, event: pygame.event.Event) -> None:
        """React to one event (after pygame_gui has seen it)."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            self.app.sound.play("click")
            self.buttons[event.ui_element]()
        elif event.type == pygame.KEYDOWN:
            self.key(event)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3):
            for spot in reversed(self.hotspots):
                if spot.rect.collidepoint(event.pos):
                    if event.button == 3 and spot.term:
                        self.app.open_encyclopedia(spot.term)
                    elif event.button == 1 and spot.on_click:
                        spot.on_click()
                    break

    def key(self, event: pygame.event.Event) -> None:
        """Keyboard play: Tab/arrows move the focus, Enter/Space press; scenes add their own."""
        if self.app.ui.get_focus_set():  # typing in a text field
            return
        k = event.key
        if k in (pygame.K_TAB, pygame.K_DOWN, pygame.K_RIGHT):
            back = k == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT
            self.move_focus(-1 if back else 1)
        elif k in (pygame.K_UP, pygame.K_LEFT):
            self.move_focus(-1)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if 0 <= self.focused < len(self.focus):
                b = self.focus[self.focused]
                if b.is_enabled and b.visible:
                    self.app.sound.play("click")
                    self.buttons[b]()
        elif k in (pygame.K_F1, pygame.K_QUESTION) or (
            k == pygame.K_SLASH and event.mod & pygame.KMOD_SHIFT
        ):
            self.app.show_help()
        elif k == pygame.K_i:
            spot = self.hotspot_at(self.app.mouse)
            if spot and spot.term:
                self.app.open_encyclopedia(spot.term)

    def move_focus(self, step: int) -> None:
        usable = [i for i, b in enumerate(self.focus) if b.is_enabled and b.visible]
        if not usable:
            return
        if self.focused not in usable:
            self.focused = usable[0 if step > 0 else -1]
        else:
            self.focused = usable[(usable.index(self.focused) + step) % len(usable)]

    def focus_on(self, button) -> None:
        if button in self.focus:
            self.focused = self.focus.index(button)

    def hotspot_at(self, pos: tuple[int, int]) -> Hotspot | None:
        for spot in reversed(self.hotspots):
            if spot.rect.collidepoint(pos):
                return spot
        return None

    # -- frames
    def update(self, dt: float) -> None:
        """Advance animations by ``dt`` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what is not a widget, under the widgets."""

    def draw_over(self, surface: pygame.Surface) -> None:
        """Draw above the widgets: the keyboard focus ring."""
        if 0 <= self.focused < len(self.focus):
            b = self.focus[self.focused]
            if b.visible and b.alive():
                r = b.get_abs_rect().inflate(8, 8)
                pygame.draw.rect(surface, self.app.palette.red, r, 3)


@dataclass
class Tooltip:
    """The tooltip of the drawn area under the mouse, shown after it has rested there."""

    spot: Hotspot | None = None
    since: float = 0.0
    widget: object | None = None

    def clear(self) -> None:
        if self.widget is not None:
            self.widget.kill()
        self.widget, self.spot = None, None


@dataclass
class Stage(ABC):
    """The game window and its scene stack; the :class:`~game.ui.app.App` adds the screens any
    scene can open (the methods left abstract here)."""

    settings: Settings = field(default_factory=Settings)
    notice: str | None = None
    scenes: list[Scene] = field(default_factory=list)
    running: bool = True
    clock_time: float = 0.0
    _catalogue: object = None
    mouse: tuple[int, int] = (-1, -1)  # where the mouse is, from the events seen
    screen: tuple[int, int] | None = UNKNOWN  # room for a window on the screen (None: no limit)
    _later: list[Callable[[], None]] = field(default_factory=list)
    player_name: str | None = None  # from `politburo play --name`: filled in at setup
    reporter: Reporter | None = None  # from `politburo play --class`: every game reports to it
    _mute_text: bool = False  # the key that opened a screen is down: it types nothing there

    def __post_init__(self) -> None:
        pygame.display.init()
        pygame.font.init()
        if self.screen == UNKNOWN:
            self.screen = screen_room()
        self.window = self._open_window()
        self.palette = theme.PALETTES[self.settings.palette]
        self.ui = self._make_manager()
        self.sound = sound.Sound(self.settings.volume)
        self.tooltip = Tooltip()
        self.frame_count = 0

    # -- the window
    def _open_window(self) -> pygame.Surface:
        pygame.display.set_caption(TITLE)
        flags = pygame.RESIZABLE
        size = clamp_size(self.settings.window_size, self.screen)
        if self.settings.fullscreen:
            flags |= pygame.FULLSCREEN
            size = (0, 0)
        return pygame.display.set_mode(size, flags)  # smaller sizes are clamped in resized()

    @property
    def size(self) -> tuple[int, int]:
        return self.window.get_size()

    @property
    def k(self) -> float:
        """How much bigger than the 1280x720 design the window is: layouts multiply by it."""
        w, h = self.size
        return min(w / 1280, h / 720)

    @property
    def type_scale(self) -> float:
        """The scale of the widgets' type: the player's text size, grown with the window."""
        return self.settings.text_scale * self.k

    def ui_font(self, kind: str = "body", step: int = 0) -> pygame.font.Font:
        """The font pygame_gui's theme gives widgets of this kind and size step (to measure a
        widget's text before it is made)."""
        from . import draw

        return draw.font(kind, theme.font_size(self.type_scale, step))

    def _make_manager(self) -> pygame_gui.UIManager:
        return pygame_gui.UIManager(self.size, theme.ui_theme(self.palette, self.type_scale), False)

    def rebuild(self) -> None:
        """Lay every scene out again (new size, text size or palette)."""
        self.tooltip.clear()
        for s in self.scenes:
            s.leave()
        self.palette = theme.PALETTES[self.settings.palette]
        self.ui = self._make_manager()
        for s in self.scenes:
            if s.overlay:
                s.backdrop = None  # pictured again from the scenes just rebuilt below it
            s.build()
            self._draw_alone(s)
        self._sync_visibility()

    def apply_settings(self, new: Settings) -> None:
        """Use and keep new settings; reopen the window if its size or mode changed."""
        old, self.settings = self.settings, new
        self.sound.volume = new.volume
        if (old.window_size, old.fullscreen) != (new.window_size, new.fullscreen):
            self.window = self._open_window()
        if (old.text_size, old.palette, old.window_size, old.fullscreen) != (
            new.text_size,
            new.palette,
            new.window_size,
            new.fullscreen,
        ):
            self.rebuild()
        problem = save_settings(new)
        if problem:
            self.toast(problem)

    def resized(self, size: tuple[int, int]) -> None:
        size = clamp_size(size, self.screen)
        if size != self.size:
            self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.rebuild()

    # -- the scene stack
    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def push(self, scene: Scene) -> Scene:
        self.tooltip.clear()
        if scene.overlay:  # the picture the overlay shows behind itself
            self.ui.update(0.0)
            self.draw(focus_ring=False)
        self.scenes.append(scene)
        scene.build()
        self._sync_visibility()
        return scene

    def pop(self) -> None:
        self.tooltip.clear()
        if self.scenes:
            self.scenes.pop().leave()
        self._sync_visibility()

    def replace(self, scene: Scene) -> Scene:
        """Leave every scene and show ``scene`` alone."""
        self.tooltip.clear()
        while self.scenes:
            self.scenes.pop().leave()
        return self.push(scene)

    def _draw_alone(self, scene: Scene) -> None:
        """Draw one scene with its widgets into the window (for the picture behind overlays)."""
        for s in self.scenes:
            if s.root is not None:
                s.root.show() if s is scene else s.root.hide()
        self.window.fill(self.palette.paper)
        scene.draw(self.window)
        self.ui.update(0.0)
        self.ui.draw_ui(self.window)

    def _sync_visibility(self) -> None:
        """Only the top scene's widgets show; an overlay shows the scenes below as a picture."""
        for s in self.scenes:
            if s.root is not None:
                s.root.show() if s is self.top else s.root.hide()

    def pop_to(self, kind: type[Scene]) -> Scene | None:
        """Pop overlays until a scene of ``kind`` is on top."""
        while self.scenes and not isinstance(self.top, kind):
            self.pop()
        return self.top

    def catalogue(self):
        """Every scenario the game can find (loaded once, when first needed)."""
        from game.content import sources

        if self._catalogue is None:
            self._catalogue = sources.discover()
        return self._catalogue

    # -- the screens any scene can open (the App's)
    @abstractmethod
    def open_encyclopedia(self, entry: str | None = None) -> None:
        """Open the encyclopedia (at ``entry``, an article's id)."""

    @abstractmethod
    def show_help(self) -> None:
        """Show the keys and the mouse, and how the game being played is won."""

    @abstractmethod
    def confirm(self, question: str, yes: str, on_yes: Callable[[], None],
                no: str = "Cancel") -> None:
        """Ask ``question``; ``on_yes`` runs if the player presses ``yes``."""

    @abstractmethod
    def toast(self, message: str, title: str = "Note") -> None:
        """Show a message with an OK button."""

    @abstractmethod
    def home(self) -> None:
        """Leave every scene for the title screen."""

    @abstractmethod
    def play(self, session: GameSession) -> Scene:
        """Show ``session``'s board, with the title screen under it; the board."""

    def push_later(self, action: Callable[[], None]) -> None:
        """Run ``action`` after this frame's events (for scenes that open another on entry)."""
        self._later.append(action)

    # -- frames
    def step(self, events: list[pygame.event.Event], dt: float) -> None:
        """Handle ``events``, advance ``dt`` seconds and draw one frame."""
        self.clock_time += dt
        for event in events:
            if event.type == pygame.QUIT:
                self.running = False
                continue
            if event.type == pygame.MOUSEMOTION or event.type in (
                pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP
            ):
                self.mouse = event.pos
            elif event.type == pygame.WINDOWLEAVE:
                self.mouse = (-1, -1)
            if event.type == pygame.VIDEORESIZE:
                self.resized(event.size)
                continue
            if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
                fullscreen = not self.settings.fullscreen
                self.apply_settings(self.settings.model_copy(update={"fullscreen": fullscreen}))
                continue
            if event.type == pygame.KEYUP:
                self._mute_text = False
            elif event.type == pygame.TEXTINPUT and self._mute_text:
                continue  # the letter of the key that opened this screen (S for Save)
            before = self.top
            consumed = self.ui.process_events(event)
            if self.top is None:
                continue
            if consumed and event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
                continue
            self.top.handle(event)
            if event.type == pygame.KEYDOWN and self.top is not before:
                self._mute_text = True
        while self._later:
            self._later.pop(0)()
        self.ui.update(dt)
        for s in self.scenes:
            s.update(dt)
        self._update_tooltip()
        self.draw()
        self.frame_count += 1

    def draw(self, focus_ring: bool = True) -> None:
        surface = self.window
        surface.fill(self.palette.paper)
        if self.top is not None:
            self.top.draw(surface)
        self.ui.draw_ui(surface)
        if self.top is not None and focus_ring:
            self.top.draw_over(surface)

    def _update_tooltip(self) -> None:
        top = self.top
        pos = self.mouse
        spot = top.hotspot_at(pos) if top else None
        if spot is None:
            if self.tooltip.spot is not None:
                self.tooltip.clear()
            return
        if spot is not self.tooltip.spot:
            self.tooltip.clear()
            self.tooltip.spot, self.tooltip.since = spot, self.clock_time
        elif self.tooltip.widget is None and self.clock_time - self.tooltip.since >= HOVER_DELAY:
            tip = spot.tip + (
                "<br><i>Right-click or press I: read about it.</i>" if spot.term else ""
            )
            self.tooltip.widget = self.ui.create_tool_tip(
                tip, (pos[0], pos[1]), (0, 20), None, None
            )

    def run(self, after_first_frame: Callable[[], object] | None = None) -> None:
        """The main loop, until the window is closed or Quit is chosen; ``after_first_frame``
        is called once the first frame is on the screen (work that must not delay it)."""
        clock = pygame.time.Clock()
        while self.running:
            dt = clock.tick(60) / 1000.0
            self.step(pygame.event.get(), dt)
            pygame.display.flip()
            if after_first_frame is not None:
                after_first_frame()
                after_first_frame = None
        pygame.quit()

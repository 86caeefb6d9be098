"""The settings screen, driven by real clicks and keys: choose, apply, keep; leave with or
without applying; and a layout with no overlap and no clipped text at every size."""

from __future__ import annotations

import itertools
import json

import pygame
import pytest
from pygame_gui.core import UIContainer
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox

from game.ui import draw
from game.ui.app import App
from game.ui.scenes.settings import LeaveSettings, SettingsScene, swatches
from game.ui.scenes.title import TitleScene
from game.ui.settings import TEXT_SIZES, Settings
from game.ui.theme import PALETTES

SIZES = [(1280, 720), (1920, 1080)]


def open_settings(ui) -> SettingsScene:
    """From the title screen, by a click."""
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.click_button("Settings")
    assert isinstance(ui.scene, SettingsScene)
    return ui.scene


def saved(home) -> dict:
    return json.loads((home / "settings.json").read_text())


# -- layout: shared with the encyclopedia's tests


def widgets(scene) -> list:
    """The scene's own visible widgets (not the inner parts of a slider or a text box)."""
    elements = scene.root.elements
    parts = {id(getattr(e, "scroll_bar", None)) for e in elements}
    return [
        e
        for e in elements
        if e.visible and e.alive() and type(e) is not UIContainer and id(e) not in parts
    ]


def layout_problems(app: App) -> list[str]:
    """Every pair of the top scene's widgets that overlap, every widget out of the window,
    and every label or button whose text does not fit its rect (pygame_gui clips silently)."""
    problems = []
    window = pygame.Rect((0, 0), app.size)
    sheet = getattr(app.top, "sheet", None)  # an overlay's sheet holds all its widgets
    found = widgets(app.top)
    for e in found:
        r = e.get_abs_rect()
        if not window.contains(r):
            problems.append(f"{type(e).__name__} {r} is outside the window {window.size}")
        if sheet is not None and not isinstance(e, UIPanel) and not sheet.contains(r):
            problems.append(f"{type(e).__name__} {r} is outside the sheet {sheet}")
    # Panels are backgrounds: what lies on them does not count as overlapping.
    for a, b in itertools.combinations([e for e in found if not isinstance(e, UIPanel)], 2):
        if a.get_abs_rect().colliderect(b.get_abs_rect()):
            problems.append(
                f"{type(a).__name__} {getattr(a, 'text', '')!r} {a.get_abs_rect()} overlaps "
                f"{type(b).__name__} {getattr(b, 'text', '')!r} {b.get_abs_rect()}"
            )
    for e in found:
        if isinstance(e, UILabel | UIButton) and e.text:
            tw, th = e.font.size(e.text)
            pad = 2 * e.text_horiz_alignment_padding if isinstance(e, UIButton) else 0
            r = e.get_abs_rect()
            if tw + pad > r.width or th > r.height:
                problems.append(
                    f"{type(e).__name__} {e.text!r} needs {tw + pad}x{th}, has {r.width}x{r.height}"
                )
    return problems


def resize(ui, size, text_size) -> None:
    """The window at ``size`` with ``text_size`` (as the settings screen applies them)."""
    ui.app.apply_settings(Settings(window_size=size, text_size=text_size))
    ui.frames()


# -- opening, choosing and applying


def test_open_from_title_and_back_without_changes(ui):
    scene = open_settings(ui)
    assert not scene.apply_button.is_enabled  # nothing to apply yet
    ui.press(pygame.K_ESCAPE)
    assert isinstance(ui.scene, TitleScene)


def test_change_text_size_and_palette_then_apply(ui, home):
    scene = open_settings(ui)
    ui.click_button("Large")
    ui.click_button("Colour-blind")
    assert scene.pending.text_size == "large" and scene.pending.palette == "colour_blind"
    assert ui.app.settings.text_size == "normal"  # nothing changes before Apply
    assert scene.status.text == "Changes not applied yet."
    ui.click_button("Apply")
    assert ui.app.settings.text_size == "large"
    assert ui.app.settings.palette == "colour_blind"
    assert ui.app.palette.name == "colour_blind"
    assert saved(home)["text_size"] == "large"
    assert saved(home)["palette"] == "colour_blind"
    # The screen was laid out again at the new text size, and stays open.
    assert ui.scene is scene
    assert not scene.apply_button.is_enabled
    assert "Applied" in scene.status.text
    ui.press(pygame.K_ESCAPE)
    assert isinstance(ui.scene, TitleScene)


def test_keyboard_only(ui, home):
    scene = open_settings(ui)
    assert scene.stop == 0  # the window size row
    ui.press(pygame.K_DOWN)
    ui.press(pygame.K_DOWN)  # text size
    ui.press(pygame.K_RIGHT)
    assert scene.pending.text_size == "large"
    ui.press(pygame.K_DOWN)  # colours
    ui.press(pygame.K_RETURN)
    assert scene.pending.palette == "colour_blind"
    ui.press(pygame.K_DOWN)  # volume
    ui.press(pygame.K_LEFT)
    assert scene.pending.volume == pytest.approx(0.5)
    ui.press(pygame.K_DOWN)  # animation speed
    ui.press(pygame.K_LEFT)
    assert scene.pending.animation_speed == "slow"
    ui.press(pygame.K_DOWN)  # Back
    ui.press(pygame.K_RIGHT)  # Restore defaults
    ui.press(pygame.K_RIGHT)  # Apply
    ui.press(pygame.K_RETURN)
    assert ui.app.settings.text_size == "large"
    assert ui.app.settings.animation_speed == "slow"
    assert saved(home)["volume"] == pytest.approx(0.5)


def test_window_size_by_its_buttons_and_keys(ui, home):
    scene = open_settings(ui)
    assert [b.text for b in scene.row_buttons["window"]] == [
        "1280×720", "1366×768", "1600×900", "1920×1080"
    ]
    ui.click_button("1920×1080")
    assert ui.scene.pending.window_size == (1920, 1080)
    ui.press(pygame.K_LEFT)  # the window row has the keyboard: one size smaller
    assert ui.scene.pending.window_size == (1600, 900)
    ui.press(pygame.K_RIGHT)
    ui.click_button("Apply")
    assert ui.app.size == (1920, 1080)
    assert tuple(saved(home)["window_size"]) == (1920, 1080)
    assert layout_problems(ui.app) == []


def test_only_the_sizes_that_fit_the_screen_are_offered():
    from game.ui.settings import clamp_size, sizes_that_fit

    assert sizes_that_fit((1366, 700)) == [(1366, 700)]  # none fits: the room itself
    assert sizes_that_fit((1600, 900)) == [(1280, 720), (1366, 768), (1600, 900)]
    assert sizes_that_fit(None)[-1] == (1920, 1080)
    assert clamp_size((1920, 1080), (1366, 700)) == (1366, 700)
    assert clamp_size((640, 400), (1366, 700)) == (1280, 700)
    assert clamp_size((640, 400), (1024, 640)) == (1024, 640)  # a small screen: all there is
    assert clamp_size((640, 400), None) == (1280, 720)


def test_a_window_never_larger_than_the_screen(ui):
    small = App(settings=Settings(window_size=(1920, 1080)), screen=(1350, 700))
    assert small.size == (1350, 700)
    small.resized((2000, 1200))
    assert small.size == (1350, 700)
    small.resized((900, 500))  # dragged smaller: as small as the layouts allow on this screen
    assert small.size == (1280, 700)


def test_fullscreen_toggle_and_f11(ui, home):
    scene = open_settings(ui)
    ui.click_button("Windowed")  # the toggle shows the mode
    assert scene.pending.fullscreen is True
    assert ui.button("Full screen").is_enabled
    assert ui.app.settings.fullscreen is False  # until Apply
    ui.click_button("Full screen")
    assert scene.pending.fullscreen is False
    assert not scene.dirty
    # F11 switches at once, anywhere; the screen's toggle follows.
    ui.press(pygame.K_F11)
    assert ui.app.settings.fullscreen is True
    assert ui.scene is scene
    assert scene.pending.fullscreen is True and not scene.dirty
    assert ui.button("Full screen").is_enabled
    assert saved(home)["fullscreen"] is True
    ui.press(pygame.K_F11)
    assert ui.app.settings.fullscreen is False
    assert ui.button("Windowed").is_enabled


def test_volume_slider_plays_the_click(ui, monkeypatch):
    played = []
    monkeypatch.setattr(ui.app.sound, "play", played.append)
    scene = open_settings(ui)
    before = scene.pending.volume
    ui.click(scene.slider.right_button)
    ui.frames()
    assert scene.pending.volume > before
    assert scene.volume_label.text == f"{round(scene.pending.volume * 100)} %"
    assert ui.app.sound.volume == scene.pending.volume  # heard at once
    assert "click" in played
    assert scene.apply_button.is_enabled


def test_back_with_changes_asks_then_discards(ui, home):
    scene = open_settings(ui)
    ui.click(scene.slider.left_button)
    ui.click_button("Small")
    ui.press(pygame.K_ESCAPE)
    assert isinstance(ui.scene, LeaveSettings)
    ui.press(pygame.K_ESCAPE)  # keep editing
    assert ui.scene is scene
    ui.click_button("Back")
    assert isinstance(ui.scene, LeaveSettings)
    ui.click_button("Discard")
    assert isinstance(ui.scene, TitleScene)
    assert ui.app.settings == Settings()
    assert ui.app.sound.volume == Settings().volume  # the trial volume is put back
    assert not (home / "settings.json").exists()


def test_back_with_changes_asks_then_applies(ui, home):
    open_settings(ui)
    ui.click_button("Fast")
    ui.click_button("Back")
    ui.click_button("Apply")  # the question's Apply
    assert isinstance(ui.scene, TitleScene)
    assert ui.app.settings.animation_speed == "fast"
    assert saved(home)["animation_speed"] == "fast"


def test_restore_defaults(ui, home):
    ui.app.apply_settings(Settings(text_size="largest", palette="colour_blind", volume=0.1))
    scene = open_settings(ui)
    assert scene.defaults_button.is_enabled
    ui.click_button("Restore defaults")
    assert scene.pending == Settings()
    ui.click_button("Apply")
    assert ui.app.settings == Settings()
    assert saved(home)["text_size"] == "normal"


def test_preview_follows_the_chosen_palette(ui):
    scene = open_settings(ui)
    box = scene.preview
    before = ui.app.window.subsurface(box).copy()
    ui.click_button("Colour-blind")
    ui.frames()
    after = ui.app.window.subsurface(box).copy()
    assert pygame.image.tobytes(before, "RGB") != pygame.image.tobytes(after, "RGB")


# -- layout at both window sizes and every text size


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", list(TEXT_SIZES))
def test_layout_fits(ui, size, text_size):
    resize(ui, size, text_size)
    scene = ui.app.push(SettingsScene(ui.app))
    # The longest texts: a change made, so the status line shows.
    scene.change(text_size="largest" if text_size != "largest" else "small")
    ui.frames()
    assert ui.app.size == size
    assert layout_problems(ui.app) == []
    # The rows and the preview stay clear of each other and of the buttons.
    for r in scene.row_rects:
        assert not r.colliderect(scene.preview)
        assert r.bottom < scene.back_button.get_abs_rect().top
    assert scene.preview.bottom < scene.back_button.get_abs_rect().top
    # The preview's drawn names fit, and its sample text at every text size.
    size, _, _, room = scene.preview_parts()
    f = draw.font("body", size)
    for palette in PALETTES.values():
        for swatch in swatches(palette):
            assert f.size(swatch.name)[0] <= room, swatch.name
    for pending in TEXT_SIZES:
        scene.change(text_size=pending)
        ui.frames(1)
        assert scene.sample_fits, pending
    scene.change(palette="colour_blind")
    ui.press(pygame.K_ESCAPE)
    assert isinstance(ui.scene, LeaveSettings)
    assert layout_problems(ui.app) == []
    boxes = [e for e in widgets(ui.scene) if isinstance(e, UITextBox)]
    assert boxes and all(b.scroll_bar is None for b in boxes)  # the question fits its box

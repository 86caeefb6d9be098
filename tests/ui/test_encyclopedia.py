"""The encyclopedia, driven by real clicks, keys and typing: open it from the title screen,
search, open an article, follow a link and come back; open it on a name from the game; and a
layout with no overlap and no clipped text at every size."""

from __future__ import annotations

import pygame
import pytest

from game.content.encyclopedia import load_encyclopedia
from game.ui import draw
from game.ui.scenes import encyclopedia as enc_scene
from game.ui.scenes.encyclopedia import EncyclopediaScene
from game.ui.scenes.title import TitleScene
from game.ui.settings import TEXT_SIZES

from .test_settings import SIZES, layout_problems, resize

ENC = load_encyclopedia()


def open_encyclopedia(ui) -> EncyclopediaScene:
    """From the title screen, by a click."""
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.click_button("Encyclopedia")
    assert isinstance(ui.scene, EncyclopediaScene)
    return ui.scene


def link_point(box, href: str) -> tuple[int, int]:
    """Where a link with this target is drawn in a text box, on the screen."""
    base_x, base_y = box._calculate_hyperlinks_offsets()
    for chunk in box.link_hover_chunks:
        if chunk.href == href:
            rect = pygame.Rect((base_x + chunk.x, base_y + chunk.y), chunk.size)
            if box.get_abs_rect().contains(rect):
                return rect.center
    raise AssertionError(f"no visible link to {href!r}")


def row_point(scene: EncyclopediaScene, entry_id: str) -> tuple[int, int]:
    row = next(r for r in scene.rows if r.entry is not None and r.entry.id == entry_id)
    rect = scene.row_screen_rect(row)
    assert scene.list_rect.contains(rect), "the row is scrolled out of view"
    return rect.center


def test_open_from_title_shows_the_index_and_every_entry(ui):
    scene = open_encyclopedia(ui)
    assert scene.current is None  # the index page
    assert "THE STRUGGLE, A TO Z" in scene.article.html_text
    listed = [r.entry.id for r in scene.rows if r.entry is not None]
    assert sorted(listed) == sorted(e.id for e in ENC.entries)
    headings = [r.lines[0] for r in scene.rows if r.entry is None]
    assert headings == ["People", "Offices", "Organs", "Terms"]
    ui.press(pygame.K_ESCAPE)
    assert isinstance(ui.scene, TitleScene)


def test_search_open_follow_a_link_and_go_back(ui):
    scene = open_encyclopedia(ui)
    ui.click(scene.search)
    ui.type("testament")
    assert scene.query == "testament"
    first = scene.entries()[0]
    assert first.id == "lenins_testament"
    assert len(scene.entries()) < len(ENC)
    assert scene.rows[0].lines[0].endswith("matches") or scene.rows[0].lines[0].endswith("match")
    ui.click(row_point(scene, "lenins_testament"))
    assert scene.current == "lenins_testament"
    assert ENC.get("lenins_testament").title.upper() in scene.article.html_text
    # Follow the first link in the article's text.
    target = ENC.links(ENC.get("lenins_testament"))[0]
    ui.click(link_point(ui.scene.article, target))
    ui.frames()
    assert ui.scene is scene
    assert scene.current == target
    assert ENC.get(target).title.upper() in scene.article.html_text
    assert ui.button("Previous article").is_enabled
    # Back along the link: Backspace (after leaving the search box), then the button.
    ui.click(link_point(scene.article, ENC.links(ENC.get(target))[0]))
    ui.frames()
    third = scene.current
    assert third not in (target, "lenins_testament")
    ui.press(pygame.K_BACKSPACE)
    assert scene.current == target
    ui.click_button("Previous article")
    assert scene.current == "lenins_testament"
    ui.click_button("Previous article")
    assert scene.current is None  # the index, where the reading began
    assert not ui.button("Previous article").is_enabled
    ui.click_button("Back")
    assert isinstance(ui.scene, TitleScene)


def test_keyboard_only(ui):
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.press(pygame.K_e)
    scene = ui.scene
    assert isinstance(scene, EncyclopediaScene)
    order = [e.id for e in scene.entries()]
    assert scene.selected == order[0]
    ui.press(pygame.K_DOWN)
    ui.press(pygame.K_DOWN)
    ui.press(pygame.K_UP)
    assert scene.selected == order[1]
    ui.press(pygame.K_RETURN)
    assert scene.current == order[1]
    # End goes to the last entry, scrolling the list so it can be seen.
    ui.press(pygame.K_END)
    assert scene.selected == order[-1]
    assert scene.offset > 0
    row_point(scene, order[-1])
    ui.press(pygame.K_HOME)
    assert scene.offset == 0
    # "/" goes to the search box; typing filters; Up/Down and Enter still work there.
    ui.press(pygame.K_SLASH, unicode="/")
    assert scene.search.is_focused
    ui.type("nep")
    assert scene.search.get_text() == "nep"
    found = [e.id for e in scene.entries()]
    assert found[0] == "nep"
    ui.press(pygame.K_DOWN)
    ui.press(pygame.K_UP)
    ui.press(pygame.K_RETURN)
    assert scene.current == "nep"
    assert not scene.search.is_focused
    # The numbered "see also" links.
    ui.press(pygame.K_1)
    assert scene.current == ENC.get("nep").see_also[0]
    ui.press(pygame.K_BACKSPACE)
    assert scene.current == "nep"
    # Esc in the search box leaves it; Esc again goes back.
    ui.press(pygame.K_TAB)
    assert scene.search.is_focused
    ui.press(pygame.K_ESCAPE)
    assert not scene.search.is_focused
    assert isinstance(ui.scene, EncyclopediaScene)
    ui.press(pygame.K_ESCAPE)
    assert isinstance(ui.scene, TitleScene)


def test_every_link_of_an_article_can_be_followed_by_keys(ui):
    """Left/Right mark each link in turn (see also, then the words linked in the text), going
    round; Enter follows the marked one; 1-9 follow the first nine; Up/Down give Enter back to
    the list."""
    stalin = ENC.get("stalin")
    links = list(dict.fromkeys([*stalin.see_also, *ENC.links(stalin)]))
    assert len(links) > 9 and len(links) > len(stalin.see_also)  # the case that needs it
    scene = open_encyclopedia(ui)
    ui.press(pygame.K_SLASH, unicode="/")
    ui.type("stalin")
    ui.press(pygame.K_RETURN)
    assert scene.current == "stalin"

    def links_shown() -> str:  # the side column, or the article's end on a narrow window
        return (scene.side or scene.article).html_text

    assert "LINKED IN THE TEXT" in links_shown() and "→" not in links_shown()
    ui.press(pygame.K_LEFT)  # from nothing marked, Left marks the last
    assert scene.link == len(links) - 1
    assert "→" in links_shown()
    shown = scene.side or scene.article
    if shown.scroll_bar is not None:  # the marked line is scrolled into view
        base_x, base_y = shown._calculate_hyperlinks_offsets()
        line = [c for c in shown.link_hover_chunks if c.href == links[-1]][-1]
        assert shown.get_abs_rect().contains(
            pygame.Rect((base_x + line.x, base_y + line.y), line.size)
        )
    ui.press(pygame.K_RETURN)
    assert scene.current == links[-1]  # a link past the nine numbered ones
    ui.press(pygame.K_BACKSPACE)
    assert scene.current == "stalin" and scene.link is None
    for _ in range(len(links) + len(stalin.see_also)):  # round once, then into the text links
        ui.press(pygame.K_RIGHT)
    assert scene.link == len(stalin.see_also) - 1
    ui.press(pygame.K_RIGHT)
    ui.press(pygame.K_RETURN)
    assert scene.current == links[len(stalin.see_also)]  # the first link found in the text
    ui.press(pygame.K_BACKSPACE)
    ui.press(pygame.K_5)
    assert scene.current == links[4]
    ui.press(pygame.K_BACKSPACE)
    ui.press(pygame.K_RIGHT)
    ui.press(pygame.K_DOWN)  # back to the list: Enter opens the list's entry
    assert scene.link is None
    ui.press(pygame.K_RETURN)
    assert scene.current == scene.selected


def test_a_search_that_finds_nothing(ui):
    scene = open_encyclopedia(ui)
    ui.press(pygame.K_SLASH, unicode="/")
    ui.type("zzzq")
    assert scene.entries() == []
    assert scene.selected is None
    ui.press(pygame.K_RETURN)  # nothing to open: nothing happens
    assert scene.current is None
    for _ in range(4):
        ui.press(pygame.K_BACKSPACE, unicode="")  # deleting in the box, not going back
    assert isinstance(ui.scene, EncyclopediaScene)
    assert scene.search.get_text() == ""
    assert len(scene.entries()) == len(ENC)


def test_page_down_scrolls_a_long_article(ui):
    resize(ui, (1280, 720), "largest")
    ui.app.open_encyclopedia("general_secretary")
    ui.frames()
    bar = ui.scene.article.scroll_bar
    assert bar is not None  # too long for the box at this size
    ui.press(pygame.K_PAGEDOWN)
    assert bar.start_percentage > 0
    ui.press(pygame.K_PAGEUP)
    assert bar.start_percentage == 0


def test_resting_on_a_row_shows_its_summary(ui):
    scene = open_encyclopedia(ui)
    first = next(r.entry.id for r in scene.rows if r.entry is not None)  # in view at the top
    ui.move(row_point(scene, first))
    ui.frames(30)  # longer than the tooltip's delay
    assert ui.app.tooltip.widget is not None
    assert ui.app.tooltip.spot.tip.startswith(ENC.get(first).summary[:20])


def test_mouse_wheel_scrolls_the_list(ui):
    scene = open_encyclopedia(ui)
    ui.move(scene.list_rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False))
    ui.frames()
    assert scene.offset > 0
    before = scene.offset
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
    ui.frames()
    assert scene.offset < before


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("stalin", "stalin"),
        ("Stalin", "stalin"),
        ("General Secretary", "general_secretary"),
        ("politburo", "politburo"),
        ("Lenin's Testament", "lenins_testament"),
    ],
)
def test_opened_on_a_name_from_the_game(ui, name, expected):
    ui.app.push(TitleScene(ui.app))
    ui.app.open_encyclopedia(name)
    ui.frames()
    scene = ui.scene
    assert scene.current == expected
    assert scene.selected == expected
    row_point(scene, expected)  # the list shows it
    ui.press(pygame.K_ESCAPE)
    assert isinstance(ui.scene, TitleScene)


@pytest.mark.parametrize("name", ["no_such_thing", "[[x]] <b>", "a" * 500])
def test_an_unknown_name_opens_the_index_with_a_note(ui, name):
    ui.app.push(TitleScene(ui.app))
    ui.app.open_encyclopedia(name)
    ui.frames()
    scene = ui.scene
    assert isinstance(scene, EncyclopediaScene)
    assert scene.current is None
    assert "There is no article on" in scene.article.html_text
    assert "<b>" not in scene.note or "&lt;b&gt;" in scene.article.html_text
    assert len(scene.note) < 80
    assert layout_problems(ui.app) == []
    ui.press(pygame.K_DOWN)
    ui.press(pygame.K_RETURN)
    assert scene.current is not None


@pytest.mark.parametrize("name", [None, "", "   "])
def test_no_name_opens_the_index(ui, name):
    ui.app.push(TitleScene(ui.app))
    ui.app.open_encyclopedia(name)
    ui.frames()
    assert ui.scene.current is None and ui.scene.note == ""


def test_right_click_on_a_term_elsewhere_opens_it(ui):
    """A drawn area with a term, as the board has them, opens its entry on a right click."""
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.scene.hotspot(pygame.Rect(10, 10, 50, 50), "The General Secretary", term="general_secretary")
    ui.click((30, 30), button=3)
    assert isinstance(ui.scene, EncyclopediaScene)
    assert ui.scene.current == "general_secretary"


def test_a_broken_encyclopedia_is_a_message_not_a_crash(ui, monkeypatch):
    monkeypatch.setattr(enc_scene, "encyclopedia", lambda: (None, "encyclopedia.yaml: bad"))
    ui.app.push(TitleScene(ui.app))
    ui.app.open_encyclopedia("stalin")
    ui.frames()
    scene = ui.scene
    assert "cannot be read" in scene.article.html_text
    ui.press(pygame.K_DOWN)
    ui.press(pygame.K_RETURN)
    ui.press(pygame.K_SLASH, unicode="/")
    ui.type("x")
    ui.press(pygame.K_ESCAPE)
    ui.press(pygame.K_ESCAPE)
    assert isinstance(ui.scene, TitleScene)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", list(TEXT_SIZES))
def test_layout_fits(ui, size, text_size):
    resize(ui, size, text_size)
    # The entry with the longest title, so its row wraps.
    longest = max(ENC.entries, key=lambda e: len(e.title))
    ui.app.open_encyclopedia(longest.id)
    ui.frames()
    scene = ui.scene
    assert ui.app.size == size
    assert layout_problems(ui.app) == []
    # Every title in the list fits its row (a long one wraps, none is cut short).
    f = draw.font("bold", scene.body_size)
    for row in scene.rows:
        if row.entry is not None:
            assert all(f.size(line)[0] <= scene.text_width() for line in row.lines), row.lines
            assert " ".join(row.lines) == row.entry.title
    row_point(scene, longest.id)
    # The list, the article and the buttons keep apart.
    assert not scene.list_rect.colliderect(scene.article_rect)
    assert scene.list_rect.bottom < scene.back_button.get_abs_rect().top
    assert scene.article_rect.bottom < scene.back_button.get_abs_rect().top


def test_a_wide_window_has_a_side_column(ui):
    """Wider than 16:9, "in the game", "see also" and the sources move to a side column."""
    resize(ui, (1920, 720), "normal")
    ui.app.open_encyclopedia("stalin")
    ui.frames()
    scene = ui.scene
    assert scene.side is not None
    assert "SEE ALSO" in scene.side.html_text and "SEE ALSO" not in scene.article.html_text
    assert layout_problems(ui.app) == []
    ui.click(link_point(scene.side, ENC.get("stalin").see_also[0]))
    ui.frames()
    assert scene.current == ENC.get("stalin").see_also[0]

"""The encyclopedia: people, offices, organs and terms, searchable and cross-linked.

On the left, a search box and the entries grouped by kind (or, while searching, the matches
best first); on the right, the open article, whose links can be followed, with a history to go
back along. Any scene can open it on an entry (a contender, an office, a term under the mouse):
the name is resolved with the encyclopedia's ``lookup_term``; a name it does not know opens the
index with a note, never an error.

Keyboard: Up/Down (Home/End) move in the list and Enter opens; PgUp/PgDn scroll the article;
``/`` or Tab goes to the search box, where typing filters at once and Up/Down/Enter still work;
every link of the open article is listed in its side column, "see also" first, then the words
linked in the text: Left/Right step through them and Enter follows the one marked, and 1-9
follow the first nine at once; Backspace returns along the followed links; Esc leaves the search
box, or goes back.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache

import pygame
import pygame_gui
from pygame_gui.elements import UITextBox, UITextEntryLine, UIVerticalScrollBar

from game.content.encyclopedia import Encyclopedia, EncyclopediaError, Entry, load_encyclopedia

from .. import draw, theme
from ..stage import Scene, Stage

GROUPS = {"person": "People", "office": "Offices", "organ": "Organs", "term": "Terms"}
KIND_NAMES = {
    "person": "person",
    "office": "office",
    "organ": "party or state body",
    "term": "term",
}
STARTERS = ("lenin", "general_secretary", "lenins_testament", "ban_on_factions", "nep")
BAR_W = 18  # the list's scroll bar
WHEEL_ROWS = 3  # rows the list moves per notch of the mouse wheel


@cache
def encyclopedia() -> tuple[Encyclopedia | None, str | None]:
    """The shipped encyclopedia, read once; or None and the one-line reason it cannot be."""
    try:
        return load_encyclopedia(), None
    except EncyclopediaError as e:
        return None, str(e)


def esc(text: str) -> str:
    """Text for the text box's HTML: escaped, each run of white space one space (a space
    next to a link is kept)."""
    return html.escape(re.sub(r"\s+", " ", text), quote=False)


@dataclass
class Row:
    """One line of the drawn list: a group heading (``entry`` None) or an entry."""

    y: int  # from the top of the list's content
    h: int
    lines: list[str]  # a long title wraps onto more lines
    entry: Entry | None = None


class EncyclopediaScene(Scene):
    def __init__(self, app: Stage, entry_id: str | None = None) -> None:
        super().__init__(app)
        self.enc, self.error = encyclopedia()
        self.query = ""
        self.current: str | None = None  # the open article's id; None: the index page
        self.history: list[str | None] = []  # the articles left by following links
        self.selected: str | None = None  # the list's highlighted entry
        self.link: int | None = None  # the marked link (Left/Right), in article_links order
        self.offset = 0  # the list's scroll, in pixels
        self.note = ""
        self.search_focused = False
        name = " ".join(str(entry_id or "").split())
        if name and self.enc is not None:
            found = self.enc.get(name) or self.enc.lookup_term(name)
            if found is None:
                shown = name if len(name) <= 40 else name[:39] + "…"
                self.note = f"There is no article on “{shown}” yet."
            else:
                self.current = self.selected = found.id
        if self.selected is None and self.entries():
            self.selected = self.entries()[0].id

    # -- what the list shows
    def entries(self) -> list[Entry]:
        """The entries in list order: every one by kind, or the search's matches."""
        if self.enc is None:
            return []
        if self.query.strip():
            return self.enc.search(self.query)
        groups = self.enc.by_kind()
        return [e for kind in GROUPS for e in groups.get(kind, [])]

    @property
    def type_scale(self) -> float:
        """The scale of the type: the player's text size, grown with the window."""
        return self.app.settings.text_scale * self.app.k

    def n(self, x: float) -> int:
        """A length of the 1280x720 design at this window's size."""
        return round(x * self.app.k)

    def make_rows(self) -> None:
        scale = self.type_scale
        self.body_size = theme.font_size(scale)
        self.head_size = theme.font_size(scale, 4)
        bold = draw.font("bold", self.body_size)  # the open entry's title is bold
        self.line_h = bold.get_linesize()
        pad = round(12 * scale)
        self.row_h = self.line_h + pad
        head_h = draw.font("heading", self.head_size).get_linesize() + round(14 * scale)
        width = self.text_width()
        rows: list[Row] = []
        self.rendered: dict[tuple, pygame.Surface] = {}
        y = 0

        def add(e: Entry) -> None:
            nonlocal y
            lines = draw.wrap(e.title, bold, width)
            h = self.line_h * len(lines) + pad
            rows.append(Row(y, h, lines, e))
            y += h

        if self.enc is not None and self.query.strip():
            found = self.entries()
            rows.append(Row(y, head_h, [f"{len(found)} match{'es' * (len(found) != 1)}"]))
            y += head_h
            for e in found:
                add(e)
        elif self.enc is not None:
            groups = self.enc.by_kind()
            for kind, label in GROUPS.items():
                if groups.get(kind):
                    rows.append(Row(y, head_h, [label]))
                    y += head_h
                    for e in groups[kind]:
                        add(e)
        self.rows = rows
        self.content_h = y

    # -- layout
    def build(self) -> None:
        old = getattr(self, "search", None)
        self.search_focused = bool(old is not None and old.alive() and old.is_focused)
        super().build()

    def layout(self, area: pygame.Rect) -> None:
        ui, root, n = self.app.ui, self.root, self.n
        w, h = area.size
        scale = self.type_scale
        m = n(48)
        self.heading(pygame.Rect(m, n(24), w - 2 * m, n(64)), "Encyclopedia")
        list_w = max(n(340), min(n(480), int(w * 0.28)))
        top, bottom = n(100), h - n(100)
        search_h = max(n(44), draw.font("body", theme.font_size(scale, 1)).get_linesize() + n(16))
        self.search = UITextEntryLine(
            pygame.Rect(m, top, list_w, search_h),
            ui,
            container=root,
            placeholder_text="Search ( / )",
        )
        self.search.set_forbidden_characters(["/"])
        self.search.set_text_length_limit(60)
        if self.query:
            self.search.set_text(self.query)
        if self.search_focused:
            self.app.ui.set_focus_set(self.search)
        gap = n(12)
        self.list_rect = pygame.Rect(m, top + search_h + gap, list_w, bottom - top - search_h - gap)
        self.bar_w = n(BAR_W)
        self.make_rows()
        self.scrollbar = UIVerticalScrollBar(
            pygame.Rect(
                self.list_rect.right - self.bar_w,
                self.list_rect.top,
                self.bar_w,
                self.list_rect.height,
            ),
            1.0,
            ui,
            container=root,
        )
        self.fit_scrollbar()
        self.reveal(self.selected, centre=True)
        # The article, with its side column on a wide window.
        ax = self.list_rect.right + n(40)
        aw = w - m - ax
        self.article_rect = pygame.Rect(ax, top, aw, bottom - top)
        side_w = max(n(340), int(aw * 0.36)) if aw >= round(1040 * scale) else 0
        main = pygame.Rect(ax, top, aw - (side_w + n(32) if side_w else 0), bottom - top)
        main_html, side_html = self.article_html(split=bool(side_w))
        self.article = UITextBox(main_html, main, ui, container=root)
        self.side = None
        if side_w:
            self.side = UITextBox(
                side_html,
                pygame.Rect(main.right + n(32), top, side_w, bottom - top),
                ui,
                container=root,
                object_id="#panel_text",
            )
        # Along the bottom.
        by, bh = h - n(80), n(52)
        self.back_button = self.button(
            pygame.Rect(m, by, n(200), bh),
            "Back",
            self.app.pop,
            tip="Back to where you were. (Esc)",
            focusable=False,
        )
        prev = self.history[-1] if self.history else None
        self.prev_button = self.button(
            pygame.Rect(w - m - n(300), by, n(300), bh),
            "Previous article",
            self.go_back,
            tip=(
                f"Back to {esc(self.title_of(prev))}. (Backspace)"
                if self.history
                else "Go back along the links you followed. (Backspace)"
            ),
            focusable=False,
        )
        if not self.history:
            self.prev_button.disable()
        self.update_spots()
        self.reveal_link()

    def title_of(self, entry_id: str | None) -> str:
        if entry_id is None or self.enc is None:
            return "the index"
        return self.enc.title_of(entry_id)

    # -- the article as HTML for the text box
    def article_html(self, split: bool) -> tuple[str, str]:
        """The article (and, when ``split``, the side column: in the game, see also,
        sources). Unsplit, the side column's parts follow the article."""
        p = self.app.palette
        scale = self.type_scale
        title_px = theme.font_size(scale, 14)
        red, muted = theme.css(p.red), theme.css(p.muted)
        note = (
            f"<font color={muted}><i>{esc(self.note)} Here is the index.</i></font><br><br>"
            if self.note
            else ""
        )
        if self.enc is None:
            return (
                f"<font face=heading pixel_size={title_px} color={red}>NOT AVAILABLE</font>"
                f"<br><br>The encyclopedia cannot be read: {esc(self.error or '')}",
                "",
            )
        e = self.enc.get(self.current) if self.current else None
        if e is None:
            return note + self.index_html(title_px, red), ""
        kind = KIND_NAMES.get(e.kind, e.kind).capitalize()
        head = [
            f"<font face=heading pixel_size={title_px} color={red}>{esc(e.title.upper())}"
            "</font><br>",
            f"<font color={muted}><i>{esc(kind)}"
            + (f" · {esc(e.years)}" if e.years else "")
            + "</i></font><br><br>",
        ]
        body = []
        for para in self.enc.paragraphs(e):
            body.append(
                "".join(
                    f"<a href='{html.escape(s.link)}'>{esc(s.text)}</a>" if s.link else esc(s.text)
                    for s in para
                )
                + "<br><br>"
            )
        side = []
        small = theme.font_size(scale, -1)
        links = self.article_links()

        def heading(words: str) -> str:
            return (
                f"<font face=heading pixel_size={theme.font_size(scale, 5)} color={red}>"
                f"{words}</font><br>"
            )

        if e.game:
            side.append(heading("IN THE GAME") + f"{esc(e.game)}<br><br>")
        if e.see_also:
            side.append(heading("SEE ALSO") + self.links_html(links, 0, len(e.see_also)))
        if len(links) > len(e.see_also):
            side.append(heading("LINKED IN THE TEXT") + self.links_html(links, len(e.see_also)))
        if e.sources:
            items = "<br>".join(f"• {esc(s)}" for s in e.sources)
            side.append(heading("SOURCES") + f"<font pixel_size={small}><i>{items}</i></font>")
        main = "".join(head + body)
        if split:
            return main.removesuffix("<br><br>"), "".join(side)
        return main + "".join(side), ""

    def article_links(self) -> list[str]:
        """Every article the open one links to, in the order the side column lists them: its
        "see also", then the words linked in its text that are not among them."""
        e = self.enc.get(self.current) if self.enc and self.current else None
        if e is None:
            return []
        return [t for t in dict.fromkeys([*e.see_also, *self.enc.links(e)]) if t != e.id]

    def links_html(self, links: list[str], start: int, stop: int | None = None) -> str:
        """Lines for ``links[start:stop]``: numbered 1-9 for the keys, the marked one in red."""
        red = theme.css(self.app.palette.red)
        lines = []
        for i, target in enumerate(links[start:stop], start):
            number = f"<b>{i + 1}</b>  " if i < 9 else ""
            link = f"<a href='{html.escape(target)}'>{esc(self.enc.title_of(target))}</a>"
            if i == self.link:
                link = f"<font color={red}><b>→ </b></font><b>{link}</b>"
            lines.append(number + link)
        return "<br>".join(lines) + "<br><br>"

    def mark_link(self, step: int) -> None:
        """Mark the next (or previous) link of the article for Enter, going round."""
        links = self.article_links()
        if not links:
            return
        start = self.link if self.link is not None else (-1 if step > 0 else 0)
        self.link = (start + step) % len(links)
        self.app.sound.play("click")
        self.build()

    def reveal_link(self) -> None:
        """Scroll the text that lists the links so that the marked one is in view (on a narrow
        window the list follows the article, often below its last line)."""
        box = self.side or self.article
        bar = getattr(box, "scroll_bar", None)
        if self.link is None or bar is None:
            return
        target = self.article_links()[self.link]
        lines = [chunk for chunk in box.link_hover_chunks if chunk.href == target]
        if not lines:
            return
        line = lines[-1]  # the list's line: the article's own words come before it
        middle = (line.y + line.size[1] / 2) / box.text_box_layout.layout_rect.height
        top = middle - bar.visible_percentage / 2
        bar.set_scroll_from_start_percentage(max(0.0, min(1.0 - bar.visible_percentage, top)))

    def index_html(self, title_px: int, red: str) -> str:
        assert self.enc is not None
        counts = {k: len(v) for k, v in self.enc.by_kind().items()}
        starts = " · ".join(
            f"<a href='{i}'>{esc(self.enc.title_of(i))}</a>" for i in STARTERS if self.enc.get(i)
        )
        return (
            f"<font face=heading pixel_size={title_px} color={red}>THE STRUGGLE, A TO Z</font>"
            "<br><br>"
            f"{len(self.enc)} short articles on the {counts.get('person', 0)} people, "
            f"{counts.get('office', 0)} offices, {counts.get('organ', 0)} party and state bodies "
            f"and {counts.get('term', 0)} terms of the struggle for Lenin's succession, written "
            "for this game from its source documents.<br><br>"
            "Choose an article from the list, or type in the search box (press / to get "
            "there). Underlined words are links: follow one (or mark it with Left and Right and "
            "press Enter), and press Backspace or <b>Previous article</b> to come back.<br><br>"
            + (f"<b>Where to start:</b> {starts}" if starts else "")
        )

    # -- the drawn list
    def clamp_offset(self) -> None:
        most = max(0, self.content_h - self.list_rect.height)
        self.offset = max(0, min(self.offset, most))

    @property
    def scrolls(self) -> bool:
        return self.content_h > self.list_rect.height

    def fit_scrollbar(self) -> None:
        """Show the scroll bar only when the list is longer than its box."""
        self.clamp_offset()
        if self.scrolls:
            self.scrollbar.set_visible_percentage(self.list_rect.height / self.content_h)
            self.scrollbar.show()
        else:
            self.scrollbar.hide()
        self.sync_scrollbar()

    def sync_scrollbar(self) -> None:
        if self.scrolls:
            self.scrollbar.set_scroll_from_start_percentage(self.offset / self.content_h)

    def text_width(self) -> int:
        """The room for an entry's title in the list (the scroll bar's is always kept)."""
        return self.list_rect.width - self.bar_w - self.n(4 + 16 + 12)

    def update_spots(self) -> None:
        """Tooltips (the summary) and clicks for the rows now in view."""
        self.hotspots = []
        if self.enc is None:
            return
        for row in self.rows:
            if row.entry is None:
                continue
            r = self.row_screen_rect(row).clip(self.list_rect)
            if r.height > 0:
                self.hotspot(
                    r,
                    esc(row.entry.summary),
                    on_click=lambda i=row.entry.id: self.open_from_list(i),
                )

    def row_screen_rect(self, row: Row) -> pygame.Rect:
        w = self.list_rect.width - (self.bar_w + self.n(4) if self.scrolls else 0)
        return pygame.Rect(self.list_rect.left, self.list_rect.top + row.y - self.offset, w, row.h)

    def draw(self, surface: pygame.Surface) -> None:
        p, n = self.app.palette, self.n
        box = self.list_rect
        pygame.draw.rect(surface, p.paper_dark, box)
        # A red rule between the list and the article.
        x = (box.right + self.article_rect.left) // 2
        pygame.draw.line(surface, p.red, (x, self.article_rect.top), (x, box.bottom), n(4))
        clip = surface.get_clip()
        surface.set_clip(box)
        mouse = self.app.mouse
        width = self.text_width()
        for row in self.rows:
            r = self.row_screen_rect(row)
            if r.bottom < box.top or r.top > box.bottom:
                continue
            if row.entry is None:
                draw.text(
                    surface,
                    row.lines[0].upper(),
                    (r.left + n(12), r.bottom - n(6)),
                    "heading",
                    self.head_size,
                    p.red,
                    anchor="bottomleft",
                    max_width=width,
                )
                y = r.bottom - n(3)
                pygame.draw.line(surface, p.ink, (r.left + n(12), y), (r.right - n(12), y), 2)
                continue
            chosen = row.entry.id == self.selected
            is_open = row.entry.id == self.current
            if chosen:
                pygame.draw.rect(surface, p.red, r)
            elif r.collidepoint(mouse) and self.app.top is self:
                pygame.draw.rect(surface, p.paper, r)
            colour = p.paper if chosen else p.ink
            kind = "bold" if is_open else "body"
            f = draw.font(kind, self.body_size)
            ty = r.top + (r.height - self.line_h * len(row.lines)) // 2
            for line in row.lines:
                key = (line, kind, colour)
                img = self.rendered.get(key)
                if img is None:
                    img = self.rendered[key] = f.render(line, True, colour)
                surface.blit(img, (r.left + n(16), ty))
                ty += self.line_h
            if is_open:
                mark = (r.left + n(4), r.top + n(6), n(5), r.height - n(12))
                pygame.draw.rect(surface, colour, mark)
        if not self.rows or (self.query.strip() and len(self.rows) == 1):
            words = (
                f"Nothing matches “{self.query.strip()}”."
                if self.enc is not None
                else "The encyclopedia cannot be read."
            )
            draw.paragraph(
                surface,
                words,
                pygame.Rect(box.left + n(12), box.top + n(52), width, box.height - n(60)),
                "italic",
                self.body_size,
                p.muted,
            )
        surface.set_clip(clip)
        pygame.draw.rect(surface, p.ink, box, 2)

    def update(self, dt: float) -> None:
        if self.app.top is self and self.search.alive():
            self.set_query(self.search.get_text())  # typing filters in the frame it happens
        bar = self.scrollbar
        if self.scrolls and bar.alive() and bar.check_has_moved_recently():
            new = round(bar.start_percentage * self.content_h)
            if new != self.offset:
                self.offset = new
                self.clamp_offset()
                self.update_spots()

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.app.top is self and self.search.is_focused:
            pygame.draw.rect(
                surface, self.app.palette.red, self.search.get_abs_rect().inflate(8, 8), 3
            )

    # -- moving and opening
    def reveal(self, entry_id: str | None, centre: bool = False) -> None:
        """Scroll the list so that the entry's row (and its group's heading, at the top of a
        group) is in view: just enough (a step of the keyboard), or with ``centre``, a row out
        of view comes to the middle (a jump)."""
        view = self.list_rect.height
        for i, row in enumerate(self.rows):
            if row.entry is not None and row.entry.id == entry_id:
                top = row.y
                if i > 0 and self.rows[i - 1].entry is None:
                    top = self.rows[i - 1].y
                if top < self.offset or row.y + row.h > self.offset + view:
                    if centre:
                        self.offset = row.y + row.h // 2 - view // 2
                    elif top < self.offset:
                        self.offset = top
                    else:
                        self.offset = row.y + row.h - view
                break
        self.clamp_offset()
        self.sync_scrollbar()
        self.update_spots()

    def move(self, step: int) -> None:
        ids = [e.id for e in self.entries()]
        if not ids:
            return
        if self.selected in ids:
            i = max(0, min(len(ids) - 1, ids.index(self.selected) + step))
        else:
            i = 0 if step > 0 else len(ids) - 1
        self.selected = ids[i]
        self.reveal(self.selected)

    def page_article(self, step: int) -> None:
        """Scroll the article (and its side column) by most of a screen."""
        for box in (self.article, self.side):
            bar = getattr(box, "scroll_bar", None) if box is not None else None
            if bar is not None:
                page = bar.visible_percentage * 0.9
                bar.set_scroll_from_start_percentage(bar.start_percentage + step * page)

    def open(self, entry_id: str | None, remember: bool = True) -> None:
        """Show an article (None: the index), remembering the one left for Backspace."""
        if self.enc is None or (entry_id is not None and self.enc.get(entry_id) is None):
            return
        if entry_id == self.current:
            return
        if remember:
            self.history.append(self.current)
        self.current = entry_id
        self.link = None
        self.note = ""
        if entry_id is not None and entry_id in {e.id for e in self.entries()}:
            self.selected = entry_id
        self.build()  # (which brings the entry into the list's view)

    def open_from_list(self, entry_id: str) -> None:
        self.selected = entry_id
        self.reveal(entry_id)  # a row half in view: scrolled just enough, not to the middle
        self.app.sound.play("click")
        self.open(entry_id)

    def go_back(self) -> None:
        if self.history:
            self.open(self.history.pop(), remember=False)

    def set_query(self, text: str) -> None:
        if text == self.query:
            return
        self.query = text
        self.make_rows()
        ids = [e.id for e in self.entries()]
        if self.query.strip() or self.selected not in ids:
            self.selected = ids[0] if ids else None  # the best match, for Enter
        self.offset = 0
        self.fit_scrollbar()
        self.reveal(self.selected, centre=True)

    # -- events
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            self.app.sound.play("click")
            self.open(str(event.link_target))
            return
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.search:
            self.set_query(self.search.get_text())
            return
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.search:
            return  # Enter in the search box: handled as a key (opens the highlighted entry)
        if event.type == pygame.MOUSEWHEEL:
            over_bar = self.scrolls and self.scrollbar.hover_point(*self.app.mouse)
            if self.list_rect.collidepoint(self.app.mouse) and not over_bar:
                self.offset -= event.y * WHEEL_ROWS * self.row_h
                self.clamp_offset()
                self.sync_scrollbar()
                self.update_spots()
            return
        super().handle(event)

    def key(self, event: pygame.event.Event) -> None:
        k = event.key
        typing = self.search.is_focused
        if k == pygame.K_ESCAPE:
            if typing:
                self.app.ui.set_focus_set(None)
            else:
                self.app.pop()
        elif k == pygame.K_TAB:
            if typing:
                self.app.ui.set_focus_set(None)
            else:
                self.app.ui.set_focus_set(self.search)
        elif k in (pygame.K_UP, pygame.K_DOWN):
            self.move(-1 if k == pygame.K_UP else 1)
            if self.link is not None:  # Enter opens the list's entry again
                self.link = None
                self.build()
        elif k in (pygame.K_LEFT, pygame.K_RIGHT) and not typing:
            self.mark_link(-1 if k == pygame.K_LEFT else 1)
        elif k in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.page_article(-1 if k == pygame.K_PAGEUP else 1)
        elif k in (pygame.K_HOME, pygame.K_END) and not typing:
            self.move(-10_000 if k == pygame.K_HOME else 10_000)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            links = self.article_links()
            if self.link is not None and self.link < len(links) and not typing:
                self.app.sound.play("click")
                self.open(links[self.link])
            elif self.selected is not None:
                self.app.ui.set_focus_set(None)
                self.open(self.selected)
        elif typing:
            return  # every other key is typing
        elif k == pygame.K_SLASH and not event.mod & pygame.KMOD_SHIFT:
            self.app.ui.set_focus_set(self.search)
        elif k == pygame.K_BACKSPACE:
            self.go_back()
        elif pygame.K_1 <= k <= pygame.K_9:
            links = self.article_links()
            n = k - pygame.K_1
            if n < len(links):
                self.open(links[n])
        else:
            super().key(event)

"""The main board: the party pyramid, the regions, the contenders, the mood, this turn's moves
and the log.

Everything that is not a widget is drawn once into a cached layer whenever the game or the
player's choices change; a frame is that layer, the row under the mouse and the widgets, which
keeps a frame cheap. Every drawn number registers a hotspot whose tooltip says what it is and
why it has that value (see :mod:`game.ui.explain`).

The layout is measured, not fixed: the bands' heights follow the type at the player's text
size, long names wrap (or their type shrinks a little) instead of being cut, and the action list
pages by the room its rows need, never more than nine actions a page (one key each).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame_gui.elements import UITextBox

from game.engine import View
from game.resume import visible
from game.words import goal
from game.words.actions import card_choice
from game.words.names import date_words
from game.words.odds import odds_text

from .. import draw, explain, theme
from ..session import GameSession
from ..stage import Scene, Stage

TOP = 52
PER_PAGE = 9  # actions on a page of the list: one number key each
LOG_TURNS = 8  # turns the log shows, newest first


def surname(name: str) -> str:
    """A Politburo seat's letters: the first two of the surname ("Alexei Rykov": "RY")."""
    return draw.initials(name.split()[-1]) if name.split() else "?"


class BoardScene(Scene):
    def __init__(self, app: Stage, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.page = 0
        self.row_focus = 0
        self.rows: list[tuple[pygame.Rect, int | None, str]] = []  # rect, option or None, header
        self.before: View | None = None  # the view a turn ago, for changes
        self.turn_begun = -1
        self.layer: pygame.Surface | None = None
        self._log: str | None = None
        self.strip_h = 0
        self.goal_told: set[str] = set()  # who has been shown how to win as the game began

    # -- layout
    def layout(self, area: pygame.Rect) -> None:
        w, h = area.size
        self.k = min(w / 1280, h / 720)
        self.ts = self.app.settings.text_scale
        s = self.k
        m = round(12 * s)
        self.m = m
        self.styles = theme.faction_styles(self.session.scenario.contenders, self.app.palette)
        self.view = self.session.view()
        self.top_h = max(round(TOP * s), draw.font("heading", self.fs(34)).get_linesize() + m)
        right_w = round(390 * s)
        left_w = round(370 * s)
        top = self.top_h + m
        self.r_right = pygame.Rect(w - m - right_w, top, right_w, h - top - m)
        strip_w = w - right_w - 3 * m
        self.strip_h = self.strip_height(strip_w)
        self.r_strip = pygame.Rect(m, top, strip_w, self.strip_h)
        body_top = self.r_strip.bottom + m
        self.r_left = pygame.Rect(m, body_top, left_w, h - body_top - m)
        mid_x = self.r_left.right + m
        self.r_mid = pygame.Rect(mid_x, body_top, self.r_right.left - m - mid_x, h - body_top - m)
        self.top_buttons(w)
        rr = self.r_right
        big = max(round(48 * s), self.app.ui_font("heading", 3).get_linesize() + self.px(10))
        small = max(round(36 * s), self.app.ui_font("heading", 1).get_linesize() + self.px(8))
        end_w = max(round(190 * s), self.app.ui_font("heading", 3).size("End turn")[0] + m * 3)
        undo_w = max(round(120 * s), self.app.ui_font("heading", 3).size("Undo")[0] + m * 3)
        self.end_button = self.button(
            pygame.Rect(rr.right - end_w, rr.bottom - big, end_w, big),
            "End turn",
            self.end_turn,
            tip="Play the turn with your choices (E)",
        )
        self.undo_button = self.button(
            pygame.Rect(rr.left, rr.bottom - big, undo_w, big),
            "Undo",
            self.undo,
            tip="Take back your last choice (U)",
        )
        nav_y = rr.bottom - big - self.px(14) - small
        nb = max(round(44 * s), small)
        self.prev_button = self.button(
            pygame.Rect(rr.left, nav_y, nb, small),
            "<",
            lambda: self.turn_page(-1),
            tip="Previous page (PgUp)",
            object_id="#small_button",
        )
        self.next_button = self.button(
            pygame.Rect(rr.right - nb, nav_y, nb, small),
            ">",
            lambda: self.turn_page(1),
            tip="Next page (PgDn)",
            object_id="#small_button",
        )
        self.regions_bottom = self.regions_height() + self.r_mid.top
        log_top = self.regions_bottom + self.px(8)
        head = draw.font("heading", self.fs(24)).get_linesize() + self.px(10)
        self.r_log = pygame.Rect(
            self.r_mid.left, log_top + head, self.r_mid.width, self.r_mid.bottom - log_top - head
        )
        self._log = None
        self.log_box = UITextBox(
            self.log_html(), self.r_log, self.app.ui, container=self.root, object_id="#panel_text"
        )
        self.focused = -1  # the list of actions has the keyboard first
        self.refresh()
        if self.session.match.state.turn != self.turn_begun and not self.session.finished:
            self.turn_begun = self.session.match.state.turn
            self.app.push_later(self.begin_turn)

    def top_buttons(self, w: int) -> None:
        """Help, Menu, Save, Encyclopedia and Cards along the right of the top bar, each as wide
        as its label needs."""
        s = self.k
        f = self.app.ui_font("heading", 1)
        bh = min(self.top_h - self.px(8), max(round(34 * s), f.get_linesize() + self.px(8)))
        x = w - self.m
        for label, action, tip in self.top_items():
            bw = f.size(label)[0] + self.px(28)
            x -= bw
            self.button(
                pygame.Rect(x, (self.top_h - bh) // 2, bw, bh),
                label,
                action,
                tip=tip,
                object_id="#small_button",
            )
            x -= self.px(6)

    def top_items(self) -> list[tuple[str, Callable[[], None], str]]:
        """The top bar's buttons, from the right: label, action, tooltip."""
        return [
            ("Help", self.app.show_help, "Keys, mouse and how you win (F1)"),
            ("Menu", self.menu, "Save, load, settings, quit (Esc)"),
            ("Save", self.save, "Save the game in a named slot (S)"),
            ("Encyclopedia", self.app.open_encyclopedia, "People, offices and terms"),
            ("Cards", self.show_cards, "This turn's event cards (C)"),
        ]

    def begin_turn(self) -> None:
        """At the start of a turn: the hand-off screen at a hotseat table, else the cards."""
        if self.session.finished:
            return
        if self.session.hotseat:
            from .hotseat import PrivacyScreen

            self.app.push(PrivacyScreen(self.app, self))
        else:
            self.open_turn()

    def open_turn(self) -> None:
        """For the person now at the board: how to win, as the game begins; then the cards."""
        s = self.session
        if s.match.state.turn == 0 and s.me not in self.goal_told:
            from .dialogs import GoalOverlay

            self.goal_told.add(s.me)
            self.app.push(GoalOverlay(self.app, s, then=self.cards_if_any))
        else:
            self.cards_if_any()

    def cards_if_any(self) -> None:
        if self.view.cards:
            self.show_cards()

    def show_goal(self) -> None:
        from .dialogs import GoalOverlay

        self.app.push(GoalOverlay(self.app, self.session))

    def px(self, n: float) -> int:
        return round(n * self.k)

    def fs(self, n: float) -> int:
        """A font size scaled to the window and the player's text size."""
        return max(9, round(n * self.k * self.ts))

    def line(self, kind: str, size: float) -> int:
        """The height of a line of type of this kind and (unscaled) size."""
        return draw.font(kind, self.fs(size)).get_linesize()

    # -- the cached layer
    def refresh(self) -> None:
        """Redraw the layer and the widgets that show the game (after any change)."""
        s = self.session
        self.view = s.view()
        self.options = s.options()
        if self.strip_height(self.r_strip.width) != self.strip_h:
            self.build()  # the contenders' cards need another height now: lay out again
            return
        self.hotspots = []
        w, h = self.app.size
        layer = pygame.Surface((w, h))
        layer.fill(self.app.palette.paper)
        self.draw_top(layer)
        self.draw_strip(layer)
        self.draw_pyramid(layer)
        self.draw_regions(layer)
        self.draw_moves(layer)
        self.layer = layer
        html = self.log_html()
        if html != self._log:  # a text box is slow to lay out: only when the log changed
            self._log = html
            self.log_box.set_text(html)
        if s.picks:
            self.undo_button.enable()
        else:
            self.undo_button.disable()
        if s.finished:
            self.end_button.disable()

    def heading(self, surface, text: str, pos: tuple[int, int], width: int) -> int:
        p = self.app.palette
        r = draw.text(surface, text.upper(), pos, "heading", self.fs(24), p.ink, max_width=width)
        pygame.draw.line(
            surface, p.red, (pos[0], r.bottom), (pos[0] + width, r.bottom), max(2, self.px(3))
        )
        return r.bottom + self.px(6)

    def draw_top(self, surface) -> None:
        """The date, the turn, who you are and where you stand on the ladder of outcomes."""
        p, v, s = self.app.palette, self.view, self.session
        bar = pygame.Rect(0, 0, surface.get_width(), self.top_h)
        surface.fill(p.ink, bar)
        pygame.draw.rect(surface, p.red, (0, bar.bottom - self.px(4), bar.width, self.px(4)))
        shown = min(v.turn + 1, v.turns)
        cy = bar.centery - self.px(2)
        r = draw.text(
            surface, date_words(v.date).upper(), (self.m, cy), "heading", self.fs(34), p.paper,
            anchor="midleft",
        )
        self.hotspot(
            r,
            f"<b>{explain.esc(date_words(v.date))}</b>: turn {shown} of {v.turns}. "
            "Each turn is one period of the calendar.",
        )
        r = draw.text(
            surface, f"TURN {shown} OF {v.turns}", (r.right + self.px(14), cy), "heading",
            self.fs(20), p.paper_dark, anchor="midleft",
        )
        r = draw.text(
            surface, f"YOU: {v.mine.short.upper()}", (r.right + self.px(20), cy), "heading",
            self.fs(22), p.red, anchor="midleft",
        )
        st = goal.standing(s.match.state, s.me)
        room = self.buttons_left() - r.right - self.px(40)
        words = [f"NOW: {st.rung.name.upper()} ({st.place} OF {st.rungs})",
                 f"NOW: {st.place} OF {st.rungs}"]
        f = draw.font("heading", self.fs(20))
        said = next((w for w in words if f.size(w)[0] <= room), None)
        if said is not None:
            sr = draw.text(surface, said, (r.right + self.px(20), cy), "heading", self.fs(20),
                           p.paper, anchor="midleft")
            self.hotspot(sr, explain.standing_html(st) + "<br><i>Help (F1) shows every "
                         "outcome and what it needs.</i>")

    def buttons_left(self) -> int:
        xs = [b.relative_rect.left for b in self.buttons if b.relative_rect.top < self.top_h]
        return min(xs) if xs else self.app.size[0]

    # -- the contenders' cards
    def card_lines(self, c, width: int) -> tuple[list[str], list[list[tuple[str, str]]], str]:
        """A card's status lines, rows of small figures and offices line, for its width."""
        inner = width - 2 * self.px(8)
        status = draw.fitted(c.status_name, "body", self.fs(12), inner, 2)[1]
        offices = c.offices[0] if c.offices else "no office"
        if len(c.offices) > 1:
            offices += f" +{len(c.offices) - 1}"
        return status, self.stat_rows(c, inner), offices

    def stat_rows(self, c, width: int) -> list[list[tuple[str, str]]]:
        """The card's small figures (prestige, health, threat, line, trust), flowed into as
        many rows as the width needs."""
        v = self.view
        stats = [
            (f"P {c.prestige:.0f}", explain.prestige(c)),
            (f"H {c.health:.0f}", explain.health(c)),
            (f"T {c.threat:.0f}", explain.threat(c)),
            (f"L {c.line:+.1f}", explain.line(c, v)),
        ]
        if c.index != v.me:
            stats.append((f"t {v.trust[c.index]:+.1f}", explain.trust(v, c)))
        f = draw.font("bold", self.fs(11))
        gap = self.px(6)
        rows: list[list[tuple[str, str]]] = [[]]
        x = 0
        for label, tip in stats:
            w = f.size(label)[0]
            if rows[-1] and x + w > width:
                rows.append([])
                x = 0
            rows[-1].append((label, tip))
            x += w + gap
        return rows

    def card_width(self, strip_w: int) -> int:
        n = len(self.view.contenders)
        return (strip_w - self.px(8) * (n - 1)) // n

    def strip_height(self, strip_w: int) -> int:
        """The height the contenders' cards need: the tallest card's."""
        cw = self.card_width(strip_w)
        head = max(2 * self.px(20) + self.px(4),
                   self.line("heading", 22) + self.line("heading", 28))
        tallest = 0
        for c in self.view.contenders:
            status, stats, offices = self.card_lines(c, cw)
            office_lines = len(draw.fitted(offices, "italic", self.fs(11),
                                           cw - 2 * self.px(8), 2)[1])
            tallest = max(tallest, head + len(status) * self.line("body", 12)
                          + len(stats) * (self.line("bold", 11) + self.px(1))
                          + office_lines * self.line("italic", 11))
        return tallest + 2 * self.px(6)

    def draw_strip(self, surface) -> None:
        """The contenders, one card each: token, name and support; status; small figures;
        offices."""
        p, v = self.app.palette, self.view
        r = self.r_strip
        gap = self.px(8)
        cw = self.card_width(r.width)
        pad = self.px(6)
        for c in v.contenders:
            card = pygame.Rect(r.left + c.index * (cw + gap), r.top, cw, r.height)
            mine = c.index == v.me
            surface.fill(p.paper_dark, card)
            pygame.draw.rect(surface, p.red if mine else p.ink, card, self.px(3) if mine else 1)
            rad = self.px(20)
            centre = (card.left + rad + self.px(8), card.top + rad + pad + self.px(2))
            tok = draw.token(surface, centre, rad, self.styles[c.index], draw.initials(c.short), p,
                             faded=not c.in_party)
            tip = explain.status(c, v) + ("" if mine else "<br>" + explain.trust(v, c))
            self.hotspot(tok, tip, term=self.session.scenario.contenders[c.index].id)
            tx = tok.right + self.px(6)
            width = card.right - tx - pad
            nr = draw.block(surface, c.short.upper(), (tx, card.top + pad), width, "heading",
                            self.fs(22), p.red if mine else p.ink)
            big = draw.text(surface, explain.pct(c.support), (tx, nr.bottom), "heading",
                            self.fs(28), p.ink)
            self.hotspot(big, explain.support(v, c, self.before))
            x = big.right + self.px(4)
            if self.before is not None:
                d = 100 * (c.support - self.before.contenders[c.index].support)
                if abs(d) >= 0.5:
                    dr = draw.text(surface, f"{d:+.0f}", (x, big.centery), "heading",
                                   self.fs(18), p.good if d > 0 else p.bad, anchor="midleft")
                    x = dr.right + self.px(6)
            for a in c.allies:  # small tokens of allies beside the support
                if x + self.px(18) > card.right:
                    break
                ar = draw.token(surface, (x + self.px(8), big.centery), self.px(8),
                                self.styles[a], "", p)
                self.hotspot(ar, f"Allied with {explain.esc(v.contenders[a].short)}: their "
                             "factions vote together.")
                x = ar.right + self.px(2)
            status, stats, offices = self.card_lines(c, cw)
            left, inner = card.left + self.px(8), card.width - 2 * self.px(8)
            y = max(big.bottom, tok.bottom + self.px(2))
            sr = draw.block(surface, c.status_name, (left, y), inner, "body", self.fs(12),
                            p.muted, max_lines=2)
            self.hotspot(sr, explain.status(c, v))
            y = sr.bottom
            for row in stats:
                x = left
                for label, stat_tip in row:
                    sr2 = draw.text(surface, label, (x, y), "bold", self.fs(11), p.ink)
                    self.hotspot(sr2.inflate(4, 4), stat_tip)
                    x = sr2.right + self.px(6)
                y += self.line("bold", 11) + self.px(1)
            orr = draw.block(surface, offices, (left, y), inner, "italic", self.fs(11), p.ink,
                             max_lines=2)
            self.hotspot(orr, explain.offices(c), term=c.office_ids[0] if c.office_ids else None)

    # -- the party and the mood
    def draw_pyramid(self, surface) -> None:
        """The Politburo seats, the Central Committee and the Congress, then the mood."""
        p, v = self.app.palette, self.view
        r = self.r_left
        y = self.heading(surface, "The party", (r.left, r.top), r.width)
        rad = self.px(15)
        bar_h = self.px(20)
        label = (self.line("heading", 17), self.line("heading", 16))
        needed = label[0] + 2 * (2 * rad + self.px(6)) + 2 * (label[1] + bar_h) + self.px(8)
        room = r.bottom - y - self.mood_height() - self.px(12)
        spare = max(0, min(self.px(250) - needed, room - needed))
        gap = self.px(4) + spare // 6  # the pyramid's parts spread over the room there is
        apex = (r.centerx, y + self.px(4))
        label_y = yy = y + gap
        yy += label[0] + gap // 2 + rad
        n = len(v.politburo)
        per_row = (n + 1) // 2
        seats = []
        for i, seat in enumerate(v.politburo):
            row, col = divmod(i, per_row)
            count = per_row if row == 0 else n - per_row
            seats.append((seat, r.centerx + (col - (count - 1) / 2) * (2 * rad + self.px(6)),
                          yy + row * (2 * rad + self.px(6))))
        rows_h = (2 if n > per_row else 1) * (2 * rad + self.px(6))
        cc_top = yy - rad + rows_h + gap
        base_y = cc_top + 2 * (label[1] + bar_h + self.px(2)) + gap + self.px(8)
        pygame.draw.polygon(surface, p.paper_dark, [apex, (r.right, base_y), (r.left, base_y)])
        draw.text(surface, v.organ_names["politburo"].upper(), (r.centerx, label_y), "heading",
                  self.fs(17), p.ink, anchor="midtop", max_width=r.width)
        for seat, cx, cy in seats:
            style = self.styles[seat.faction] if seat.faction >= 0 else None
            if style is None:
                pygame.draw.circle(surface, p.uncommitted, (cx, cy), rad)
                pygame.draw.circle(surface, p.ink, (cx, cy), rad, 2)
                draw.text(surface, surname(seat.name), (cx, cy), "heading", self.fs(13), p.ink,
                          anchor="center")
                tr = pygame.Rect(cx - rad, cy - rad, 2 * rad, 2 * rad)
            else:
                tr = draw.token(surface, (int(cx), int(cy)), rad, style, surname(seat.name), p,
                                ring=p.red if seat.contender >= 0 else None)
            self.hotspot(tr, explain.politburo_seat(v, seat.name, seat.faction, seat.contender),
                         term=self.seat_term(seat))
        # Central Committee and Congress bars
        names = [c.short for c in v.contenders] + ["uncommitted"]
        styles = [*self.styles, None]
        cc = list(v.cc_share) + [0.0] * (len(names) - len(v.cc_share))
        congress = [c.support for c in v.contenders]
        congress.append(max(0.0, 1 - sum(congress)))
        yy = cc_top
        for text, shares, tip, term, inset in (
            (
                f"{v.organ_names['central_committee']} ({v.cc_seats})",
                cc,
                explain.central_committee(v, list(zip(names, cc, strict=True))),
                v.organ_names["central_committee"],  # the encyclopedia finds it by name
                self.px(40),
            ),
            (
                f"{v.organ_names['congress']} ({v.congress_delegates:,})",
                congress,
                explain.congress(v, list(zip(names, congress, strict=True))),
                v.organ_names["congress"],
                0,
            ),
        ):
            draw.text(surface, text.upper(), (r.centerx, yy), "heading", self.fs(16), p.ink,
                      anchor="midtop", max_width=r.width)
            yy += label[1] + self.px(2)
            bar = pygame.Rect(0, yy, r.width - inset, bar_h)
            bar.centerx = r.centerx
            draw.bar(surface, bar, list(zip(styles, shares, strict=True)), p)
            self.hotspot(bar, tip, term=term)
            yy = bar.bottom + gap // 2
        self.draw_mood(surface, base_y + self.px(8))

    def mood_height(self) -> int:
        """The room the mood's heading, axis, labels and unity take (without the secrets)."""
        return (self.line("heading", 24) + self.px(6) + self.px(30) + self.px(4) + self.px(16)
                + self.line("heading", 13) + self.px(8) + self.line("heading", 16)
                + 3 * self.line("italic", 12))

    def draw_mood(self, surface, top: int) -> None:
        """The left-right axis with the contenders' lines, the mood and the party line; unity;
        then the player's secrets."""
        p, v, r = self.app.palette, self.view, self.r_left
        my = self.heading(surface, "The mood", (r.left, top), r.width)
        word = draw.font("heading", self.fs(14))
        left, right = v.axis.left.upper(), v.axis.right.upper()  # the scenario's ends
        most = r.width // 4  # long names are shortened: the axis keeps half the column
        side = min(most, max(word.size(left)[0], word.size(right)[0]) + self.px(8))
        axis = pygame.Rect(r.left + side, my + self.px(30), r.width - 2 * side, self.px(4))
        surface.fill(p.ink, axis)
        draw.text(surface, left, (axis.left - self.px(4), axis.centery), "heading",
                  self.fs(14), p.ink, anchor="midright", max_width=side - self.px(8))
        draw.text(surface, right, (axis.right + self.px(4), axis.centery), "heading",
                  self.fs(14), p.ink, anchor="midleft", max_width=side - self.px(8))

        def at(x: float) -> int:
            return round(axis.left + (x + 1) / 2 * axis.width)

        for c in v.contenders:
            cx = at(c.line)
            draw.token(surface, (cx, axis.top - self.px(14)), self.px(10), self.styles[c.index],
                       "", p, faded=not c.in_party)
            self.hotspot(pygame.Rect(cx - 10, axis.top - self.px(25), 20, 22), explain.line(c, v))
        # the mood: a red mark under the axis; the official line: a black mark on it
        mx, lx = at(v.mood_line), at(v.party_line)
        label_f = draw.font("heading", self.fs(13))
        close = abs(mx - lx) < (label_f.size("MOOD")[0] + label_f.size("LINE")[0]) // 2 + 8
        tip = axis.bottom + 2
        pygame.draw.polygon(surface, p.red, [(mx, tip), (mx - 7, tip + 12), (mx + 7, tip + 12)])
        pygame.draw.rect(surface, p.ink, (lx - 3, axis.top - 6, 6, axis.height + 12))
        labels = (
            [("MOOD + LINE", (mx + lx) // 2, p.ink)]
            if close
            else [("MOOD", mx, p.red), ("LINE", lx, p.ink)]
        )
        below = tip + self.px(14)
        for tag, cx, colour in labels:
            half = label_f.size(tag)[0] // 2
            cx = max(r.left + half, min(r.right - half, cx))
            tr = draw.text(surface, tag, (cx, below), "heading", self.fs(13), colour,
                           anchor="midtop")
            self.hotspot(tr.union(pygame.Rect(cx - 8, axis.top - 6, 16, 20)), explain.mood(v),
                         term=v.axis.about)
        uy = below + label_f.get_linesize() + self.px(8)
        ur = draw.text(surface, "UNITY", (r.left, uy), "heading", self.fs(16), p.ink)
        pct_w = draw.font("heading", self.fs(16)).size("100%")[0]
        ubar = pygame.Rect(ur.right + self.px(8), ur.centery - self.px(7),
                           r.width - ur.width - pct_w - self.px(22), self.px(14))
        surface.fill(p.paper_dark, ubar)
        surface.fill(p.red, (ubar.left, ubar.top, round(ubar.width * v.mood_unity), ubar.height))
        pygame.draw.rect(surface, p.ink, ubar, 1)
        pr = draw.text(surface, explain.pct(v.mood_unity), (ubar.right + self.px(6), ubar.centery),
                       "heading", self.fs(16), p.ink, anchor="midleft")
        self.hotspot(ubar.union(pr).union(ur), explain.unity(v), term="ban_on_factions")
        top = max(ur.bottom, ubar.bottom) + self.px(10)
        self.draw_secrets(surface, pygame.Rect(r.left, top, r.width, r.bottom - top))

    def seat_term(self, seat) -> str | None:
        if seat.contender >= 0:
            return self.session.scenario.contenders[seat.contender].id
        for nb in self.session.scenario.notables:
            if nb.name == seat.name:
                return nb.id
        return None

    def draw_secrets(self, surface, r: pygame.Rect) -> None:
        """What only I know: dossiers and alliance offers."""
        p, v = self.app.palette, self.view
        shorts = [c.short for c in v.contenders]
        lines = []
        if v.dossiers:
            lines.append(
                "Your dossiers: "
                + ", ".join(f"{shorts[k]} {n}" for k, n in sorted(v.dossiers.items()))
            )
        if v.offers_to_me:
            lines.append(
                "Offers of alliance to you: " + ", ".join(shorts[k] for k in v.offers_to_me)
            )
        if v.offers_from_me:
            lines.append(
                "You offered alliance to: " + ", ".join(shorts[k] for k in v.offers_from_me)
            )
        if not lines or r.height <= 0:
            return
        text = "SECRET (only you see this): " + ". ".join(lines) + "."
        used = draw.block(surface, text, r.topleft, r.width, "italic", self.fs(12), p.ink,
                          max_lines=max(1, r.height // self.line("italic", 12)), floor=0.85)
        self.hotspot(
            used,
            "<b>Your secrets.</b> Rivals never see your dossiers or the offers you make "
            "and receive.",
        )

    # -- the regions
    def region_grid(self) -> tuple[int, int, int, int]:
        """Columns, rows, tile width and tile height of the regions' diagram: as tall as a
        tile's name (two lines), members and bar need, or less where the log below needs the
        room (then the members are left to the tile's tooltip)."""
        r, n = self.r_mid, len(self.view.regions)
        gap = self.px(6)
        cols = 4 if n > 9 else 3
        rows = -(-n // cols)
        tw = (r.width - gap * (cols - 1)) // cols
        full = self.tile_height(2, True)
        head = draw.font("heading", self.fs(24)).get_linesize() + self.px(6)
        log_need = head + 3 * self.line("body", 15) + self.px(16)
        room = r.height - head - 2 * self.line("body", 11) - self.px(12) - log_need
        th = full if rows * (full + gap) <= room else max(
            self.tile_height(1, False), room // rows - gap
        )
        return cols, rows, tw, th

    def tile_height(self, name_lines: int, members: bool) -> int:
        """A region's tile with this many lines of name, with or without its members."""
        return (self.px(8) + 2 + name_lines * self.line("heading", 15)
                + (self.line("body", 11) if members else 0) + self.px(22))

    def regions_height(self) -> int:
        """The height of the regions' heading, diagram and key."""
        _, rows, _, th = self.region_grid()
        gap = self.px(6)
        head = draw.font("heading", self.fs(24)).get_linesize() + self.px(6)
        return head + rows * (th + gap) + 2 * self.line("body", 11) + self.px(4)

    def draw_regions(self, surface) -> None:
        """The regions as a tiled diagram, each tile in its dominant faction's colours."""
        p, v = self.app.palette, self.view
        r = self.r_mid
        y = self.heading(surface, "The regions", (r.left, r.top), r.width)
        cols, rows, tw, th = self.region_grid()
        members = th >= self.tile_height(2, True)
        name_room = th - self.tile_height(0, members)
        gap = self.px(6)
        names = [c.short for c in v.contenders]
        for i, reg in enumerate(v.regions):
            row, col = divmod(i, cols)
            tile = pygame.Rect(r.left + col * (tw + gap), y + row * (th + gap), tw, th)
            lead = max(range(len(reg.loyalty)), key=lambda k: reg.loyalty[k])
            style = self.styles[lead] if lead < len(v.contenders) else None
            band = pygame.Rect(tile.left, tile.top, tile.width, self.px(8))
            surface.fill(p.paper_dark, tile)
            draw.faction_box(surface, band, style, p)
            pygame.draw.rect(surface, p.ink, tile, 1)
            token_room = self.px(24) if reg.patron >= 0 else 0
            left = tile.left + self.px(6)
            draw.block(surface, reg.name.upper(), (left, band.bottom + 2),
                       tile.width - self.px(10) - token_room, "heading", self.fs(15), p.ink,
                       floor=0.6, max_height=name_room)
            if members:
                draw.block(surface, f"{reg.members / 1000:.0f}k members",
                           (left, band.bottom + 2 + 2 * self.line("heading", 15)),
                           tile.width - self.px(12), "body", self.fs(11), p.muted)
            if reg.patron >= 0:
                draw.token(surface, (tile.right - self.px(13), band.bottom + self.px(13)),
                           self.px(9), self.styles[reg.patron], "", p,
                           ring=p.red if reg.fief_of >= 0 else None)
            lb = pygame.Rect(left, tile.bottom - self.px(16), tile.width - self.px(12),
                             self.px(10))
            shares = list(zip([*self.styles, None], reg.loyalty, strict=False))
            draw.bar(surface, lb, shares, p)
            self.hotspot(tile, explain.region(v, reg))
        key_y = y + rows * (th + gap)
        x = r.left
        key_h = self.line("body", 11)
        for c in v.contenders:  # the key: token, then the name
            kw = draw.font("body", self.fs(11)).size(names[c.index])[0] + self.px(28)
            if x + kw > r.right:
                x, key_y = r.left, key_y + key_h
            draw.token(surface, (x + self.px(8), key_y + key_h // 2), self.px(7),
                       self.styles[c.index], "", p)
            kr = draw.text(surface, names[c.index], (x + self.px(18), key_y), "body",
                           self.fs(11), p.ink)
            x = kr.right + self.px(10)
        note = "token: the secretary's patron"
        if x + draw.font("italic", self.fs(10)).size(note)[0] > r.right:
            x, key_y = r.left, key_y + key_h
        draw.text(surface, note, (r.right, key_y), "italic", self.fs(10), p.muted,
                  anchor="topright")
        self.heading(surface, "What happened", (r.left, self.regions_bottom + self.px(8)),
                     r.width)

    # -- the action list
    def menu_entries(self) -> list[tuple[str, object]]:
        """Headers and option indices, grouped by category in the engine's order; a card's
        choices under the card's title (named once, not in every row)."""
        groups: dict[str, list[int]] = {}
        for i in range(len(self.options)):
            groups.setdefault(self.group_of(i), []).append(i)
        order = [name for name, _ in explain.CATEGORIES]

        def rank(name: str) -> tuple[int, int]:  # the cards first, then the categories' order
            first = groups[name][0]
            return (0, first) if name not in order else (1, order.index(name))

        out: list[tuple[str, object]] = []
        for name in sorted(groups, key=rank):
            out.append(("header", name))
            out += [("option", i) for i in groups[name]]
        return out

    def header_height(self, name: str) -> int:
        """A group's heading: one line, or two for a long card title."""
        used = draw.block(None, name.upper(), (0, 0), self.r_right.width, "heading",
                          self.fs(16), max_lines=2)
        return used.height + self.px(6)

    def group_of(self, i: int) -> str:
        """The heading an option is listed under: its card's title, or its kind's category."""
        choice = card_choice(self.options[i], self.view)
        return f"Decide: {choice[0]}" if choice else explain.category(self.options[i].action.kind)

    def row_lines(self, i: int, width: int) -> tuple[list[str], list[str]]:
        """An option's label and the words of its odds, wrapped to the row's width."""
        o = self.options[i]
        choice = card_choice(o, self.view)
        label = ("✓ " if i in self.session.picks else "") + (choice[1] if choice else o.label)
        lines = draw.wrap(label, draw.font("body", self.fs(13)), width)
        odds = odds_text(o, self.view, self.session.scenario)
        said = draw.wrap(odds, draw.font("italic", self.fs(12)), width) if odds else []
        return lines, said

    def row_height(self, i: int, width: int) -> int:
        lines, said = self.row_lines(i, width)
        return (len(lines) * self.line("body", 13) + len(said) * self.line("italic", 12)
                + self.px(10))

    def paged(self, top: int, bottom: int) -> list[list[tuple[str, object, int]]]:
        """The list cut into pages that fit between ``top`` and ``bottom``, at most
        :data:`PER_PAGE` actions a page, a header never last on a page: (kind, value,
        height) each."""
        width = self.r_right.width - self.px(52)
        pages: list[list[tuple[str, object, int]]] = [[]]
        used = count = 0
        pending: tuple[str, object, int] | None = None
        for kind, value in self.menu_entries():
            if kind == "header":
                pending = ("header", value, self.header_height(str(value)))
                continue
            h = self.row_height(int(value), width)
            need = h + (pending[2] if pending else 0)
            if pages[-1] and (count >= PER_PAGE or top + used + need > bottom):
                pages.append([])
                used = count = 0
                if pending is None:  # the group goes on over the page: say which it is
                    name = self.group_of(int(value))
                    pending = ("header", name, self.header_height(name))
                need = h + (pending[2] if pending else 0)
            if pending is not None:
                pages[-1].append(pending)
                used += pending[2]
                pending = None
            pages[-1].append(("option", value, h))
            used += h
            count += 1
        return pages

    def draw_moves(self, surface) -> None:
        p, s, v = self.app.palette, self.session, self.view
        r = self.r_right
        y = self.heading(surface, "Your moves", (r.left, r.top), r.width)
        # action points: pips, and the words beside them
        pip = self.px(12)
        for i in range(s.ap):
            rect = pygame.Rect(r.right - (i + 1) * self.px(16), r.top + self.px(6), pip, pip)
            pygame.draw.rect(surface, p.paper_dark if i >= s.ap_left else p.red, rect)
            pygame.draw.rect(surface, p.ink, rect, 1)
        apr = draw.text(surface, f"{s.ap_left} OF {s.ap} AP LEFT",
                        (r.right - s.ap * self.px(16) - self.px(8), r.top + self.px(6) + pip // 2),
                        "heading", self.fs(16), p.ink, anchor="midright")
        self.hotspot(apr.union(pygame.Rect(r.right - s.ap * self.px(16), r.top, s.ap * self.px(16),
                                           pip + self.px(8))),
                     explain.action_points(v.mine, s.ap_left))
        y = self.draw_notes(surface, y)
        bottom = self.prev_button.relative_rect.top - self.px(6)
        pages = self.paged(y, bottom)
        self.pages = len(pages)
        self.page = min(self.page, self.pages - 1)
        self.rows = []
        if not self.options:
            why = (
                f"You can take no actions now ({v.mine.status_name})."
                if not s.finished
                else "The game is over."
            )
            draw.paragraph(surface, why + " End the turn to go on.",
                           pygame.Rect(r.left, y + self.px(8), r.width, self.px(80)), "italic",
                           self.fs(14), p.muted)
        number = 1
        for kind, value, h in pages[self.page]:
            rect = pygame.Rect(r.left, y, r.width, h - self.px(3))
            if kind == "header":
                draw.block(surface, str(value).upper(), (rect.left, rect.top + self.px(3)),
                           rect.width, "heading", self.fs(16), p.red, max_lines=2)
                self.rows.append((rect, None, str(value)))
            else:
                i = int(value)
                self.draw_row(surface, rect, i, number)
                self.rows.append((rect, i, ""))
                number += 1
            y += h
        draw.text(surface, f"PAGE {self.page + 1} OF {self.pages}",
                  (r.centerx, self.prev_button.relative_rect.centery), "heading", self.fs(16),
                  p.ink, anchor="center")
        chosen = s.chosen()
        left = self.undo_button.relative_rect.right + self.px(6)
        box = pygame.Rect(left, self.end_button.relative_rect.top,
                          self.end_button.relative_rect.left - left - self.px(6),
                          self.end_button.relative_rect.height)
        said = f"{len(chosen)} CHOSEN"
        need = draw.block(None, said, (box.left, box.top), box.width, "heading", self.fs(18),
                          max_lines=2)
        draw.block(surface, said, (box.left, box.centery - need.height // 2), box.width,
                   "heading", self.fs(18), p.ink, max_lines=2, align="center")
        listing = "<br>".join(explain.esc(o.label) for o in chosen) or "Nothing yet."
        self.hotspot(box, f"<b>Chosen this turn</b> ({s.ap - s.ap_left} AP)<br>{listing}")
        for b in (self.prev_button, self.next_button):
            b.enable() if self.pages > 1 else b.disable()

    def draw_notes(self, surface, y: int) -> int:
        """The lines under the moves' heading (this turn's meetings); the y below them."""
        p, v, r = self.app.palette, self.view, self.r_right
        if v.meetings_this_turn:
            meet = ", ".join(
                v.organ_names.get(m_, m_.replace("_", " ")) for m_ in v.meetings_this_turn
            )
            mr = draw.block(surface, f"Meeting this turn: {meet}.", (r.left, y), r.width,
                            "italic", self.fs(12), p.muted, max_lines=2)
            self.hotspot(mr, f"<b>Meeting this turn</b>: {explain.esc(meet)}. Votes waiting "
                         "for these organs are taken at the end of this turn.")
            y = mr.bottom + self.px(6)
        return y

    def draw_row(self, surface, rect: pygame.Rect, i: int, number: int) -> None:
        p, s = self.app.palette, self.session
        o = self.options[i]
        chosen = i in s.picks
        blocked = not chosen and s.why_not(i) is not None
        surface.fill(p.red if chosen else p.paper_dark, rect)
        ink = p.paper if chosen else (p.muted if blocked else p.ink)
        first_line = rect.top + self.px(5)
        draw.text(surface, str(number), (rect.left + self.px(6), first_line), "heading",
                  self.fs(16), ink)
        x = rect.left + self.px(24)
        pip_y = first_line + self.line("body", 13) // 2
        for k in range(o.cost):  # cost as pips
            pygame.draw.rect(surface, ink,
                             (x + k * self.px(8), pip_y - self.px(4), self.px(6), self.px(8)))
        x = rect.left + self.px(46)
        lines, said = self.row_lines(i, rect.right - self.px(6) - x)
        y = first_line
        for line in lines:
            draw.text(surface, line, (x, y), "body", self.fs(13), ink)
            y += self.line("body", 13)
        for line in said:
            draw.text(surface, line, (x, y), "italic", self.fs(12), ink if chosen else p.muted)
            y += self.line("italic", 12)
        odds = odds_text(o, self.view, s.scenario)
        self.hotspot(
            rect,
            explain.option(o, odds)
            + (f"<br><i>{explain.esc(s.why_not(i))}</i>" if blocked else ""),
            on_click=lambda i=i: self.toggle(i),
        )

    def draw(self, surface: pygame.Surface) -> None:
        if self.layer is not None:
            surface.blit(self.layer, (0, 0))
        if self.app.top is not self:
            return
        mouse = self.app.mouse
        options = [row for row in self.rows if row[1] is not None]
        for n, (rect, _i, _) in enumerate(options):
            if rect.collidepoint(mouse) or n == self.row_focus and self.focused < 0:
                pygame.draw.rect(surface, self.app.palette.ink, rect, 2)

    def log_html(self) -> str:
        """What the person at the board may see of the last turns, newest first, each turn
        under its date (rebuilt from the game's record, so a loaded game has its log too)."""
        s = self.session
        me = s.scenario.contender_index(s.me)
        by_turn: dict[int, list[str]] = {}
        for e in visible(s.match.events, me):
            by_turn.setdefault(e.turn, []).append(explain.event_html(e))
        if not by_turn:
            return "<i>The turn's events will be written here.</i>"
        cal = s.scenario.calendar
        parts = []
        for turn in sorted(by_turn, reverse=True)[:LOG_TURNS]:
            when = date_words(cal.label(min(turn, cal.turns - 1)))
            parts.append(f"<b>{explain.esc(when)}</b><br>" + "<br>".join(by_turn[turn]))
        return "<br><br>".join(parts)

    # -- input
    def key(self, event: pygame.event.Event) -> None:
        k = event.key
        options = [row for row in self.rows if row[1] is not None]
        if k == pygame.K_ESCAPE:
            self.menu()
        elif pygame.K_1 <= k <= pygame.K_9:
            n = k - pygame.K_1
            if n < len(options):
                self.row_focus = n
                self.toggle(options[n][1])
        elif k in (pygame.K_u, pygame.K_BACKSPACE):
            self.undo()
        elif k == pygame.K_e:
            self.end_turn()
        elif k == pygame.K_c:
            self.show_cards()
        elif k == pygame.K_g:
            self.show_goal()
        elif k == pygame.K_s:
            self.save()
        elif k == pygame.K_F5:
            self.reload()
        elif k == pygame.K_PAGEDOWN:
            self.turn_page(1)
        elif k == pygame.K_PAGEUP:
            self.turn_page(-1)
        elif k in (pygame.K_DOWN, pygame.K_UP) and self.focused < 0 and options:
            step = 1 if k == pygame.K_DOWN else -1
            n = self.row_focus + step
            if 0 <= n < len(options):
                self.row_focus = n
            elif self.pages > 1:  # past the end of a page: on to the next (or previous) one
                self.turn_page(step)
                if step < 0:
                    self.row_focus = len([r for r in self.rows if r[1] is not None]) - 1
            else:
                self.row_focus = n % len(options)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focused < 0:
            if 0 <= self.row_focus < len(options):
                self.toggle(options[self.row_focus][1])
        else:
            super().key(event)

    def move_focus(self, step: int) -> None:
        """Tab goes round the list of actions (focus -1: Up/Down and Enter work it) and every
        button."""
        usable = [-1] + [i for i, b in enumerate(self.focus) if b.is_enabled and b.visible]
        at = usable.index(self.focused) if self.focused in usable else 0
        self.focused = usable[(at + step) % len(usable)]

    def toggle(self, index: int) -> None:
        s = self.session
        if index in s.picks:
            s.undo(index)
        else:
            problem = s.choose(index)
            if problem:
                self.app.toast(problem)
                return
        self.refresh()

    def undo(self) -> None:
        if self.session.undo() is not None:
            self.refresh()

    def turn_page(self, step: int) -> None:
        self.page = (self.page + step) % max(1, self.pages)
        self.row_focus = 0
        self.refresh()

    def show_cards(self) -> None:
        from .cards import CardsScene

        if self.view.cards:
            self.app.push(CardsScene(self.app, self))
        else:
            self.app.toast("No event cards this turn.", "Cards")

    def reload(self) -> None:
        """F5, for modders: read the scenario file again and go on with it (see
        :meth:`GameSession.reload`), saying what changed or why the old one stays."""
        from game.content import sources

        catalogue = self.app.catalogue()
        entry = catalogue.get(self.session.scenario.id)
        if entry is None:
            self.app.toast("This game's scenario has no file to reload.", "Reload")
            return
        done = self.session.reload(entry.path)
        if done.scenario is not None:  # new games, too, are played on the file as it is now
            at = catalogue.entries.index(entry)
            catalogue.entries[at] = sources.Entry(done.scenario.id, done.scenario.title,
                                                  entry.path, entry.origin, done.scenario)
            self.page, self.row_focus = 0, 0
            self.turn_begun = self.session.match.state.turn  # the same turn: no hand-off again
            self.refresh()
            if self.session.hotseat:  # everyone chooses again, from the first seat
                from .hotseat import PrivacyScreen

                self.app.push(PrivacyScreen(self.app, self))
        title = "Scenario reloaded" if done.done else "Scenario not reloaded"
        self.app.toast(explain.esc(done.message), title)

    def save(self) -> None:
        from .saveload import SaveScene

        self.app.push(SaveScene(self.app, self.session))

    def menu(self) -> None:
        from .menu import GameMenu

        self.app.push(GameMenu(self.app, self.session))

    def end_turn(self) -> None:
        """Play the turn, asking first only when something may have been forgotten (an
        undecided card, unspent action points)."""
        s = self.session
        problem = s.check_orders()
        if problem:
            self.app.toast(f"These choices cannot be played together: {problem}")
            return
        warnings = []
        if s.pending_cards():
            warnings.append("you have not decided on: " + "; ".join(s.pending_cards()))
        if s.ap_left > 0 and self.options:
            warnings.append(f"{s.ap_left} action point{'s' * (s.ap_left > 1)} unspent")
        if not warnings:
            self.play_turn()
            return
        question = f"End the turn with {' and '.join(warnings)}? It cannot be taken back."
        self.app.confirm(explain.esc(question), "End turn", self.play_turn)

    def play_turn(self) -> None:
        """Hand in this person's orders; once everyone has, play the turn and report it (at a
        hotseat table, each person reads their own report behind their privacy screen)."""
        from .hotseat import PrivacyScreen

        s = self.session
        before = s.view()
        if not s.submit():  # the next person at a hotseat table
            self.refresh()
            self.app.push(PrivacyScreen(self.app, self))
            return
        self.turn_played(before)

    def turn_played(self, before: View) -> None:
        """The turn has been played: the board of the next one, and the report of this one."""
        from .hotseat import PrivacyScreen
        from .report import TurnReport

        s = self.session
        self.before = before
        self.page = 0
        self.row_focus = 0
        self.turn_begun = s.match.state.turn
        self.refresh()
        if s.notice:
            self.app.toast(explain.esc(s.notice))
            s.notice = None
        if s.hotseat and not s.finished:
            self.app.push(PrivacyScreen(self.app, self))
        else:
            self.app.push(TurnReport(self.app, self, s.played(),
                                     s.visible_events(public=s.hotseat),
                                     None if s.hotseat else s.me))

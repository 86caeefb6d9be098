"""The main board: the party pyramid, the regions, the contenders, the mood, this turn's moves
and the log.

Everything that is not a widget is drawn once into a cached layer whenever the game or the
player's choices change; a frame is that layer, the row under the mouse and the widgets, which
keeps a frame cheap. Every drawn number registers a hotspot whose tooltip says what it is and
why it has that value (see :mod:`game.ui.explain`).
"""

from __future__ import annotations

import re

import pygame
from pygame_gui.elements import UITextBox

from game.engine import Kind, View

from .. import draw, explain, theme
from ..app import App, Scene
from ..session import GameSession

TOP = 52


def date_words(v: View) -> str:
    m = re.fullmatch(r"(\d+)-(\D*)(\d+)", v.date)
    return f"{m.group(2)}{m.group(3)} {m.group(1)}" if m else v.date


def surname(name: str) -> str:
    """A Politburo seat's letters: the first two of the surname ("Alexei Rykov": "RY")."""
    return draw.initials(name.split()[-1]) if name.split() else "?"


class BoardScene(Scene):
    def __init__(self, app: App, session: GameSession) -> None:
        super().__init__(app)
        self.session = session
        self.page = 0
        self.row_focus = 0
        self.rows: list[tuple[pygame.Rect, int | None, str]] = []  # rect, option or None, header
        self.before: View | None = None  # the view a turn ago, for changes
        self.turn_begun = -1
        self.log_lines: list[str] = []
        self.layer: pygame.Surface | None = None

    # -- layout
    def layout(self, area: pygame.Rect) -> None:
        w, h = area.size
        self.k = min(w / 1280, h / 720)
        self.ts = self.app.settings.text_scale
        s = self.k
        m = round(12 * s)
        self.m = m
        self.styles = theme.faction_styles(self.session.scenario.contenders, self.app.palette)
        right_w = round(390 * s)
        left_w = round(370 * s)
        self.r_right = pygame.Rect(w - m - right_w, TOP * s + m, right_w, h - TOP * s - 2 * m)
        self.r_strip = pygame.Rect(m, TOP * s + m, w - right_w - 3 * m, round(112 * s))
        body_top = self.r_strip.bottom + m
        self.r_left = pygame.Rect(m, body_top, left_w, h - body_top - m)
        mid_x = self.r_left.right + m
        self.r_mid = pygame.Rect(mid_x, body_top, self.r_right.left - m - mid_x, h - body_top - m)
        bh = round(34 * s)
        top_buttons = [
            ("Help", self.app.show_help, "Keys and mouse (F1)"),
            ("Menu", self.menu, "Save, load, settings, quit (Esc)"),
            ("Save", self.save, "Save the game in a named slot (S)"),
            ("Encyclopedia", self.app.open_encyclopedia, "People, offices and terms"),
            ("Cards", self.show_cards, "This turn's event cards (C)"),
        ]
        x = w - m
        for label, action, tip in top_buttons:
            bw = round((60 + 11 * len(label)) * s)
            x -= bw
            self.button(
                pygame.Rect(x, (TOP * s - bh) // 2, bw, bh),
                label,
                action,
                tip=tip,
                object_id="#small_button",
            )
            x -= round(8 * s)
        rr = self.r_right
        self.end_button = self.button(
            pygame.Rect(
                rr.right - round(190 * s), rr.bottom - round(48 * s), round(190 * s), round(48 * s)
            ),
            "End turn",
            self.end_turn,
            tip="Play the turn with your choices (E)",
        )
        self.undo_button = self.button(
            pygame.Rect(rr.left, rr.bottom - round(48 * s), round(120 * s), round(48 * s)),
            "Undo",
            self.undo,
            tip="Take back your last choice (U)",
        )
        nav_y = rr.bottom - round(98 * s)
        nb = round(44 * s)
        self.prev_button = self.button(
            pygame.Rect(rr.left, nav_y, nb, round(36 * s)),
            "<",
            lambda: self.turn_page(-1),
            tip="Previous page (PgUp)",
            object_id="#small_button",
        )
        self.next_button = self.button(
            pygame.Rect(rr.right - nb, nav_y, nb, round(36 * s)),
            ">",
            lambda: self.turn_page(1),
            tip="Next page (PgDn)",
            object_id="#small_button",
        )
        log_top = self.r_mid.top + round(self.r_mid.height * 0.56)
        self.r_log = pygame.Rect(
            self.r_mid.left,
            log_top + round(30 * s),
            self.r_mid.width,
            self.r_mid.bottom - log_top - round(30 * s),
        )
        self.log_box = UITextBox(
            self.log_html(), self.r_log, self.app.ui, container=self.root, object_id="#panel_text"
        )
        self.focus_on(self.end_button)
        self.focused = -1
        self.refresh()
        if self.session.match.state.turn != self.turn_begun and not self.session.finished:
            self.turn_begun = self.session.match.state.turn
            self.app.push_later(self.begin_turn)

    def begin_turn(self) -> None:
        """At the start of a turn: the hand-off screen at a hotseat table, else the cards."""
        if self.session.finished:
            return
        if self.session.hotseat:
            from .hotseat import PrivacyScreen

            self.app.push(PrivacyScreen(self.app, self))
        elif self.view.cards:
            self.show_cards()

    def px(self, n: float) -> int:
        return round(n * self.k)

    def fs(self, n: float) -> int:
        """A font size scaled to the window and the player's text size."""
        return max(9, round(n * self.k * self.ts))

    # -- the cached layer
    def refresh(self) -> None:
        """Redraw the layer and the widgets that show the game (after any change)."""
        s = self.session
        self.view = s.view()
        self.options = s.options()
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
        self.log_box.set_text(self.log_html())
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
        p, v, s = self.app.palette, self.view, self.session
        bar = pygame.Rect(0, 0, surface.get_width(), self.px(TOP))
        surface.fill(p.ink, bar)
        pygame.draw.rect(surface, p.red, (0, bar.bottom - self.px(4), bar.width, self.px(4)))
        shown = min(v.turn + 1, v.turns)
        x = self.m
        r = draw.text(
            surface,
            date_words(v).upper(),
            (x, bar.centery - self.px(2)),
            "heading",
            self.fs(34),
            p.paper,
            anchor="midleft",
        )
        self.hotspot(
            r,
            f"<b>{explain.esc(date_words(v))}</b>: turn {shown} of {v.turns}. "
            "Each turn is one period of the calendar.",
        )
        r = draw.text(
            surface,
            f"TURN {shown} OF {v.turns}",
            (r.right + self.px(14), r.centery),
            "heading",
            self.fs(20),
            p.paper_dark,
            anchor="midleft",
        )
        me = v.mine
        r = draw.text(
            surface,
            f"YOU: {me.short.upper()}",
            (r.right + self.px(24), r.centery),
            "heading",
            self.fs(22),
            p.red,
            anchor="midleft",
        )
        ap = draw.text(
            surface,
            f"{s.ap_left} OF {me.action_points} AP LEFT",
            (r.right + self.px(16), r.centery),
            "heading",
            self.fs(22),
            p.paper,
            anchor="midleft",
        )
        self.hotspot(ap, explain.action_points(me, s.ap_left))
        if v.meetings_this_turn:
            meet = ", ".join(
                v.organ_names.get(m_, m_.replace("_", " ")) for m_ in v.meetings_this_turn
            )
            limit = self.buttons_left() - ap.right - self.px(30)
            if limit > self.px(80):
                mr = draw.text(
                    surface,
                    f"MEETS: {meet.upper()}",
                    (ap.right + self.px(20), ap.centery),
                    "heading",
                    self.fs(20),
                    p.paper_dark,
                    anchor="midleft",
                    max_width=limit,
                )
                self.hotspot(
                    mr,
                    f"<b>Meeting this turn</b>: {explain.esc(meet)}. Votes waiting "
                    "for these organs are taken at the end of this turn.",
                )

    def buttons_left(self) -> int:
        xs = [b.relative_rect.left for b in self.buttons if b.relative_rect.top < self.px(TOP)]
        return min(xs) if xs else self.app.size[0]

    def draw_strip(self, surface) -> None:
        """The contenders, one card each."""
        p, v = self.app.palette, self.view
        r = self.r_strip
        n = len(v.contenders)
        gap = self.px(8)
        cw = (r.width - gap * (n - 1)) // n
        for c in v.contenders:
            card = pygame.Rect(r.left + c.index * (cw + gap), r.top, cw, r.height)
            mine = c.index == v.me
            surface.fill(p.paper_dark, card)
            pygame.draw.rect(surface, p.red if mine else p.ink, card, self.px(3) if mine else 1)
            rad = self.px(24)
            centre = (card.left + rad + self.px(10), card.top + rad + self.px(10))
            tok = draw.token(
                surface,
                centre,
                rad,
                self.styles[c.index],
                draw.initials(c.short),
                p,
                faded=not c.in_party,
            )
            tip = explain.status(c) + ("" if mine else "<br>" + explain.trust(v, c))
            self.hotspot(tok, tip, term=self.session.scenario.contenders[c.index].id)
            tx = tok.right + self.px(6)
            width = card.right - tx - self.px(6)
            nr = draw.text(
                surface,
                c.short.upper(),
                (tx, card.top + self.px(6)),
                "heading",
                self.fs(22),
                p.red if mine else p.ink,
                max_width=width,
            )
            sr = draw.text(
                surface,
                c.status_name,
                (tx, nr.bottom),
                "body",
                self.fs(12),
                p.muted,
                max_width=width,
            )
            self.hotspot(sr, explain.status(c))
            big = draw.text(
                surface,
                explain.pct(c.support),
                (tx, sr.bottom + self.px(2)),
                "heading",
                self.fs(30),
                p.ink,
            )
            self.hotspot(big, explain.support(v, c, self.before))
            x = big.right + self.px(4)
            if self.before is not None:
                d = 100 * (c.support - self.before.contenders[c.index].support)
                if abs(d) >= 0.5:
                    dr = draw.text(
                        surface,
                        f"{d:+.0f}",
                        (x, big.centery),
                        "heading",
                        self.fs(18),
                        p.good if d > 0 else p.bad,
                        anchor="midleft",
                    )
                    x = dr.right + self.px(6)
            for a in c.allies:  # small tokens of allies beside the support
                ar = draw.token(
                    surface, (x + self.px(8), big.centery), self.px(8), self.styles[a], "", p
                )
                self.hotspot(
                    ar,
                    f"Allied with {explain.esc(v.contenders[a].short)}: their "
                    "factions vote together.",
                )
                x = ar.right + self.px(2)
            y = max(big.bottom, tok.bottom) + self.px(2)
            stats = [
                (f"P {c.prestige:.0f}", explain.prestige(c)),
                (f"H {c.health:.0f}", explain.health(c)),
                (f"T {c.threat:.0f}", explain.threat(c)),
                (f"L {c.line:+.1f}", explain.line(c, v)),
            ]
            if not mine:
                stats.append((f"t {v.trust[c.index]:+.1f}", explain.trust(v, c)))
            x = card.left + self.px(8)
            for label, tip in stats:
                sr2 = draw.text(surface, label, (x, y), "bold", self.fs(11), p.ink)
                self.hotspot(sr2.inflate(4, 4), tip)
                x = sr2.right + self.px(7)
            office_text = ", ".join(c.offices) if c.offices else "no office"
            orr = draw.text(
                surface,
                office_text,
                (card.left + self.px(8), y + self.fs(16)),
                "italic",
                self.fs(11),
                p.ink,
                max_width=card.width - self.px(16),
            )
            self.hotspot(orr, explain.offices(c), term=c.office_ids[0] if c.office_ids else None)

    def draw_pyramid(self, surface) -> None:
        """The Politburo seats, the Central Committee and the Congress, then the mood."""
        p, v = self.app.palette, self.view
        r = self.r_left
        y = self.heading(surface, "The party", (r.left, r.top), r.width)
        # the pyramid behind
        apex = (r.centerx, y + self.px(4))
        base_y = y + self.px(250)
        pygame.draw.polygon(surface, p.paper_dark, [apex, (r.right, base_y), (r.left, base_y)])
        # Politburo: seats on two rows near the apex
        n = len(v.politburo)
        per_row = (n + 1) // 2
        rad = self.px(15)
        draw.text(
            surface,
            v.organ_names["politburo"].upper(),
            (r.centerx, y + self.px(26)),
            "heading",
            self.fs(17),
            p.ink,
            anchor="center",
            max_width=r.width,
        )
        for i, seat in enumerate(v.politburo):
            row, col = divmod(i, per_row)
            count = per_row if row == 0 else n - per_row
            cx = r.centerx + (col - (count - 1) / 2) * self.px(36)
            cy = y + self.px(58) + row * self.px(36)
            style = self.styles[seat.faction] if seat.faction >= 0 else None
            if style is None:
                pygame.draw.circle(surface, p.uncommitted, (cx, cy), rad)
                pygame.draw.circle(surface, p.ink, (cx, cy), rad, 2)
                draw.text(
                    surface,
                    surname(seat.name),
                    (cx, cy),
                    "heading",
                    self.fs(13),
                    p.ink,
                    anchor="center",
                )
                tr = pygame.Rect(cx - rad, cy - rad, 2 * rad, 2 * rad)
            else:
                tr = draw.token(
                    surface,
                    (int(cx), int(cy)),
                    rad,
                    style,
                    surname(seat.name),
                    p,
                    ring=p.red if seat.contender >= 0 else None,
                )
            self.hotspot(
                tr,
                explain.politburo_seat(v, seat.name, seat.faction, seat.contender),
                term=self.seat_term(seat),
            )
        # Central Committee and Congress bars
        names = [c.short for c in v.contenders] + ["uncommitted"]
        styles = [*self.styles, None]
        cc = list(v.cc_share) + [0.0] * (len(names) - len(v.cc_share))
        congress = [c.support for c in v.contenders]
        congress.append(max(0.0, 1 - sum(congress)))
        for label, shares, tip, term, yy in (
            (
                f"{v.organ_names['central_committee']} ({v.cc_seats})",
                cc,
                explain.central_committee(v, list(zip(names, cc, strict=True))),
                "central_committee",
                y + self.px(140),
            ),
            (
                f"{v.organ_names['congress']} ({v.congress_delegates:,})",
                congress,
                explain.congress(v, list(zip(names, congress, strict=True))),
                "congress",
                y + self.px(196),
            ),
        ):
            draw.text(
                surface,
                label.upper(),
                (r.centerx, yy),
                "heading",
                self.fs(16),
                p.ink,
                anchor="midbottom",
                max_width=r.width,
            )
            width = r.width - self.px(40) if "(" in label and yy < y + self.px(160) else r.width
            bar = pygame.Rect(0, yy + self.px(2), width, self.px(22))
            bar.centerx = r.centerx
            draw.bar(surface, bar, list(zip(styles, shares, strict=True)), p)
            self.hotspot(bar, tip, term=term)
        # the mood
        my = base_y + self.px(14)
        my = self.heading(surface, "The mood", (r.left, my), r.width)
        axis = pygame.Rect(
            r.left + self.px(40), my + self.px(30), r.width - self.px(80), self.px(4)
        )
        surface.fill(p.ink, axis)
        draw.text(
            surface,
            "LEFT",
            (axis.left - self.px(4), axis.centery),
            "heading",
            self.fs(14),
            p.ink,
            anchor="midright",
        )
        draw.text(
            surface,
            "RIGHT",
            (axis.right + self.px(4), axis.centery),
            "heading",
            self.fs(14),
            p.ink,
            anchor="midleft",
        )

        def at(x: float) -> int:
            return round(axis.left + (x + 1) / 2 * axis.width)

        for c in v.contenders:
            cx = at(c.line)
            draw.token(
                surface,
                (cx, axis.top - self.px(14)),
                self.px(10),
                self.styles[c.index],
                "",
                p,
                faded=not c.in_party,
            )
            self.hotspot(pygame.Rect(cx - 10, axis.top - self.px(25), 20, 22), explain.line(c, v))
        # the mood: a red mark under the axis; the official line: a black mark on it
        close = abs(at(v.mood_line) - at(v.party_line)) < self.px(44)
        mx, lx = at(v.mood_line), at(v.party_line)
        tip = axis.bottom + 2
        pygame.draw.polygon(surface, p.red, [(mx, tip), (mx - 7, tip + 12), (mx + 7, tip + 12)])
        pygame.draw.rect(surface, p.ink, (lx - 3, axis.top - 6, 6, axis.height + 12))
        labels = (
            [("MOOD + LINE", (mx + lx) // 2, p.ink)]
            if close
            else [("MOOD", mx, p.red), ("LINE", lx, p.ink)]
        )
        for tag, cx, colour in labels:
            tr = draw.text(
                surface,
                tag,
                (cx, tip + self.px(14)),
                "heading",
                self.fs(13),
                colour,
                anchor="midtop",
            )
            self.hotspot(
                tr.union(pygame.Rect(cx - 8, axis.top - 6, 16, 20)), explain.mood(v), term="nep"
            )
        uy = axis.bottom + self.px(42)
        ur = draw.text(surface, "UNITY", (r.left, uy), "heading", self.fs(16), p.ink)
        ubar = pygame.Rect(
            ur.right + self.px(8), uy + self.px(3), r.width - ur.width - self.px(60), self.px(14)
        )
        surface.fill(p.paper_dark, ubar)
        surface.fill(p.red, (ubar.left, ubar.top, round(ubar.width * v.mood_unity), ubar.height))
        pygame.draw.rect(surface, p.ink, ubar, 1)
        pr = draw.text(
            surface,
            explain.pct(v.mood_unity),
            (ubar.right + self.px(6), ubar.centery),
            "heading",
            self.fs(16),
            p.ink,
            anchor="midleft",
        )
        self.hotspot(ubar.union(pr).union(ur), explain.unity(v), term="ban_on_factions")
        self.draw_secrets(
            surface,
            pygame.Rect(
                r.left, ubar.bottom + self.px(12), r.width, r.bottom - ubar.bottom - self.px(12)
            ),
        )

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
        if not lines:
            return
        text = "SECRET (only you see this): " + "  ".join(lines)
        used = draw.paragraph(surface, text, r, "italic", self.fs(12), p.ink)
        self.hotspot(
            pygame.Rect(r.left, r.top, r.width, used),
            "<b>Your secrets.</b> Rivals never see your dossiers or the offers you make "
            "and receive.",
        )

    def draw_regions(self, surface) -> None:
        """The regions as a tiled diagram, each tile in its dominant faction's colours."""
        p, v = self.app.palette, self.view
        r = self.r_mid
        y = self.heading(surface, "The regions", (r.left, r.top), r.width)
        n = len(v.regions)
        cols = 4 if n > 9 else 3
        rows = -(-n // cols)
        gap = self.px(6)
        key_h = self.fs(18)
        grid_h = round(r.height * 0.56) - (y - r.top) - gap - key_h
        tw = (r.width - gap * (cols - 1)) // cols
        th = min(self.px(110), (grid_h - gap * (rows - 1)) // max(1, rows))
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
            draw.text(
                surface,
                reg.name.upper(),
                (tile.left + self.px(6), band.bottom + 2),
                "heading",
                self.fs(15),
                p.ink,
                max_width=tile.width - self.px(30),
            )
            draw.text(
                surface,
                f"{reg.members / 1000:.0f}k members",
                (tile.left + self.px(6), band.bottom + self.fs(17)),
                "body",
                self.fs(11),
                p.muted,
                max_width=tile.width - self.px(30),
            )
            if reg.patron >= 0:
                draw.token(
                    surface,
                    (tile.right - self.px(13), band.bottom + self.px(13)),
                    self.px(9),
                    self.styles[reg.patron],
                    "",
                    p,
                    ring=p.red if reg.fief_of >= 0 else None,
                )
            lb = pygame.Rect(
                tile.left + self.px(6),
                tile.bottom - self.px(16),
                tile.width - self.px(12),
                self.px(10),
            )
            shares = list(zip([*self.styles, None], reg.loyalty, strict=False))
            draw.bar(surface, lb, shares, p)
            self.hotspot(tile, explain.region(v, reg))
        key_y = y + rows * (th + gap)
        x = r.left
        key_font = draw.font("body", self.fs(11))
        room = r.width - self.px(120) - len(v.contenders) * self.px(28)  # the rest: the note
        natural = sum(key_font.size(n)[0] for n in names)
        each = None if natural <= room else max(10, room // max(1, len(v.contenders)))
        for c in v.contenders:  # the key: token, then the name (shortened only to fit)
            draw.token(
                surface,
                (x + self.px(8), key_y + self.px(9)),
                self.px(7),
                self.styles[c.index],
                "",
                p,
            )
            kr = draw.text(
                surface,
                names[c.index],
                (x + self.px(18), key_y),
                "body",
                self.fs(11),
                p.ink,
                max_width=each,
            )
            x = kr.right + self.px(10)
        draw.text(
            surface,
            "token: the secretary's patron",
            (r.right, key_y),
            "italic",
            self.fs(10),
            p.muted,
            anchor="topright",
            max_width=max(10, r.right - x),
        )
        log_top = r.top + round(r.height * 0.56)
        self.heading(surface, "What happened", (r.left, log_top), r.width)

    # -- the action list
    def draw_moves(self, surface) -> None:
        p, s = self.app.palette, self.session
        r = self.r_right
        y = self.heading(surface, "Your moves", (r.left, r.top), r.width)
        # action points as pips
        for i in range(s.ap):
            pip = pygame.Rect(
                r.right - (i + 1) * self.px(16), r.top + self.px(6), self.px(12), self.px(12)
            )
            spent = i >= s.ap_left
            pygame.draw.rect(surface, p.paper_dark if spent else p.red, pip)
            pygame.draw.rect(surface, p.ink, pip, 1)
        row_h = max(self.fs(30), self.px(30))
        bottom = self.prev_button.relative_rect.top - self.px(6)
        per_page = max(3, (bottom - y) // row_h)
        entries = self.menu_entries()
        pages = [entries[i : i + per_page] for i in range(0, len(entries), per_page)] or [[]]
        self.pages = len(pages)
        self.page = min(self.page, self.pages - 1)
        self.rows = []
        number = 1
        if not self.options:
            why = (
                f"You can take no actions now ({self.view.mine.status_name})."
                if not s.finished
                else "The game is over."
            )
            draw.paragraph(
                surface,
                why + " End the turn to go on.",
                pygame.Rect(r.left, y + self.px(8), r.width, self.px(80)),
                "italic",
                self.fs(14),
                p.muted,
            )
        for kind, value in pages[self.page]:
            rect = pygame.Rect(r.left, y, r.width, row_h - self.px(3))
            if kind == "header":
                draw.text(
                    surface,
                    str(value).upper(),
                    (rect.left, rect.bottom - 2),
                    "heading",
                    self.fs(16),
                    p.red,
                    anchor="bottomleft",
                )
                self.rows.append((rect, None, str(value)))
            else:
                i = int(value)
                self.draw_row(surface, rect, i, number)
                self.rows.append((rect, i, ""))
                number += 1
            y += row_h
        draw.text(
            surface,
            f"PAGE {self.page + 1} OF {self.pages}",
            (r.centerx, self.prev_button.relative_rect.centery),
            "heading",
            self.fs(16),
            p.ink,
            anchor="center",
        )
        chosen = s.chosen()
        left = self.undo_button.relative_rect.right + self.px(6)
        box = pygame.Rect(
            left,
            self.end_button.relative_rect.top,
            self.end_button.relative_rect.left - left - self.px(6),
            self.end_button.relative_rect.height,
        )
        draw.text(
            surface,
            f"{len(chosen)} CHOSEN",
            (box.centerx, box.centery),
            "heading",
            self.fs(18),
            p.ink,
            anchor="center",
            max_width=box.width,
        )
        listing = "<br>".join(explain.esc(o.label) for o in chosen) or "Nothing yet."
        self.hotspot(box, f"<b>Chosen this turn</b> ({s.ap - s.ap_left} AP)<br>{listing}")
        for b in (self.prev_button, self.next_button):
            b.enable() if self.pages > 1 else b.disable()

    def menu_entries(self) -> list[tuple[str, object]]:
        """Headers and option indices, grouped by category in the engine's order."""
        groups: dict[str, list[int]] = {}
        for i, o in enumerate(self.options):
            groups.setdefault(explain.category(o.action.kind), []).append(i)
        out: list[tuple[str, object]] = []
        for name, _ in explain.CATEGORIES:
            if name in groups:
                out.append(("header", name))
                out += [("option", i) for i in groups[name]]
        return out

    def draw_row(self, surface, rect: pygame.Rect, i: int, number: int) -> None:
        p, s = self.app.palette, self.session
        o = self.options[i]
        chosen = i in s.picks
        blocked = not chosen and s.why_not(i) is not None
        bg = p.red if chosen else p.paper_dark
        surface.fill(bg, rect)
        ink = p.paper if chosen else (p.muted if blocked else p.ink)
        if number <= 9:
            draw.text(
                surface,
                str(number),
                (rect.left + self.px(6), rect.centery),
                "heading",
                self.fs(16),
                ink,
                anchor="midleft",
            )
        x = rect.left + self.px(24)
        for k in range(o.cost):  # cost as pips
            pygame.draw.rect(
                surface,
                ink,
                (x + k * self.px(8), rect.centery - self.px(4), self.px(6), self.px(8)),
            )
        x += self.px(18)
        odds_w = self.px(44)
        if o.odds is not None:
            draw.text(
                surface,
                explain.pct(o.odds),
                (rect.right - self.px(6), rect.centery),
                "heading",
                self.fs(17),
                ink,
                anchor="midright",
            )
        draw.text(
            surface,
            ("✓ " if chosen else "") + o.label,
            (x, rect.centery),
            "body",
            self.fs(13),
            ink,
            anchor="midleft",
            max_width=rect.right - odds_w - x,
        )
        self.hotspot(
            rect,
            explain.option(o) + (f"<br><i>{explain.esc(s.why_not(i))}</i>" if blocked else ""),
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
        if not self.log_lines:
            return "<i>The turn's events will be written here.</i>"
        return "<br>".join(self.log_lines[-80:][::-1])

    # -- input
    def key(self, event: pygame.event.Event) -> None:
        k = event.key
        options = [row for row in self.rows if row[1] is not None]
        if k == pygame.K_ESCAPE:
            self.menu()
        elif pygame.K_1 <= k <= pygame.K_9:
            n = k - pygame.K_1
            if n < len(options):
                self.toggle(options[n][1])
        elif k in (pygame.K_u, pygame.K_BACKSPACE):
            self.undo()
        elif k == pygame.K_e:
            self.end_turn()
        elif k == pygame.K_c:
            self.show_cards()
        elif k == pygame.K_s:
            self.save()
        elif k == pygame.K_PAGEDOWN:
            self.turn_page(1)
        elif k == pygame.K_PAGEUP:
            self.turn_page(-1)
        elif k in (pygame.K_DOWN, pygame.K_UP) and self.focused < 0 and options:
            step = 1 if k == pygame.K_DOWN else -1
            self.row_focus = (self.row_focus + step) % len(options)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focused < 0:
            if 0 <= self.row_focus < len(options):
                self.toggle(options[self.row_focus][1])
        else:
            super().key(event)

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

    def save(self) -> None:
        from .saveload import SaveScene

        self.app.push(SaveScene(self.app, self.session))

    def menu(self) -> None:
        from .menu import GameMenu

        self.app.push(GameMenu(self.app, self.session))

    def end_turn(self) -> None:
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
        question = "End the turn? Your choices cannot be changed once it is played."
        if warnings:
            question = f"End the turn with {' and '.join(warnings)}? It cannot be taken back."
        self.app.confirm(explain.esc(question), "End turn", self.play_turn)

    def play_turn(self) -> None:
        from .report import TurnReport

        s = self.session
        before = s.view()
        played = date_words(before)
        if not s.submit():  # the next person at a hotseat table
            from .hotseat import PrivacyScreen

            self.refresh()
            self.app.push(PrivacyScreen(self.app, self))
            return
        self.before = before
        events = s.visible_events()
        self.log_lines.append(f"<b>{explain.esc(played)}</b>")
        for e in events:
            if e.kind == Kind.ACTION and not e.public:
                continue
            self.log_lines.append(explain.esc(e.text))
        self.page = 0
        self.row_focus = 0
        self.turn_begun = s.match.state.turn
        self.refresh()
        if s.notice:
            self.app.toast(explain.esc(s.notice))
            s.notice = None
        self.app.push(TurnReport(self.app, self, played, events))

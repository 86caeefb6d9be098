"""Drawing the parts of the board that are not widgets: type, tokens, patterns and bars.

Fonts are loaded once per size. Contender tokens are drawn by the game from a shape, a colour,
a pattern and initials, so no portrait has to be licensed and each faction stays recognisable
without colour.
"""

from __future__ import annotations

import math
from functools import cache

import pygame

from . import theme
from .theme import Colour

CUTS: list[str] = []
"""Every text drawn shortened (with an ellipsis) since the list was last cleared: a layout that
fits leaves it empty. Tests and the screenshot script read it."""


def _cut(words: str) -> None:
    if len(CUTS) < 1000:
        CUTS.append(words)


@cache
def font(kind: str, size: int) -> pygame.font.Font:
    """``kind``: heading, body, bold or italic."""
    path = {
        "heading": theme.HEADING_FONT,
        "body": theme.BODY_FONT,
        "bold": theme.BODY_BOLD,
        "italic": theme.BODY_ITALIC,
    }[kind]
    return pygame.font.Font(str(path), size)


def text(
    surface: pygame.Surface,
    words: str,
    pos: tuple[int, int],
    kind: str = "body",
    size: int = 15,
    colour: Colour = (0, 0, 0),
    anchor: str = "topleft",
    max_width: int | None = None,
) -> pygame.Rect:
    """Draw one line; if ``max_width`` is given the line is shortened with an ellipsis to fit."""
    f = font(kind, size)
    if max_width is not None and f.size(words)[0] > max_width:
        _cut(words)
        while words and f.size(words + "…")[0] > max_width:
            words = words[:-1]
        words = words.rstrip() + "…"
    img = f.render(words, True, colour)
    rect = img.get_rect(**{anchor: pos})
    surface.blit(img, rect)
    return rect


def wrap(words: str, f: pygame.font.Font, width: int) -> list[str]:
    """Break ``words`` into lines no wider than ``width`` pixels (a too-long word is cut)."""
    lines: list[str] = []
    for para in words.split("\n"):
        line = ""
        for word in para.split():
            trial = f"{line} {word}".strip()
            if f.size(trial)[0] <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            while f.size(word)[0] > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and f.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def paragraph(
    surface: pygame.Surface,
    words: str,
    rect: pygame.Rect,
    kind: str = "body",
    size: int = 15,
    colour: Colour = (0, 0, 0),
    spacing: float = 1.25,
) -> int:
    """Draw wrapped text inside ``rect``; returns the height used. Lines that do not fit in the
    rect are not drawn and the last shown line ends with an ellipsis."""
    f = font(kind, size)
    step = round(f.get_linesize() * spacing)
    lines = wrap(words, f, rect.width)
    fits = max(1, rect.height // step)
    if len(lines) > fits:
        _cut(words)
        lines = lines[:fits]
        last = lines[-1]
        while last and f.size(last + "…")[0] > rect.width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    y = rect.top
    for line in lines:
        surface.blit(f.render(line, True, colour), (rect.left, y))
        y += step
    return y - rect.top


def fitted(
    words: str,
    kind: str,
    size: int,
    width: int,
    max_lines: int = 1,
    floor: float = 0.8,
    max_height: int | None = None,
) -> tuple[pygame.font.Font, list[str]]:
    """The font and lines that fit ``words`` in ``width`` on at most ``max_lines`` lines (and,
    given ``max_height``, in that many pixels, on as many lines as fit there): the given size
    if it fits, else down to ``floor`` of it; if even that is too long, the last line is cut
    with an ellipsis (and noted in :data:`CUTS`)."""
    smallest = max(8, round(size * floor))
    for s in range(size, smallest - 1, -1):
        f = font(kind, s)
        if max((f.size(w)[0] for w in words.split()), default=0) > width:
            continue  # a word would be broken in two: smaller type first
        lines = wrap(words, f, width)
        limit = max_lines if max_height is None else max(1, max_height // f.get_linesize())
        if len(lines) <= limit:
            return f, lines
    f = font(kind, smallest)
    if max_height is not None:
        max_lines = max(1, max_height // f.get_linesize())
    lines = wrap(words, f, width)
    if len(lines) > max_lines:
        _cut(words)
        lines = lines[:max_lines]
        last = lines[-1]
        while last and f.size(last + "…")[0] > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return f, lines


def block(
    surface: pygame.Surface | None,
    words: str,
    pos: tuple[int, int],
    width: int,
    kind: str = "body",
    size: int = 15,
    colour: Colour = (0, 0, 0),
    max_lines: int = 1,
    floor: float = 0.8,
    align: str = "left",
    max_height: int | None = None,
) -> pygame.Rect:
    """Draw ``words`` wrapped to ``width`` from ``pos`` (its top left; ``align`` "center" puts
    each line in the middle of the width) on at most ``max_lines`` lines, the type made smaller
    (down to ``floor``) before anything is cut; returns the rect used. With no surface, only
    measures."""
    f, lines = fitted(words, kind, size, width, max_lines, floor, max_height)
    x, y = pos
    step = f.get_linesize()
    used = pygame.Rect(x, y, 0, 0)
    for line in lines:
        w = f.size(line)[0]
        lx = x + (width - w) // 2 if align == "center" else x
        r = pygame.Rect(lx, y, w, step)
        if surface is not None:
            surface.blit(f.render(line, True, colour), r)
        used = r if used.width == 0 else used.union(r)
        y += step
    return used


def polygon_points(shape: str, centre: tuple[float, float], r: float) -> list[tuple[float, float]]:
    cx, cy = centre
    sides, turn = {
        "square": (4, 45),
        "triangle": (3, -90),
        "diamond": (4, 0),
        "hexagon": (6, 0),
        "pentagon": (5, -90),
    }[shape]
    scale = {"square": 0.95, "triangle": 1.15, "diamond": 1.1}.get(shape, 1.0)
    return [
        (
            cx + r * scale * math.cos(math.radians(turn + 360 * k / sides)),
            cy + r * scale * math.sin(math.radians(turn + 360 * k / sides)),
        )
        for k in range(sides)
    ]


def pattern_surface(size: tuple[int, int], colour: Colour, pattern: str, ink: Colour):
    """A rectangle filled with ``colour`` and overlaid with the faction's ``pattern``."""
    surf = pygame.Surface(size, pygame.SRCALPHA)
    surf.fill(colour)
    w, h = size
    mark = (*_contrast(colour, ink), 150)
    if pattern == "stripes":
        for x in range(-h, w, 7):
            pygame.draw.line(surf, mark, (x, h), (x + h, 0), 2)
    elif pattern == "dots":
        for y in range(3, h, 7):
            for x in range(3 + (y // 7 % 2) * 3, w, 7):
                pygame.draw.circle(surf, mark, (x, y), 1.5)
    elif pattern == "cross":
        for x in range(-h, w, 8):
            pygame.draw.line(surf, mark, (x, h), (x + h, 0), 1)
            pygame.draw.line(surf, mark, (x, 0), (x + h, h), 1)
    elif pattern == "checks":
        for y in range(0, h, 6):
            for x in range((y // 6 % 2) * 6, w, 12):
                surf.fill(mark, (x, y, 6, 6))
    elif pattern == "waves":
        for y in range(4, h + 4, 7):
            pts = [(x, y + 2 * math.sin(x / 3)) for x in range(0, w + 1, 2)]
            if len(pts) > 1:
                pygame.draw.lines(surf, mark, False, pts, 2)
    elif pattern == "blank":
        for x in range(0, w, 6):
            pygame.draw.line(surf, (*ink, 40), (x, 0), (x, h), 1)
    return surf


def _contrast(colour: Colour, ink: Colour) -> Colour:
    light = 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]
    return ink if light > 150 else (245, 238, 225)


def faction_box(
    surface: pygame.Surface,
    rect: pygame.Rect,
    style: theme.FactionStyle | None,
    palette: theme.Palette,
) -> None:
    """A rectangle in a faction's colour and pattern (None, the uncommitted: grey, ruled)."""
    if rect.width <= 0 or rect.height <= 0:
        return
    if style is None:
        fill = pattern_surface(rect.size, palette.uncommitted, "blank", palette.ink)
    else:
        fill = pattern_surface(rect.size, style.colour, style.pattern, palette.ink)
    surface.blit(fill, rect)


def token(
    surface: pygame.Surface,
    centre: tuple[int, int],
    radius: int,
    style: theme.FactionStyle,
    initials: str,
    palette: theme.Palette,
    *,
    ring: Colour | None = None,
    faded: bool = False,
) -> pygame.Rect:
    """A contender's token: their shape in their colour and pattern, with initials."""
    size = radius * 2 + 6
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    c = (size / 2, size / 2)
    shape, colour = style.shape, style.colour
    fill = pattern_surface((size, size), colour, style.pattern, palette.ink)
    mask = pygame.Surface((size, size), pygame.SRCALPHA)
    if shape == "circle":
        pygame.draw.circle(mask, (255, 255, 255, 255), c, radius)
    else:
        pygame.draw.polygon(mask, (255, 255, 255, 255), polygon_points(shape, c, radius))
    fill.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    surf.blit(fill, (0, 0))
    outline = ring or palette.ink
    width = 3 if ring else 2
    if shape == "circle":
        pygame.draw.circle(surf, outline, c, radius, width)
    else:
        pygame.draw.polygon(surf, outline, polygon_points(shape, c, radius), width)
    if initials:
        f = font("heading", max(10, int(radius * (1.0 if len(initials) < 3 else 0.8))))
        label = f.render(initials, True, palette.paper)
        if shape == "triangle":
            c = (c[0], c[1] + radius * 0.25)
        plate = label.get_rect(center=c).inflate(6, -4)
        pygame.draw.rect(surf, palette.ink, plate, border_radius=3)
        surf.blit(label, label.get_rect(center=(c[0], c[1] + 1)))
    if faded:
        surf.set_alpha(110)
    rect = surf.get_rect(center=centre)
    surface.blit(surf, rect)
    return rect


def bar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    shares: list[tuple[theme.FactionStyle | None, float]],
    palette: theme.Palette,
) -> list[pygame.Rect]:
    """A horizontal stacked bar of (style, share) parts; returns each part's rect."""
    pygame.draw.rect(surface, palette.paper_dark, rect)
    x = rect.left
    total = sum(max(0.0, s) for _, s in shares) or 1.0
    parts = []
    for i, (style, _share) in enumerate(shares):
        right = (
            rect.right
            if i == len(shares) - 1
            else rect.left
            + round(rect.width * sum(max(0.0, s) for _, s in shares[: i + 1]) / total)
        )
        part = pygame.Rect(x, rect.top, max(0, right - x), rect.height)
        faction_box(surface, part, style, palette)
        if part.width > 1:
            pygame.draw.line(surface, palette.ink, part.topright, part.bottomright, 1)
        parts.append(part)
        x = right
    pygame.draw.rect(surface, palette.ink, rect, 2)
    return parts


def initials(short: str) -> str:
    """A token's letters: the first two letters of a short name ("St", "Tr")."""
    letters = [ch for ch in short if ch.isalpha()]
    return "".join(letters[:2]).upper() if letters else "?"

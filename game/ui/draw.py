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

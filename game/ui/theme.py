"""The look of the game: a constructivist-poster palette, the shipped fonts, the faction marks.

Factions are told apart by three things at once, colour, fill pattern and token shape, so the
board reads the same to a colour-blind player and on a black-and-white printout. The
pygame_gui theme is built here from the same palette, at the player's text size.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.resources import assets_folder

ASSETS = assets_folder()
FONTS = ASSETS / "fonts"

HEADING_FONT = FONTS / "BebasNeue-Bold.otf"
BODY_FONT = FONTS / "Inter-Regular.otf"
BODY_BOLD = FONTS / "Inter-Bold.otf"
BODY_ITALIC = FONTS / "Inter-Italic.otf"
BODY_BOLD_ITALIC = FONTS / "Inter-BoldItalic.otf"

Colour = tuple[int, int, int]


def hex_colour(text: str) -> Colour:
    text = text.lstrip("#")
    return (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))


@dataclass(frozen=True)
class Palette:
    """Every colour the game draws with; ``factions`` has one colour per contender slot."""

    name: str
    paper: Colour  # the cream ground
    paper_dark: Colour  # panels on the ground
    ink: Colour  # black type and rules
    red: Colour  # the accent: headings, the chosen, the party
    red_dark: Colour
    muted: Colour  # secondary text
    good: Colour
    bad: Colour
    factions: tuple[Colour, ...]
    uncommitted: Colour

    def faction(self, index: int) -> Colour:
        """The colour of contender ``index``'s faction; -1 (or any other) is the uncommitted."""
        if 0 <= index < len(self.factions):
            return self.factions[index]
        return self.uncommitted


STANDARD = Palette(
    name="standard",
    paper=hex_colour("#F2E8D5"),
    paper_dark=hex_colour("#E2D4B7"),
    ink=hex_colour("#1B1A17"),
    red=hex_colour("#B3261E"),
    red_dark=hex_colour("#7C1912"),
    muted=hex_colour("#5E574C"),
    good=hex_colour("#2F6B3A"),
    bad=hex_colour("#B3261E"),
    factions=(),  # the scenario's own colours are used
    uncommitted=hex_colour("#A39A8A"),
)

# Okabe and Ito's palette, chosen to stay distinct under the common colour-vision deficiencies.
COLOUR_BLIND = Palette(
    name="colour_blind",
    paper=STANDARD.paper,
    paper_dark=STANDARD.paper_dark,
    ink=STANDARD.ink,
    red=hex_colour("#B3261E"),
    red_dark=STANDARD.red_dark,
    muted=STANDARD.muted,
    good=hex_colour("#0072B2"),
    bad=hex_colour("#D55E00"),
    factions=tuple(
        hex_colour(c) for c in ("#D55E00", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9")
    ),
    uncommitted=hex_colour("#999999"),
)

PALETTES = {p.name: p for p in (STANDARD, COLOUR_BLIND)}

SHAPES = ("circle", "square", "triangle", "diamond", "hexagon", "pentagon")


@dataclass(frozen=True)
class FactionStyle:
    """How one contender's faction is drawn: colour, fill pattern and token shape."""

    colour: Colour
    pattern: str  # solid, stripes, dots, cross, checks, waves (as in the scenario format)
    shape: str


def faction_styles(contenders, palette: Palette) -> tuple[FactionStyle, ...]:
    """Each contender's style: the scenario's colours and patterns, or under the colour-blind
    palette its safe colours in contender order; shapes by seat so no two tokens look alike."""
    styles = []
    for i, c in enumerate(contenders):
        colour = hex_colour(c.colour) if palette is STANDARD else palette.faction(i)
        styles.append(FactionStyle(colour, c.pattern, SHAPES[i % len(SHAPES)]))
    return tuple(styles)


def css(colour: Colour) -> str:
    return "#{:02X}{:02X}{:02X}".format(*colour)


BASE_SIZE = 15  # body text in points at the "normal" text size


def font_size(scale: float, step: int = 0) -> int:
    """Body size (step 0) or a size ``step`` notches larger or smaller, at the player's scale."""
    return max(9, round((BASE_SIZE + 2 * step) * scale))


def ui_theme(palette: Palette, scale: float) -> dict:
    """The pygame_gui theme: every widget in the poster palette and the shipped fonts."""
    ink, paper, red = css(palette.ink), css(palette.paper), css(palette.red)
    dark, muted = css(palette.paper_dark), css(palette.muted)

    def font(name: str, step: int = 0, bold: bool = False) -> dict:
        f = {"name": name, "size": str(font_size(scale, step)), "bold": "1" if bold else "0"}
        if name == "heading":
            f["regular_path"] = str(HEADING_FONT)
            f["bold_path"] = str(HEADING_FONT)
        else:
            f.update(
                regular_path=str(BODY_FONT),
                bold_path=str(BODY_BOLD),
                italic_path=str(BODY_ITALIC),
                bold_italic_path=str(BODY_BOLD_ITALIC),
            )
        return f

    button_colours = {
        "normal_bg": ink,
        "hovered_bg": red,
        "active_bg": css(palette.red_dark),
        "selected_bg": red,
        "disabled_bg": "#8C857A",
        "normal_text": paper,
        "hovered_text": paper,
        "active_text": paper,
        "selected_text": paper,
        "disabled_text": "#D8D0C2",
        "normal_border": ink,
        "hovered_border": ink,
        "active_border": ink,
        "selected_border": ink,
        "disabled_border": "#8C857A",
    }
    flat = {"shape": "rectangle", "border_width": "0", "shadow_width": "0"}
    choice = {
        "colours": {**button_colours, "normal_bg": paper, "normal_text": ink},
        "font": font("body"),
        "misc": {
            **flat,
            "border_width": "2",
            "text_horiz_alignment": "left",
            "text_horiz_alignment_padding": "10",
        },
    }
    list_item = {
        "colours": {
            "normal_bg": paper,
            "hovered_bg": dark,
            "selected_bg": red,
            "normal_text": ink,
            "hovered_text": ink,
            "selected_text": paper,
        },
        "font": font("body"),
        "misc": {**flat, "text_horiz_alignment": "left", "text_horiz_alignment_padding": "8"},
    }
    return {
        "defaults": {
            "colours": {
                "dark_bg": dark,
                "normal_text": ink,
                "normal_border": ink,
                "link_text": css(palette.red),
                "link_hover": css(palette.red_dark),
                "link_selected": css(palette.red_dark),
                "text_cursor": ink,
                "selected_bg": red,
                "normal_bg": paper,
                "hovered_bg": dark,
                "filled_bar": red,
                "unfilled_bar": dark,
            },
            "font": font("body"),
            "misc": {**flat, "tool_tip_delay": "0.6"},
        },
        "button": {
            "colours": button_colours,
            "font": font("heading", 3),
            "misc": {**flat, "text_horiz_alignment": "center"},
        },
        "#small_button": {"font": font("heading", 1)},
        "#choice": choice,
        "#chosen": {
            "colours": {**button_colours, "normal_bg": red, "normal_text": paper},
            "font": font("body", 0, bold=True),
            "misc": {**flat, "text_horiz_alignment": "left", "text_horiz_alignment_padding": "10"},
        },
        "label": {
            "colours": {"normal_text": ink, "dark_bg": "#00000000"},
            "font": font("body"),
            "misc": {"text_horiz_alignment": "left"},
        },
        "#heading": {"font": font("heading", 6), "colours": {"normal_text": ink}},
        "#title": {"font": font("heading", 20), "colours": {"normal_text": red}},
        "#muted": {"colours": {"normal_text": muted}},
        "text_box": {
            "colours": {"dark_bg": paper, "normal_border": ink, "normal_text": ink},
            "font": font("body"),
            "misc": {"border_width": "0", "padding": "6,4", "line_spacing": "1.15"},
        },
        "#panel_text": {"colours": {"dark_bg": dark}},
        "tool_tip": {
            "colours": {"dark_bg": ink, "normal_text": paper, "normal_border": red},
            "font": font("body", -1),
            "misc": {"border_width": "2", "rect_width": str(round(340 * scale))},
        },
        "text_entry_line": {
            "colours": {"dark_bg": "#FFFDF7", "normal_text": ink, "normal_border": ink},
            "font": font("body", 1),
            "misc": {"border_width": "2"},
        },
        "panel": {
            "colours": {"dark_bg": dark, "normal_border": ink},
            "misc": {"border_width": "0"},
        },
        "selection_list": {
            "colours": {"dark_bg": paper, "normal_border": ink},
            "misc": {"border_width": "2", "list_item_height": str(round(30 * scale))},
        },
        "selection_list.@selection_list_item": list_item,
        "drop_down_menu": {
            "colours": {**button_colours, "normal_bg": paper, "normal_text": ink, "dark_bg": paper},
            "font": font("body"),
            "misc": {**flat, "border_width": "2"},
        },
        "drop_down_menu.@selected_option": choice,
        "drop_down_menu.#expand_button": {
            **choice,
            "misc": {**choice["misc"], "text_horiz_alignment": "center"},
        },
        "drop_down_menu.#drop_down_options_list": {
            "colours": {"dark_bg": paper, "normal_border": ink},
            "misc": {"border_width": "2"},
        },
        "drop_down_menu.#drop_down_options_list.@selection_list_item": list_item,
        "horizontal_slider": {
            "colours": {"dark_bg": dark, "normal_border": ink},
            "misc": {"border_width": "2"},
        },
        "horizontal_slider.@sliding_button": {"colours": button_colours},
        "vertical_scroll_bar": {
            "colours": {"dark_bg": dark, "normal_bg": ink, "hovered_bg": red, "active_bg": red},
        },
    }

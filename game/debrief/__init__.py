"""The teacher's debrief: what happened in one game, and across a class's games.

- :func:`debrief` — the debrief of one finished game (a :class:`Debrief`), a pure function of
  its record (scenario, seed, orders), which it replays through the engine;
- :func:`class_summary` — many saves of one scenario summarised (a :class:`ClassSummary`),
  with every save it could not count listed and the reason;
- :func:`render_debrief`, :func:`render_class` — either as one self-contained HTML file.

No pygame here: the window draws the same models in its own debrief screen.
"""

from .build import DebriefError, class_summary, debrief
from .html import render_class, render_debrief
from .model import ClassSummary, Debrief

__all__ = [
    "ClassSummary",
    "Debrief",
    "DebriefError",
    "class_summary",
    "debrief",
    "render_class",
    "render_debrief",
]

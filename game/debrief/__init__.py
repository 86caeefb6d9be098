"""The teacher's debrief: what happened in one game, and across a class's games.

- :func:`debrief` — the debrief of one game (a :class:`Debrief`), finished or stopped early, a
  pure function of its record (scenario cut to its length, seed, orders), which it replays
  through the engine;
- :func:`class_summary` — many saves of one scenario summarised (a :class:`ClassSummary`),
  with every save it could not count listed and the reason;
- :func:`render_debrief`, :func:`render_handout` — one game as a report of at most eight
  pages or a handout of at most two (``teacher=True`` adds the answer key);
- :func:`render_class`, :func:`render_slide` — a class as a report, or one projector page.

No pygame here: the window draws the same models in its own debrief screen.
"""

from .build import DebriefError, class_summary, debrief
from .classview import render_class, render_slide
from .html import render_debrief, render_handout
from .model import ClassSummary, Debrief

__all__ = [
    "ClassSummary",
    "Debrief",
    "DebriefError",
    "class_summary",
    "debrief",
    "render_class",
    "render_debrief",
    "render_handout",
    "render_slide",
]

"""The teacher's half of the game outside the debrief: the material of each scenario (lesson
plans, role cards, the essay with its model answer and mark scheme, the simplifications, the
further reading) and the printable teacher pack made from it.

- :func:`material` — a scenario's material, complete (from ``assets/teacher`` where it has a
  file, built from the scenario's own data where it has not);
- :func:`write_pack` — the teacher pack as a folder of printable HTML pages.
"""

from .data import TeacherDataError
from .material import Material, material

__all__ = ["Material", "TeacherDataError", "material"]

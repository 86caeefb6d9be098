"""The shape of a date in a scenario file: a year, a hyphen, the calendar's period prefix and
the period's number (``1925-Q3``; ``1953-M6`` for a calendar of months with prefix ``M``).

The shape is checked where a date is read, and the JSON Schema carries the same pattern, so an
editor underlines ``1925-3Q`` as the modder types; whether the prefix is the calendar's and the
period within its year is checked against the calendar (:meth:`Calendar.turn_of`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

PREFIX_CHARS = r"[^0-9\s\x00-\x1f\x7f-\x9f]"
"""What a period prefix may be made of: anything but digits, spaces and control characters
(``Q``, ``M``, ``H``); the same pattern reads alike in pydantic, Python and JSON Schema."""
PERIOD_PREFIX_PATTERN = rf"^{PREFIX_CHARS}{{0,8}}$"
DATE_PATTERN = rf"^[0-9]{{4}}-{PREFIX_CHARS}{{0,8}}[0-9]{{1,2}}$"

Date = Annotated[str, Field(pattern=DATE_PATTERN)]
"""A date of the scenario's calendar, such as ``1925-Q1``."""

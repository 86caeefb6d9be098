"""How each rule module declares its actions: when an action is legal, and what it does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .actions import Action, ActionKind
from .context import Context
from .scenario import Factor

# check(ctx, contender, target) returns None when legal, or the reason it is not.
Check = Callable[[Context, int, str | None], str | None]
Apply = Callable[[Context, int, Action], None]
Label = Callable[[Context, int, str | None], str]
# gate(ctx, contender): a reason that rules out every target at once, or None.
Gate = Callable[[Context, int], str | None]
# aim(ctx, contender, rival): for an action at a rival, a reason against this rival, or None.
Aim = Callable[[Context, int, int], str | None]
# chance(ctx, contender, target): the probability that a legal action works.
Chance = Callable[[Context, int, str | None], float]


@dataclass(frozen=True, slots=True)
class ActionRule:
    kind: ActionKind
    check: Check
    apply: Apply
    factor: Factor
    label: Label
    why: str  # what it does, in a sentence, for menus and tooltips
    # Asked once per contender before ``check`` is asked of each target, when the options are
    # listed, so that nobody without the office tries thirteen regions. It may only refuse
    # where ``check`` would refuse every target (``check`` calls it, or asks the same).
    gate: Gate | None = None
    # For an action at a rival: ``check`` refuses a target that names no rival (rival_check),
    # and otherwise refuses it exactly when the gate or ``aim`` does; so the options are listed
    # by asking ``aim`` of each rival once the gate has passed, without the rest of ``check``.
    aim: Aim | None = None
    # For an action that works only by luck (no vote): its chance of working, shown as its odds.
    chance: Chance | None = None


def requires_party(ctx: Context, c: int) -> str | None:
    if not ctx.in_organ(c, "party"):
        return f"{ctx.name(c)} is no longer in the party"
    return None


_PRONOUNS = ("self", "decider", "chooser")  # references that name no rival


def rival_check(ctx: Context, c: int, target: str | None) -> tuple[int, str | None]:
    """Resolve a contender target; the reason it is unusable, if any. Only a contender's own id
    names a rival (an ``office:`` reference is no id: ids have no colon)."""
    t = -1 if target in _PRONOUNS else ctx.index.contender.get(target or "", -1)
    if t < 0:
        return -1, f"no contender {target!r}"
    if t == c:
        return t, "you cannot do that to yourself"
    return t, None


def fixed_label(text: str) -> Label:
    """A menu label that does not depend on the target."""
    return lambda ctx, c, target: text


def rival_label(verb: str, after: str = "") -> Label:
    """A menu label naming the target contender: ``Compile a dossier on Trotsky``."""

    def label(ctx: Context, c: int, target: str | None) -> str:
        return f"{verb} {ctx.name(ctx.resolve(target or ''))}{after}"

    return label

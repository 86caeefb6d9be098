"""The working context of one turn: the state being changed, plus the primitives every rule uses.

Every change of loyalty goes through :meth:`Context.shift_loyalties` or :meth:`Context.add_members`,
which record the change of each contender's support in the ledger under the factor currently in
force (``ctx.factor``). Every change of office or status is reported as a :class:`GameEvent`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import numpy as np

from .index import index_of
from .record import GameEvent, Kind
from .scenario import Factor
from .state import FACTORS, GameState

_FACTOR_INDEX = {f: i for i, f in enumerate(FACTORS)}
QUALITY_RANGE = (0.0, 100.0)


class Context:
    def __init__(self, state: GameState) -> None:
        self.state = state
        self.scenario = state.scenario
        self.events: list[GameEvent] = []
        self.factor: Factor = Factor.LUCK
        self.subject: int | None = None  # "self" in victory conditions
        self.decider: int | None = None  # who decided the event being applied
        self.choosers: tuple[int, ...] = ()  # who backed the choice being applied
        self.pending_offers: set[tuple[int, int]] = set()  # alliance offers made this turn
        self.convened: set[str] = set()  # organs convened this turn
        self.index = index_of(self.scenario)

    # ----- references -------------------------------------------------------------------
    @property
    def n_contenders(self) -> int:
        return self.state.n

    def name(self, c: int) -> str:
        return self.scenario.contenders[c].short

    def turn_of(self, date: str) -> int:
        turn = self.index.turn.get(date)
        if turn is None:
            turn = self.index.turn[date] = self.scenario.calendar.turn_of(date)
        return turn

    def resolve(self, who: str) -> int:
        """A contender index from a reference: id, ``self``, ``decider``, ``office:<id>``."""
        found = self.index.contender.get(who)
        if found is not None:
            return found
        if who == "self" and self.subject is not None:
            return self.subject
        if who == "decider" and self.decider is not None:
            return self.decider
        if who == "chooser" and len(self.choosers) == 1:
            return self.choosers[0]
        if who.startswith("office:"):
            return self.state.holder.get(who[7:], -1)
        return -1

    def resolve_many(self, who: str) -> list[int]:
        """Like :meth:`resolve`, but ``chooser`` stands for every backer of a choice."""
        if who == "chooser":
            return list(self.choosers)
        c = self.resolve(who)
        return [c] if c >= 0 else []

    def region_indices(self, regions: Iterable[str]) -> list[int]:
        regions = list(regions)
        if "all" in regions:
            return list(range(len(self.scenario.regions)))
        return [self.index.region[r] for r in regions if r in self.index.region]

    def rung(self, c: int):
        return self.scenario.ladder[self.state.contenders[c].status]

    def rung_id(self, c: int) -> str:
        return self.index.rung_ids[self.state.contenders[c].status] if c >= 0 else ""

    def organ_name(self, organ: str) -> str:
        """What the scenario calls ``politburo``, ``central_committee`` or ``congress``."""
        return getattr(self.scenario.organs, organ).name

    def in_organ(self, c: int, organ: str) -> bool:
        return c >= 0 and self.index.organ_flags[self.state.contenders[c].status][organ]

    def can_act(self, c: int) -> bool:
        return self.index.can_act[self.state.contenders[c].status]

    def offices_of(self, c: int) -> list[str]:
        """Offices held by ``c``, most senior first."""
        holder = self.state.holder
        return [o.id for o in self.index.offices_by_rank if holder.get(o.id, -1) == c]

    def has_power(self, c: int, power: str) -> bool:
        return power in self.powers_of(c)

    def support(self) -> np.ndarray:
        return self.state.support()

    def cc_blocs(self) -> np.ndarray:
        """Central Committee seats by faction (contenders, then uncommitted)."""
        return apportion(self.state.cc_seats, self.state.cc_share)

    def congress_blocs(self) -> tuple[np.ndarray, list[np.ndarray]]:
        """Delegates per region, and each delegation's seats by faction."""
        s = self.state
        delegations = apportion(s.congress_delegates, s.members)
        return delegations, [apportion(int(d), row) for d, row in zip(delegations, s.loyalty,
                                                                        strict=True)]

    def powers_of(self, c: int) -> frozenset[str]:
        holder = self.state.holder
        return frozenset(
            p for o in self.index.offices_by_rank if holder.get(o.id, -1) == c for p in o.powers
        )

    def politburo_members(self) -> list[tuple[str, int, int, int]]:
        """(label, faction, contender or -1, notable or -1) for every Politburo member."""
        s = self.state
        out = [
            (self.name(c), c, c, -1) for c in range(s.n) if self.in_organ(c, "politburo")
        ]
        for k, notable in enumerate(self.scenario.notables):
            if s.notable_seated[k]:
                out.append((notable.name, notable_faction(s.notable_loyalty[k]), -1, k))
        return out

    def politburo_faction_share(self, c: int, with_allies: bool) -> float:
        members = self.politburo_members()
        if not members:
            return 0.0
        friends = {c}
        if with_allies:
            friends |= {k for k in range(self.state.n) if self.state.allied[c, k]}
        return sum(1 for m in members if m[1] in friends) / len(members)

    # ----- reporting ----------------------------------------------------------------------
    def report(self, kind: Kind, text: str, actors: Iterable[int] = (), **kw) -> None:
        """Record an event of this turn, tagged with the factor in force unless given."""
        factor = kw.pop("factor", str(self.factor))
        self.events.append(GameEvent(self.state.turn, kind, text, tuple(actors), factor, **kw))

    @contextmanager
    def tagged(self, factor: Factor) -> Iterator[None]:
        """Attribute every change made inside the block to ``factor``."""
        before = self.factor
        self.factor = factor
        try:
            yield
        finally:
            self.factor = before

    def _book(self, delta_support: np.ndarray) -> None:
        self.state.ledger[:, _FACTOR_INDEX[self.factor]] += delta_support[: self.state.n]

    # ----- primitives that change the state ------------------------------------------------
    def shift_loyalties(self, c: int, amounts: np.ndarray) -> None:
        """In every region ``r``, win over ``amounts[r]`` of the members not yet loyal to ``c``
        (taken evenly from the others), or, where negative, send that fraction of ``c``'s loyal
        members back to uncommitted."""
        s = self.state
        old = s.loyalty
        a = np.clip(amounts, -1.0, 1.0)
        col = old[:, c]
        free = 1.0 - col
        gain = np.where(a > 0, a * free, 0.0)
        loss = np.where(a < 0, -a * col, 0.0)
        scale = 1.0 - np.divide(gain, free, out=np.zeros_like(gain), where=free > 0)
        new = old * scale[:, None]
        new[:, c] = col + gain - loss
        new[:, -1] += loss
        np.clip(new, 0.0, None, out=new)
        new /= new.sum(axis=1, keepdims=True)
        self._book(s.members @ (new - old) / s.members.sum())
        s.loyalty = new

    def fade(self, c: int, rate: float) -> None:
        """Send ``rate`` of ``c``'s followers everywhere back to the uncommitted. The loss is
        booked against the factors that won those followers, in proportion, so that the
        ledger tells what each factor contributes to the support ``c`` holds now."""
        s = self.state
        lost = s.loyalty[:, c] * rate
        s.loyalty = s.loyalty.copy()
        s.loyalty[:, c] -= lost
        s.loyalty[:, -1] += lost
        amount = float(s.members @ lost / s.members.sum())
        row = s.ledger[c]
        gains = np.clip(row, 0.0, None)
        if gains.sum() > 0:
            row -= amount * gains / gains.sum()
        else:
            row[_FACTOR_INDEX[self.factor]] -= amount

    def shift_loyalty(self, r: int, c: int, amount: float) -> None:
        """:meth:`shift_loyalties` in the one region ``r``."""
        amounts = np.zeros(len(self.state.members))
        amounts[r] = amount
        self.shift_loyalties(c, amounts)

    def add_members(self, r: int, fraction: float, follow_secretary: bool) -> None:
        s = self.state
        before = s.support()
        added = s.members[r] * fraction
        new_total = s.members[r] + added
        if new_total <= 0:
            return
        row = s.loyalty[r] * s.members[r]
        patron = int(s.patron[r])
        column = patron if follow_secretary and patron >= 0 else -1
        if added >= 0:
            row[column] += added
        else:
            row *= new_total / s.members[r]
        s.members[r] = new_total
        s.loyalty[r] = row / row.sum()
        self._book(s.support() - before)

    def change_quality(self, c: int, quality: str, amount: float) -> None:
        rec = self.state.contenders[c]
        setattr(rec, quality, float(np.clip(getattr(rec, quality) + amount, *QUALITY_RANGE)))

    def shift_mood(self, line: float, unity: float) -> None:
        s = self.state
        s.mood_line = float(np.clip(s.mood_line + line, -1.0, 1.0))
        s.mood_unity = float(np.clip(s.mood_unity + unity, 0.0, 1.0))

    def move_line(self, c: int, amount: float) -> None:
        rec = self.state.contenders[c]
        rec.line = float(np.clip(rec.line + amount, -1.0, 1.0))

    def set_rule(self, name: str, value: bool | float) -> None:
        """Change a rule; the new rules are validated, so bounds hold (scenario validation
        has already refused values out of bounds)."""
        s = self.state
        s.rules = type(s.rules).model_validate({**s.rules.model_dump(), name: value})

    def set_platform(self, c: int, open_: bool) -> None:
        self.state.contenders[c].platform = open_

    def change_trust(self, a: int, b: int, amount: float) -> None:
        if a >= 0 and b >= 0 and a != b:
            t = self.state.trust
            t[a, b] = float(np.clip(t[a, b] + amount, -1.0, 1.0))

    def set_alliance(self, a: int, b: int, make: bool) -> None:
        s = self.state
        if a < 0 or b < 0 or a == b or bool(s.allied[a, b]) == make:
            return
        s.allied[a, b] = s.allied[b, a] = make
        verb = "form an alliance" if make else "break their alliance"
        self.report(Kind.ALLIANCE, f"{self.name(a)} and {self.name(b)} {verb}.", (a, b))

    def set_holder(self, office: str, c: int) -> None:
        """Give ``office`` to ``c`` (or vacate it with -1); a holder who loses it loses the
        loyalty its base regions gave them."""
        s = self.state
        old = s.holder.get(office, -1)
        if old == c:
            return
        odef = next(o for o in self.scenario.offices if o.id == office)
        s.holder[office] = c
        if old >= 0:
            self.shift_loyalties(old, -s.rules.base_loss * self.index.regions_mask(
                odef.base_regions))
            self.report(Kind.OFFICE, f"{self.name(old)} loses the post of {odef.name}.", (old,),
                        ref=office)
        if c >= 0:
            self.report(Kind.OFFICE, f"{self.name(c)} becomes {odef.name}.", (c,), ref=office)

    def retire_notable(self, notable_id: str) -> None:
        s = self.state
        k = next(i for i, n in enumerate(self.scenario.notables) if n.id == notable_id)
        s.retired = s.retired | {k}
        if s.notable_seated[k]:
            s.notable_seated[k] = False
            fill_politburo(self)

    def demote(self, c: int) -> None:
        """One step down: removal from every office first, then one rung of the ladder."""
        s = self.state
        s.contenders[c].last_demoted = s.turn
        offices = self.offices_of(c)
        if offices:
            for office in offices:
                self.set_holder(office, -1)
            return
        rec = s.contenders[c]
        if rec.status + 1 >= len(self.scenario.ladder):
            return
        was_in_politburo = self.in_organ(c, "politburo")
        rec.status += 1
        rung = self.rung(c)
        self.report(Kind.STATUS, f"{self.name(c)}: {rung.name}.", (c,), ref=rung.id)
        if not rung.can_act:
            rec.platform = False
            for k in range(s.n):
                self.set_alliance(c, k, False)
        if was_in_politburo and not rung.in_politburo:
            fill_politburo(self)


FOLLOW_THRESHOLD = 0.35


def notable_faction(loyalty_row: np.ndarray) -> int:
    """The contender a notable follows: the largest loyalty, if it is strong enough or it
    outweighs indifference; -1 otherwise."""
    best = int(np.argmax(loyalty_row[:-1]))
    row = loyalty_row
    return best if row[best] >= FOLLOW_THRESHOLD or row[best] >= row[-1] else -1


def fill_politburo(ctx: Context) -> None:
    """Seat or unseat notables so the Politburo has its full number of members. The Central
    Committee's largest faction picks the notables most loyal to it; they owe it their seats."""
    s = ctx.state
    contenders_in = sum(1 for c in range(s.n) if ctx.in_organ(c, "politburo"))
    wanted = max(s.politburo_seats - contenders_in, 0)
    seated = np.flatnonzero(s.notable_seated)
    if len(seated) > wanted:  # shrink: drop those least loyal to the CC majority
        lead = int(np.argmax(s.cc_share[:-1]))
        order = sorted(seated, key=lambda k: s.notable_loyalty[k, lead])
        for k in order[: len(seated) - wanted]:
            s.notable_seated[k] = False
    elif len(seated) < wanted:
        lead = int(np.argmax(s.cc_share[:-1]))
        free = [
            k for k in range(len(s.notable_seated)) if not s.notable_seated[k]
            and k not in s.retired
        ]
        free.sort(key=lambda k: (-s.notable_loyalty[k, lead], k))
        for k in free[: wanted - len(seated)]:
            s.notable_seated[k] = True
            row = s.notable_loyalty[k]
            row[lead] += 0.2 * (1.0 - row[lead])
            row /= row.sum()
            ctx.report(
                Kind.OFFICE,
                f"{ctx.scenario.notables[k].name} is elected to the "
                f"{ctx.organ_name('politburo')}.",
                ref=ctx.scenario.notables[k].id,
            )


class ReadingContext(Context):
    """A context for reading a state that nobody changes meanwhile (legal actions and their
    odds, views): what many questions share is computed once."""

    def __init__(self, state: GameState) -> None:
        super().__init__(state)
        self._memo = state.derived  # shared by every reader of this state

    def support(self) -> np.ndarray:
        return self.remember("support", self.state.support)

    def politburo_members(self) -> list[tuple[str, int, int, int]]:
        return self.remember("politburo", super().politburo_members)

    def cc_blocs(self) -> np.ndarray:
        return self.remember("cc", super().cc_blocs)

    def congress_blocs(self) -> tuple[np.ndarray, list[np.ndarray]]:
        return self.remember("congress", super().congress_blocs)

    def powers_of(self, c: int) -> frozenset[str]:
        return self.remember(("powers", c), lambda: super(ReadingContext, self).powers_of(c))

    def remember(self, key, compute):
        """The value of ``compute()``, computed once for this context."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def shift_loyalties(self, c: int, amounts: np.ndarray) -> None:
        raise TypeError("a ReadingContext never changes the state")


def apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Largest-remainder apportionment of ``total`` seats by ``weights``."""
    if total <= 0 or weights.sum() <= 0:
        return np.zeros(len(weights), dtype=int)
    quota = weights / weights.sum() * total
    seats = np.floor(quota).astype(int)
    rest = total - seats.sum()
    if rest > 0:
        order = np.argsort(-(quota - seats), kind="stable")
        seats[order[:rest]] += 1
    return seats

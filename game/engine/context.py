"""The working context of one turn: the state being changed, plus the primitives every rule uses.

Every change of loyalty goes through :meth:`Context.shift_loyalties` or :meth:`Context.add_members`,
which record the change of each contender's support in the ledger under the factor currently in
force (``ctx.factor``). Every change of office or status is reported as a :class:`GameEvent`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .index import index_of
from .record import GameEvent, Kind
from .scenario import Factor
from .state import FACTORS, GameState, Motion

_FACTOR_INDEX = {f: i for i, f in enumerate(FACTORS)}
# Per contender: the offices they hold, most senior first, and the powers those give.
_Holdings = tuple[tuple[tuple[str, ...], ...], tuple[frozenset[str], ...]]


class _Tagged:
    """The ``with`` block of :meth:`Context.tagged` (a class: cheaper than a generator, and
    entered a dozen times a turn)."""

    __slots__ = ("ctx", "factor", "before")

    def __init__(self, ctx: Context, factor: Factor) -> None:
        self.ctx, self.factor = ctx, factor

    def __enter__(self) -> None:
        self.before = self.ctx.factor
        self.ctx.factor = self.factor

    def __exit__(self, *exc: object) -> None:
        self.ctx.factor = self.before
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
        self._held: _Holdings | None = None  # until an office changes hands
        self._party_size: float | None = None  # until members join or leave

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

    def offices_of(self, c: int) -> tuple[str, ...]:
        """Offices held by ``c``, most senior first."""
        return self.holdings()[0][c]

    def has_power(self, c: int, power: str) -> bool:
        return power in self.powers_of(c)

    def support(self) -> np.ndarray:
        return self.state.support()

    def party_size(self) -> float:
        """All the party's members (``np.add.reduce(members)``), kept until :meth:`add_members`
        changes them: every change of loyalty divides by it."""
        if self._party_size is None:
            self._party_size = np.add.reduce(self.state.members)
        return self._party_size

    def cc_blocs(self) -> np.ndarray:
        """Central Committee seats by faction (contenders, then uncommitted)."""
        return apportion(self.state.cc_seats, self.state.cc_share)

    def congress_blocs(self) -> tuple[np.ndarray, np.ndarray]:
        """Delegates per region, and each delegation's seats by faction (regions, factions)."""
        s = self.state
        delegations = apportion(s.congress_delegates, s.members)
        return delegations, apportion_rows(delegations, s.loyalty)

    def powers_of(self, c: int) -> frozenset[str]:
        return self.all_powers()[c]

    def all_powers(self) -> tuple[frozenset[str], ...]:
        """Every contender's powers, from the offices they hold."""
        return self.holdings()[1]

    def holdings(self) -> _Holdings:
        """Every contender's offices (most senior first) and powers; kept until an office
        changes hands (:meth:`set_holder`), as they are asked for all the time."""
        if self._held is None:
            self._held = self._holdings()
        return self._held

    def _holdings(self) -> _Holdings:
        holder = self.state.holder
        offices: list[list[str]] = [[] for _ in range(self.state.n)]
        powers: list[set[str]] = [set() for _ in range(self.state.n)]
        for o in self.index.offices_by_rank:
            c = holder.get(o.id, -1)
            if c >= 0:
                offices[c].append(o.id)
                powers[c].update(o.powers)
        return tuple(map(tuple, offices)), tuple(map(frozenset, powers))

    def politburo_members(self) -> list[tuple[str, int, int, int]]:
        """(label, faction, contender or -1, notable or -1) for every Politburo member."""
        s = self.state
        out = [
            (self.name(c), c, c, -1) for c in range(s.n) if self.in_organ(c, "politburo")
        ]
        loyalty = s.notable_loyalty.tolist()  # plain numbers: a few notables, read once each
        for k, seated in enumerate(s.notable_seated.tolist()):
            if seated:
                faction = notable_faction(loyalty[k])
                out.append((self.scenario.notables[k].name, faction, -1, k))
        return out

    def politburo_faction_share(self, c: int, with_allies: bool) -> float:
        members = self.politburo_members()
        if not members:
            return 0.0
        friends = {c}
        if with_allies:
            friends |= {k for k in range(self.state.n) if self.state.allied[c, k]}
        return sum(1 for m in members if m[1] in friends) / len(members)

    def remember(self, key, compute):
        """The value of ``compute()``. A state being changed remembers nothing; a
        :class:`ReadingContext` remembers it with the state."""
        return compute()

    # ----- reporting ----------------------------------------------------------------------
    def report(self, kind: Kind, text: str, actors: Iterable[int] = (), **kw) -> None:
        """Record an event of this turn, tagged with the factor in force unless given."""
        factor = kw.pop("factor", str(self.factor))
        self.events.append(GameEvent(self.state.turn, kind, text, tuple(actors), factor, **kw))

    def tagged(self, factor: Factor) -> _Tagged:
        """Attribute every change made inside the ``with`` block to ``factor``."""
        return _Tagged(self, factor)

    def _book(self, delta_support: np.ndarray) -> None:
        self.state.ledger[:, _FACTOR_INDEX[self.factor]] += delta_support[: self.state.n]

    # ----- primitives that change the state ------------------------------------------------
    def shift_loyalties(self, c: int, amounts: np.ndarray | list[float]) -> None:
        """In every region ``r``, win over ``amounts[r]`` of the members not yet loyal to ``c``
        (taken evenly from the others), or, where negative, send that fraction of ``c``'s loyal
        members back to uncommitted."""
        # This runs a dozen times a turn on a dozen regions: the per-region numbers are worked
        # out in plain Python (numpy's cost per call outweighs the arithmetic), the same
        # operations in the same order, so the same bits; numpy does the (regions, factions) part.
        s = self.state
        old = s.loyalty
        if isinstance(amounts, np.ndarray):
            amounts = amounts.tolist()
        kept, won, lost = _region_moves(amounts, old[:, c].tolist())
        new = old * np.array(kept)[:, None]
        if min(amounts) > 0:  # nothing to send back
            new[:, c] = won
        else:
            new[:, c] = [w - x for w, x in zip(won, lost, strict=True)]
            new[:, -1] += lost
        np.maximum(new, 0.0, out=new)
        new /= np.add.reduce(new, axis=1, keepdims=True)
        self._book(s.members @ (new - old) / self.party_size())
        s.loyalty = new

    def win_over(self, c: int, amounts: np.ndarray | list[float]) -> None:
        """In every region ``r``, win ``amounts[r]`` (from 0 to 1) of the members loyal to
        nobody yet over to ``c``. Speeches, articles and platforms persuade those still
        making up their minds; they do not turn a rival's followers."""
        s = self.state
        old = s.loyalty
        free = old[:, -1]
        moved = free * np.clip(np.asarray(amounts, dtype=float), 0.0, 1.0)
        new = old.copy()
        new[:, c] += moved
        new[:, -1] -= moved
        self._book(s.members @ (new - old) / self.party_size())
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
        amount = float(s.members @ lost / self.party_size())
        row = s.ledger[c]
        gains = np.maximum(row, 0.0)
        won = np.add.reduce(gains)
        if won > 0:
            row -= amount * gains / won
        else:
            row[_FACTOR_INDEX[self.factor]] -= amount

    def shift_loyalty(self, r: int, c: int, amount: float) -> None:
        """:meth:`shift_loyalties` in the one region ``r``."""
        amounts = [0.0] * len(self.state.members)
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
        self._party_size = None
        s.loyalty[r] = row / row.sum()
        self._book(s.support() - before)

    def change_quality(self, c: int, quality: str, amount: float) -> None:
        rec = self.state.contenders[c]
        setattr(rec, quality, clamp(getattr(rec, quality) + amount, *QUALITY_RANGE))

    def shift_mood(self, line: float, unity: float) -> None:
        s = self.state
        s.mood_line = clamp(s.mood_line + line, -1.0, 1.0)
        s.mood_unity = clamp(s.mood_unity + unity, 0.0, 1.0)

    def move_line(self, c: int, amount: float) -> None:
        rec = self.state.contenders[c]
        rec.line = clamp(rec.line + amount, -1.0, 1.0)

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
            t[a, b] = clamp(float(t[a, b]) + amount, -1.0, 1.0)

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
        self._held = None
        if old >= 0:
            s.lost = s.lost | {(office, old)}
            self.shift_loyalties(old, -s.rules.base_loss * self.index.regions_mask(
                odef.base_regions))
            self.report(Kind.OFFICE, f"{self.name(old)} loses the post of {odef.name}.", (old,),
                        ref=office)
        if c >= 0:
            self.report(Kind.OFFICE, f"{self.name(c)} becomes {odef.name}.", (c,), ref=office)

    def file_charge(self, c: int, t: int) -> None:
        """``c`` charges ``t`` with factionalism: the charge waits for the organ that decides
        ``t``'s next step down (unless there is none, or a charge against ``t`` waits)."""
        s = self.state
        organ = self.rung(t).removed_by
        if organ is None or c == t or any(m.kind == "accuse" and m.target == t
                                          for m in s.motions):
            return
        leverage = s.contenders[c].dossiers.pop(t, 0)
        s.motions.append(Motion("accuse", c, t, organ, s.turn, leverage=leverage))
        self.change_trust(t, c, -0.4)
        self.report(Kind.ACTION, f"{self.name(c)} accuses {self.name(t)} of factionalism; the "
                    f"{self.organ_name(organ)} will decide.", (c, t))

    def file_challenge(self, c: int, office_id: str) -> None:
        """``c`` moves that the holder of ``office_id`` be relieved of it at the next plenum
        (unless it is vacant or ``c``'s own, or a challenge to it already waits)."""
        s = self.state
        office = self.index.office[office_id]
        holder = s.holder.get(office.id, -1)
        if holder < 0 or holder == c or any(m.kind == "relieve" and m.office == office.id
                                            for m in s.motions):
            return
        leverage = s.contenders[c].dossiers.pop(holder, 0)
        s.motions.append(Motion("relieve", c, holder, "central_committee", s.turn,
                                office=office.id, leverage=leverage))
        self.change_trust(holder, c, -0.3)
        self.report(Kind.ACTION, f"{self.name(c)} moves that {self.name(holder)} be relieved "
                    f"as {office.name}; the {self.organ_name('central_committee')} will "
                    "decide.", (c, holder))

    def strip_offices(self, c: int) -> None:
        """Take every office ``c`` holds."""
        for office in self.offices_of(c):
            self.set_holder(office, -1)

    def retire_notable(self, notable_id: str) -> None:
        s = self.state
        k = next(i for i, n in enumerate(self.scenario.notables) if n.id == notable_id)
        s.retired = s.retired | {k}
        if s.notable_seated[k]:
            s.notable_seated[k] = False
            fill_politburo(self)

    def demote(self, c: int) -> None:
        """One step down: a rung of the ladder (to the rung's ``falls_to``), or, under the rule
        ``offices_first``, removal from every office first. A contender who reaches a rung that
        holds no offices loses theirs."""
        s = self.state
        s.contenders[c].last_demoted = s.turn
        offices = self.offices_of(c)
        if offices and s.rules.offices_first:
            self.strip_offices(c)
            return
        rec = s.contenders[c]
        if rec.status + 1 >= len(self.scenario.ladder):
            return
        was_in_politburo = self.in_organ(c, "politburo")
        rec.status = self.index.falls_to[rec.status]
        rung = self.rung(c)
        self.report(Kind.STATUS, f"{self.name(c)}: {rung.name}.", (c,), ref=rung.id)
        if not rung.offices:
            self.strip_offices(c)
        if not rung.can_act:
            rec.platform = False
            for k in range(s.n):
                self.set_alliance(c, k, False)
        if was_in_politburo and not rung.in_politburo:
            fill_politburo(self)


def clamp(x: float, lo: float, hi: float) -> float:
    """``float(np.clip(x, lo, hi))`` to the last bit (the sign of a zero included), without
    numpy's cost for a single number."""
    x = x if x >= lo else lo
    return float(x if x <= hi else hi)


def _region_moves(
    amounts: list[float], loyal: list[float]
) -> tuple[list[float], list[float], list[float]]:
    """For :meth:`Context.shift_loyalties`, per region: the share of every other faction
    kept, ``c``'s share with the members won, and the share of ``c``'s members sent back."""
    kept, won, lost = [], [], []
    for a, v in zip(amounts, loyal, strict=True):
        a = -1.0 if a < -1.0 else 1.0 if a > 1.0 else a
        free = 1.0 - v
        gain = a * free if a > 0 else 0.0  # where nobody is free to win, gain is 0
        kept.append(1.0 - gain / (free if free > 0 else 1.0))
        won.append(v + gain)
        lost.append(-a * v if a < 0 else 0.0)
    return kept, won, lost


FOLLOW_THRESHOLD = 0.35


def notable_faction(loyalty_row: np.ndarray | list[float]) -> int:
    """The contender a notable follows: the largest loyalty, if it is strong enough or it
    outweighs indifference; -1 otherwise."""
    row = list(loyalty_row)
    best = max(range(len(row) - 1), key=row.__getitem__)  # the first of equals, as np.argmax
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
        flags = self._memo.get("organs")
        if flags is None:  # each contender's organs, asked by nearly every rule
            flags = self._memo["organs"] = [
                self.index.organ_flags[rec.status] for rec in state.contenders
            ]
        self._organs: list[dict[str, bool]] = flags

    def in_organ(self, c: int, organ: str) -> bool:
        return c >= 0 and self._organs[c][organ]

    def support(self) -> np.ndarray:
        return self.remember("support", self.state.support)

    def politburo_members(self) -> list[tuple[str, int, int, int]]:
        return self.remember("politburo", super().politburo_members)

    def cc_blocs(self) -> np.ndarray:
        return self.remember("cc", super().cc_blocs)

    def congress_blocs(self) -> tuple[np.ndarray, list[np.ndarray]]:
        return self.remember("congress", super().congress_blocs)

    def _holdings(self) -> _Holdings:
        return self.remember("holdings", super()._holdings)

    def remember(self, key, compute):
        """The value of ``compute()``, computed once for this context."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def shift_loyalties(self, c: int, amounts: np.ndarray) -> None:
        raise TypeError("a ReadingContext never changes the state")


def apportion_rows(totals: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """:func:`apportion` of ``totals[r]`` seats by the row ``weights[r]``, for every row at
    once: the same seats as row by row, in one pass (a Congress has a dozen delegations)."""
    sums = weights.sum(axis=1)
    ok = (totals > 0) & (sums > 0)
    quota = weights / np.where(ok, sums, 1.0)[:, None] * totals[:, None]
    seats = np.floor(quota).astype(int)
    rest = totals - seats.sum(axis=1)
    order = np.argsort(-(quota - seats), axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(weights.shape[1])[None, :], axis=1)
    seats += rank < rest[:, None]  # the largest remainders get the seats left over
    seats[~ok] = 0
    return seats


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


def perceived_threat(state: GameState, c: int, support: np.ndarray | list[float]) -> float:
    """How much the party fears ``c``: their own threat, and the fear a following brings."""
    return min(100.0, state.contenders[c].threat + state.rules.threat_per_support * support[c])

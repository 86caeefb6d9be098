"""A scenario compiled into what the kernels read: :class:`~game.rules.layout.Tables`, and the
programs of its conditions and effects (see :mod:`game.rules.programs`).

Every condition and effect class knows its own code (its ``emit`` method); the
:class:`~game.engine.builder.Builder` gives them the indices of the names they use. Compiled
once per scenario and kept (:func:`compiled`): scenarios are immutable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from game.rules import layout as lay

from .actions import SPECS, ActionKind
from .builder import ORGAN_CODES, Builder
from .scenario import Factor, Scenario, per_scenario

FACTOR_CODES = {f: i for i, f in enumerate(Factor)}


def builder(sc: Scenario, flags: dict[str, int] | None = None) -> Builder:
    """A :class:`~game.engine.builder.Builder` that knows ``sc``'s names (and ``flags``, by
    index, when a program is added to tables already built)."""
    return Builder(
        contender_ids=[c.id for c in sc.contenders],
        office_ids=[o.id for o in sc.offices],
        region_ids=[r.id for r in sc.regions],
        rung_ids=[r.id for r in sc.ladder],
        event_ids=[e.id for e in sc.events],
        choice_ids=[[ch.id for ch in e.choices] for e in sc.events],
        notable_ids=[k.id for k in sc.notables],
        turn_of=sc.calendar.turn_of,
        flags=dict(flags or {}),
    )


@dataclass(frozen=True)
class Compiled:
    """A scenario as the kernels see it: its tables, its starting position (a template every
    game copies), and the names behind their indices."""

    scenario: Scenario
    tables: lay.Tables
    start: lay.State
    flags: tuple[str, ...]  # flag names, by index in State.flags


def rules_array(rules) -> np.ndarray:
    """The rules as numbers, in :data:`game.rules.layout.RULE_IDS` order."""
    return np.array([float(getattr(rules, name)) for name in lay.RULE_IDS])


def _mask(ids: Iterable[str], index: dict[str, int], size: int) -> np.ndarray:
    out = np.zeros(size)
    ids = list(ids)
    for key, i in index.items():
        if "all" in ids or key in ids:
            out[i] = 1.0
    return out


def compile_scenario(sc: Scenario) -> Compiled:  # noqa: C901 - one table after another
    """Build the tables of ``sc`` (see :class:`~game.rules.layout.Tables`)."""
    b = builder(sc)
    n, regions, offices = len(sc.contenders), len(sc.regions), len(sc.offices)
    turns = sc.calendar.turns
    region_index = {r.id: i for i, r in enumerate(sc.regions)}
    events = sc.events
    most_choices = max([len(e.choices) for e in events] or [1]) or 1

    meeting_rows = list(sc.meetings)
    meeting = np.full((turns, 2), -1, np.int64)
    for i, m in enumerate(meeting_rows):
        t = sc.calendar.turn_of(m.when)
        if 0 <= t < turns:
            meeting[t, 0 if m.organ == "central_committee" else 1] = i
    reporter = [b.who(m.reporter) if m.reporter else -1 for m in meeting_rows]

    cards: list[list[int]] = [[] for _ in range(turns)]
    for i, e in enumerate(events):
        first, last = (sc.calendar.turn_of(d) for d in (e.window or (e.when, e.when)))
        for t in range(max(first, 0), min(last, turns - 1) + 1):
            cards[t].append(i)
    cards_of = np.full((turns, max([len(c) for c in cards] or [1]) or 1), -1, np.int64)
    for t, ids in enumerate(cards):
        cards_of[t, :len(ids)] = ids

    choice_effects = np.full((len(events), most_choices), -1, np.int64)
    chooser_effects = np.full((len(events), most_choices), -1, np.int64)
    party_appeal = np.zeros((len(events), most_choices))
    ai_appeal = np.zeros((len(events), most_choices, n))
    ai_appeal_office = np.zeros((len(events), most_choices, offices))
    for i, e in enumerate(events):
        for j, ch in enumerate(e.choices):
            choice_effects[i, j] = b.effects(ch.effects)
            chooser_effects[i, j] = b.effects(ch.chooser_effects)
            party_appeal[i, j] = ch.party_appeal
            for k, c in enumerate(sc.contenders):
                ai_appeal[i, j, k] = ch.ai_appeal.get(c.id, 0.0)
            for o, office in enumerate(sc.offices):
                ai_appeal_office[i, j, o] = ch.ai_appeal.get(f"office:{office.id}", 0.0)

    def decider(e) -> int:
        return lay.DECIDED_BY_VOTE if e.decider == "vote" else b.who(e.decider or "nobody")

    rung_ids = {r.id: i for i, r in enumerate(sc.ladder)}
    tables = lay.Tables(
        start_health=np.array([c.qualities.health for c in sc.contenders]),
        bases=np.array([_mask(c.bases, region_index, regions) for c in sc.contenders]),
        region_line=np.array([r.line for r in sc.regions]),
        army=np.array([1.0 if r.kind == "army" else 0.0 for r in sc.regions]),
        fief_of=np.array([[o.fief and r.id in o.base_regions for o in sc.offices]
                          for r in sc.regions], dtype=np.bool_).reshape(regions, offices),
        powers=np.array([[p in o.powers for p in lay.POWER_IDS] for o in sc.offices],
                        dtype=np.bool_).reshape(offices, len(lay.POWER_IDS)),
        office_points=np.array([o.action_points for o in sc.offices], np.int64),
        office_base=np.array([_mask(o.base_regions, region_index, regions)
                              for o in sc.offices]).reshape(offices, regions),
        fief=np.array([o.fief for o in sc.offices], dtype=np.bool_),
        elected=np.array([o.elected for o in sc.offices], dtype=np.bool_),
        holders=np.array([o.holders for o in sc.offices], np.int64),
        by_rank=np.array(sorted(range(offices), key=lambda i: -sc.offices[i].rank), np.int64),
        rung=np.array([[r.in_politburo, r.in_central_committee, r.in_party, r.can_act,
                        r.offices] for r in sc.ladder], dtype=np.bool_),
        falls_to=np.array([rung_ids.get(r.falls_to or "", i + 1)
                           for i, r in enumerate(sc.ladder)], np.int64),
        removed_by=np.array([ORGAN_CODES[r.removed_by] if r.removed_by else lay.NO_ORGAN
                             for r in sc.ladder], np.int64),
        majority=np.array([r.majority for r in sc.ladder]),
        notable_line=np.array([k.line for k in sc.notables]),
        meeting=meeting,
        meeting_delegates=np.array([m.delegates or 0 for m in meeting_rows], np.int64),
        meeting_cc_seats=np.array([m.cc_seats or 0 for m in meeting_rows], np.int64),
        meeting_politburo_seats=np.array([m.politburo_seats or 0 for m in meeting_rows],
                                         np.int64),
        meeting_reporter=np.array(reporter, np.int64),
        meeting_carried=np.array([b.effects(m.carried) for m in meeting_rows], np.int64),
        meeting_defeated=np.array([b.effects(m.defeated) for m in meeting_rows], np.int64),
        cards_of=cards_of,
        chance=np.array([e.chance for e in events]),
        repeat=np.array([e.repeat for e in events], dtype=np.bool_),
        event_condition=np.array([b.condition(e.condition) for e in events], np.int64),
        event_effects=np.array([b.effects(e.effects) for e in events], np.int64),
        event_factor=np.array([FACTOR_CODES[e.factor] for e in events], np.int64),
        decider=np.array([decider(e) for e in events], np.int64),
        n_choices=np.array([len(e.choices) for e in events], np.int64),
        forced_choice=np.array([b.choice(e.id, e.forced_choice) if e.forced_choice else -1
                                for e in events], np.int64),
        choice_effects=choice_effects,
        chooser_effects=chooser_effects,
        party_appeal=party_appeal,
        ai_appeal=ai_appeal,
        ai_appeal_office=ai_appeal_office,
        outcome_condition=np.array([b.condition(o.condition) for o in sc.outcomes], np.int64),
        outcome_rank=np.array([o.rank for o in sc.outcomes], np.int64),
        milestone_condition=np.array([b.condition(m.condition) for m in sc.milestones],
                                     np.int64),
        opening=np.array([b.effects(sc.opening) if sc.opening else -1], np.int64),
        code=np.array(b.code or [[0] * 6], np.int64).reshape(-1, 6),
        value=np.array(b.value or [(0.0, 0.0)]).reshape(-1, 2),
        program=np.array(b.programs or [(0, 0)], np.int64).reshape(-1, 2),
        region_masks=np.array(b.masks or [(0.0,) * regions]).reshape(-1, regions),
        cost=np.array([sc.action_costs.get(k.value, SPECS[k].default_cost)
                       for k in ActionKind], np.int64),
        turns=np.array([turns], np.int64),
    )
    return Compiled(sc, tables, start_state(sc, tables, len(b.flags)), tuple(b.flags))


def _shares(loyalty: dict[str, float], ids: list[str]) -> np.ndarray:
    """A loyalty row from a scenario's mapping: the rest of the members are uncommitted."""
    row = np.zeros(len(ids) + 1)
    for k, v in loyalty.items():
        row[ids.index(k)] = v
    row[-1] = max(0.0, 1.0 - row[:-1].sum())
    return row / row.sum()


def start_state(sc: Scenario, tables: lay.Tables, flags: int) -> lay.State:
    """The starting position the scenario writes, before the Politburo is seated (see
    :func:`game.rules.setup.new_game`)."""
    ids = [c.id for c in sc.contenders]
    n, k_all, e_all = len(ids), len(sc.notables), len(sc.events)
    rungs = {r.id: i for i, r in enumerate(sc.ladder)}
    offices = {o.id: i for i, o in enumerate(sc.offices)}
    loyalty = np.array([_shares(r.loyalty, ids) for r in sc.regions])
    members = np.array([float(r.members) for r in sc.regions])
    holds = np.zeros((len(sc.offices), n), np.bool_)
    for i, c in enumerate(sc.contenders):
        for o in c.offices:
            holds[offices[o], i] = True
    office_notable = np.full(len(sc.offices), -1, np.int64)
    for k, notable in enumerate(sc.notables):
        for o in notable.offices:
            office_notable[offices[o]] = k
    allied = np.zeros((n, n), np.bool_)
    for a, b in sc.initial_alliances:
        allied[ids.index(a), ids.index(b)] = allied[ids.index(b), ids.index(a)] = True
    trust = np.full((n, n), sc.initial_trust)
    trust[allied] = np.maximum(trust[allied], 0.5)
    np.fill_diagonal(trust, 1.0)
    ints = np.zeros(lay.INTS, np.int64)
    ints[lay.CC_SEATS] = sc.organs.central_committee.seats
    ints[lay.CONGRESS_DELEGATES] = sc.organs.congress.seats
    ints[lay.POLITBURO_SEATS] = sc.organs.politburo.seats
    ints[lay.LAST_CONGRESS] = -sc.rules.convene_congress_gap
    motions = 2 * n + len(sc.offices) + 1  # a charge per target, a resignation per sponsor,
    #                                        a challenge per office: never more at once
    return lay.State(
        ints=ints,
        reals=np.array([sc.mood_line, sc.mood_unity, sc.mood_line]),
        rules=rules_array(sc.rules),
        status=np.array([rungs[c.status] for c in sc.contenders], np.int64),
        quality=np.array([[c.qualities.prestige, c.qualities.oratory, c.qualities.organisation,
                           c.qualities.health, c.qualities.threat] for c in sc.contenders]),
        line=np.array([c.line for c in sc.contenders]),
        platform=np.zeros(n, np.bool_),
        exposed=np.zeros(n, np.bool_),
        action_points=np.zeros(n, np.int64),
        last_shift=np.full(n, -99, np.int64),
        last_demoted=np.full(n, -99, np.int64),
        dossiers=np.zeros((n, n), np.int64),
        judgement=np.zeros((n, lay.JUDGEMENT)),
        loyalty=loyalty,
        members=members,
        patron=np.array([ids.index(r.secretary) if r.secretary else -1 for r in sc.regions],
                        np.int64),
        cc_share=(members @ loyalty) / members.sum(),
        notable_loyalty=np.array([_shares(k.loyalty, ids) for k in sc.notables]).reshape(
            k_all, n + 1),
        notable_seated=np.array([k.politburo for k in sc.notables], np.bool_),
        retired=np.zeros(k_all, np.bool_),
        allied=allied,
        trust=trust,
        offers=np.zeros((n, n), np.bool_),
        holds=holds,
        lost=np.zeros((len(sc.offices), n), np.bool_),
        office_notable=office_notable,
        motions=np.zeros((motions, lay.MOTION_FIELDS), np.int64),
        decisions=np.zeros(max(e_all, 1), np.int64),
        deciders=np.zeros((max(e_all, 1), n), np.bool_),
        cards=np.zeros(max(e_all, 1), np.int64),
        flags=np.zeros(flags),
        fired=np.full(e_all, lay.NOT_FIRED, np.int64),
        milestones=np.full(len(sc.milestones), -1, np.int64),
        ledger=np.zeros((n, len(lay.FACTOR_IDS))),
        history=np.zeros((tables.turns[0] + 1, n + 1)),
    )


@dataclass(frozen=True)
class Extra:
    """A program compiled beside a scenario's own: tables with its rows added."""

    tables: lay.Tables
    program: int


def extra_condition(c: Compiled, condition) -> Extra:
    """``condition`` compiled against the scenario's tables (its flags keep their indices)."""
    return _extra(c, lambda b: b.condition(condition), f"the condition {condition}")


def extra_effects(c: Compiled, effects: Iterable) -> Extra:
    """A list of effects compiled against the scenario's tables, to run on a game of it."""
    effects = list(effects)
    return _extra(c, lambda b: b.effects(effects), f"the effects {effects}")


def _extra(c: Compiled, write: Callable[[Builder], int], what: str) -> Extra:
    sc, t = c.scenario, c.tables
    b = builder(sc, flags={name: i for i, name in enumerate(c.flags)})
    b.masks = [tuple(row) for row in t.region_masks.tolist()]
    program = write(b)
    if len(b.flags) > len(c.flags):
        raise ValueError(f"{what}: a flag the scenario never sets")
    rows, first = len(b.code), t.code.shape[0]
    start = np.array([(first + p[0], p[1]) for p in b.programs], np.int64).reshape(-1, 2)
    regions = t.region_masks.shape[1]
    return Extra(t._replace(
        code=np.vstack([t.code, np.array(b.code, np.int64).reshape(rows, 6)]),
        value=np.vstack([t.value, np.array(b.value).reshape(rows, 2)]),
        program=np.vstack([t.program, start]),
        region_masks=np.array(b.masks).reshape(-1, regions),
    ), t.program.shape[0] + program)


compiled = per_scenario(compile_scenario)  # the scenario's tables, compiled on first use

"""The historical AI: each contender plays what the record says he did.

A scenario's ``historical`` section gives every contender standing orders, each in force between
two dates (Stalin: appoint in Ukraine from 1924; ally with Bukharin from 1925 to 1927; accuse
Zinoviev from 1926 ...). Each turn this AI takes, in the order written, the standing orders in
force that are legal now and fit the action points left, and decides every card it is asked to
with the card's first choice, which a scenario makes history's. It never plays by judgement: it
is the model's backtest (``politburo check ID --difficulty historical``), and shows how far the
rules alone, given history's choices, reproduce history's dates.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine import Action, ActionKind, GameState, Option, View


def historical_orders(view: View, options: Sequence[Option], state: GameState) -> list[Action]:
    """This turn's orders for ``view.me`` from the scenario's standing orders (see the module)."""
    sc = state.scenario
    cal = sc.calendar
    me = sc.contenders[view.me].id
    cost = {o.action: o.cost for o in options}
    first = {e.id: e.choices[0].id for e in sc.events if e.choices}
    chosen = [
        o.action for o in options
        if o.action.kind is ActionKind.DECIDE and o.action.option == first.get(o.action.target)
    ]
    budget = view.mine.action_points
    for order in sc.historical.get(me, ()):
        if cal.turn_of(order.from_) > state.turn:
            continue
        if order.until is not None and cal.turn_of(order.until) < state.turn:
            continue
        action = Action.parse(order.order)
        if action in cost and action not in chosen and cost[action] <= budget:
            chosen.append(action)
            budget -= cost[action]
    return chosen

"""The debrief's essay questions: "how far" questions on the factors, built from the game that
was played, each with the evidence a student should start from and, for the teacher, a model
answer, the points a good answer may use and the levels of the mark scheme.

A question is asked only when the game holds the evidence to answer it: the factor question
names the factor that moved the player's support most in the direction of their result; the
question on the power of appointment cites a Congress or Central Committee vote only if one
was taken; the turning-point and history questions name a moment and a divergence of this
game. A game stopped early is asked about the position when it stopped, and a short game
about its own end, never about events after it.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine import Scenario
from game.teacher import Material
from game.words.names import lowered

from .model import Debrief, Divergence, FactorBreakdown, FactorShare, MarkLevel, Question

TOPICS: dict[str, tuple[str, ...]] = {
    "patronage": ("general secretary", "appoint", "patronage", "secretar", "apparatus"),
    "votes": ("congress", "central committee", "vote", "delegat"),
    "factors": ("factor", "weigh", "weakness", "alliances", "ideology", "mood", "luck",
                "personal", "rivalr"),
    "ban": ("ban on factions", "faction", "opposition", "remove", "expel"),
    "legacy": ("testament", "lenin's legacy", "lenin"),
    "evidence": ("debrief", "evidence", "how far", "your own game", "explain", "compar"),
    "alliances": ("alliance", "bloc", "triumvirate"),
    "ideology": ("ideology", "mood", "nep", "socialism in one country", "left", "right"),
}
FACTOR_TOPIC = {
    "patronage": "patronage",
    "opponents_weaknesses": "ban",
    "rivalries": "ban",
    "alliances": "alliances",
    "ideology": "ideology",
    "lenins_legacy": "legacy",
    "personal_qualities": "factors",
    "luck": "factors",
}
LADDER_KINDS = ("earlier", "later", "never", "not_in_record")
MIN_SHARE = 0.05  # a factor with a smaller share is not worth weighing in an answer


def _votes(n: int) -> str:
    return f"{n} vote{'s' * (n != 1)}"


def _objective(objectives: Sequence[str], topics: Sequence[str]) -> int:
    """The learning objective whose words best match the topics (-1 when there are none)."""
    best, score = (0 if objectives else -1), 0
    for i, text in enumerate(objectives):
        low = text.lower()
        s = sum(low.count(k) for t in topics for k in TOPICS.get(t, ()))
        if s > score:
            best, score = i, s
    return best


def _phrase(f: FactorShare, who: str) -> str:
    """A factor as the subject of "how far does ... explain": said from the player's side."""
    if f.factor == "opponents_weaknesses":
        return f"the weakness of {who}'s opponents" if f.helped else f"{who}'s own weaknesses"
    if f.factor == "patronage":
        return "patronage (the power of appointment)"
    return lowered(f.name)


def _does(f: FactorShare) -> str:
    """The verb that agrees with :func:`_phrase`: "does" or "do"."""
    plural = f.factor in ("personal_qualities", "rivalries", "alliances") or (
        f.factor == "opponents_weaknesses" and not f.helped
    )
    return "do" if plural else "does"


def _was(f: FactorShare) -> str:
    return "were" if _does(f) == "do" else "was"


def _side(f: FactorShare) -> str:
    return "for" if f.helped else "against"


def _share(f: FactorShare, who: str) -> str:
    return f"{f.name}: {f.share:.0%} of all that moved {who}'s support, {_side(f)} {who}"


def _degree(f: FactorShare, first: bool) -> str:
    if f.share >= 0.4:
        return "largely"
    if first:
        return "more than any other single factor, but not on its own"
    return "in part"


class _Context:
    """What every question reads: the player's seat, result and factors."""

    def __init__(self, d: Debrief, sc: Scenario, mat: Material) -> None:
        self.d, self.sc, self.mat = d, sc, mat
        self.p = d.focus[0]
        self.who = d.contender(self.p).short
        self.out = d.outcome_of(self.p)
        self.fb: FactorBreakdown = next(f for f in d.factors if f.contender == self.p)
        ranks = sorted({o.rank for o in sc.outcomes})
        self.good = self.out.winner or self.fb.change > 0
        if not d.finished:
            self.result = f"position when the game stopped, in {d.end_date}"
        elif self.out.rank == ranks[-1]:
            self.result = "victory"
        elif self.out.winner:
            self.result = f"lead at the end of the game ({self.out.name})"
        elif self.out.rank <= ranks[len(ranks) // 2 - 1] if len(ranks) > 1 else False:
            self.result = f"defeat ({self.out.name})"
        else:
            self.result = f"ending as \u201c{self.out.name}\u201d"
        self.levels = [
            MarkLevel(level=lv.level, marks=lv.marks, descriptor=lv.descriptor)
            for lv in mat.common.levels
        ]

    def ranked(self, skip: str | None = None) -> list[FactorShare]:
        """The player's factors worth weighing, largest share first; those in the direction of
        the result first of all (``skip``: one factor left out)."""
        moved = [f for f in self.fb.factors if f.share >= MIN_SHARE and f.factor != skip]
        return sorted(moved, key=lambda f: (f.helped != self.good, -f.share))

    def points_for(self, factor: str, contender: str | None = None) -> list[str]:
        return [
            f"{tp.date}: {tp.text} ({tp.cause})"
            for tp in self.d.turning_points
            if tp.factor == factor and (contender is None or contender in tp.contenders)
        ]

    def question(self, text: str, topics: Sequence[str], basis: str, evidence: list[str],
                 answer: list[str], indicative: list[str]) -> Question:
        objectives = self.d.learning_objectives
        i = _objective(objectives, topics)
        return Question(
            text=text,
            objective=objectives[i] if i >= 0 else "",
            objective_index=i,
            basis=basis,
            evidence=evidence,
            model_answer=answer,
            indicative=indicative,
            levels=self.levels,
        )


def _name(f: FactorShare) -> str:
    """A factor's name inside a sentence."""
    return lowered(f.name)


def _factor_question(c: _Context, skip: str | None = None) -> Question | None:
    ranked = c.ranked(skip)
    if not ranked:
        return None
    f1 = ranked[0]
    moved = [f for f in c.fb.factors if f.share >= MIN_SHARE]
    biggest = max(moved, key=lambda f: f.share)
    largest = f1 is biggest
    others = sorted((f for f in moved if f is not f1), key=lambda f: -f.share)[:2]
    who = c.who
    subject = _phrase(f1, who)
    votes = (
        f"{_votes(f1.votes_won)} booked under it went {who}'s way and {f1.votes_lost} against"
        if f1.votes_won or f1.votes_lost
        else ""
    )
    points = c.points_for(f1.factor, c.p)
    note = c.mat.factors[f1.factor]
    evidence = [f"The factor chart: {_share(f1, who)}."]
    if votes:
        evidence.append(f"The votes: {votes}.")
    evidence += [f"A turning point: {x}." for x in points[:2]]
    if others:
        evidence.append(
            "Weigh it against: " + "; ".join(_share(f, who) for f in others) + "."
        )
    else:
        evidence.append(f"No other factor moved as much as {MIN_SHARE:.0%} of {who}'s support: "
                        "look at the votes and offices instead.")
    degree = _degree(f1, largest)
    aligned = f1.helped == c.good
    if aligned:
        text = f"How far {_does(f1)} {subject} explain {who}'s {c.result} in your game?"
        verb = "explains" if _does(f1) == "does" else "explain"
        thesis = f"In this game {subject} {verb} {who}'s {c.result} {degree}"
    elif not f1.helped:
        text = f"How far did {subject} hold {who} back in your game?"
        thesis = f"In this game {subject} held {who} back {degree}"
    else:
        text = f"How far did {subject} save {who} from a worse result in your game?"
        thesis = f"In this game {subject} saved {who} from worse {degree}"
    answer = [
        f"{thesis}: it was {f1.share:.0%} of everything that moved {who}'s support, and it "
        f"worked {_side(f1)} {who}.",
        "For: "
        + ("In the game, " + "; ".join(points[:2]) + ". " if points else "")
        + (f"{votes[0].upper()}{votes[1:]}. " if votes else "")
        + f"The historians' case on this factor: {note.for_}",
    ]
    if others:
        answer.append(
            "Alongside it: "
            + "; ".join(f"{_name(f)} moved {f.share:.0%} of {who}'s support, {_side(f)} {who}"
                        for f in others)
            + ". "
            + "".join(f"In the game, {x}. " for x in c.points_for(others[0].factor, c.p)[:1])
            + f"The historians' caution: {note.against}"
        )
    if largest:
        judgement = (
            f"Judgement: {subject} {_was(f1)} the "
            f"{'main' if f1.share >= 0.4 else 'largest single'} force, but it did not work alone"
            + (f": {_name(others[0])} shaped what it could do." if others else ".")
        )
    else:
        judgement = (
            f"Judgement: {subject} {_was(f1)} one cause among several: {_name(biggest)} moved more "
            f"of {who}'s support ({biggest.share:.0%}, {_side(biggest)} {who})."
        )
    answer.append(
        judgement + " A strong answer says how the factors depended on each other, not only "
        "which was biggest."
    )
    indicative = [f"{_share(f, who)}." for f in [f1, *others]] + [f"{x}." for x in points[:2]]
    indicative.append(f"From history: {note.for_}")
    return c.question(
        text,
        ["evidence", "factors", FACTOR_TOPIC.get(f1.factor, "factors")],
        "the factor chart",
        evidence,
        answer,
        indicative,
    )


def _appointer(sc: Scenario) -> tuple[str, str] | None:
    """(contender id, office name) of whoever holds the power of appointment at the start."""
    for o in sc.offices:
        if "appoint" in [str(x) for x in o.powers]:
            holder = next((c.id for c in sc.contenders if o.id in c.offices), None)
            if holder:
                return holder, o.name
    return None


def _patronage_question(c: _Context) -> Question | None:
    found = _appointer(c.sc)
    if found is None:
        return None
    h, office = found
    d, who = c.d, c.who
    hname = d.contender(h).short
    hfb = next(f for f in d.factors if f.contender == h)
    pat = next((f for f in hfb.factors if f.factor == "patronage"), None)
    big = [v for v in d.votes if v.body in ("congress", "central_committee") and v.yes + v.no]
    if (pat is None or pat.share == 0) and not big:
        return None
    loyal = [
        (sum(1 for b in v.blocs if f"loyal to {hname}" in b.reason), v) for v in big
    ]
    loyal = [x for x in loyal if x[0]]
    vote = max(loyal, key=lambda x: (x[0], -abs(x[1].yes - x[1].needed)))[1] if loyal else None
    lost = office not in d.outcome_of(h).offices
    lost_at = next(
        (tp for tp in d.turning_points if h in tp.contenders and tp.kind == "office"
         and tp.text.endswith(f"loses the post of {office}")),
        None,
    )
    if h == c.p:
        text = f"How far does {hname}'s position as {office} explain {hname}'s {c.result} in " \
            "your game?"
    elif c.out.winner:
        text = f"How far was {hname}'s position as {office} an obstacle to {who}'s {c.result} " \
            "in your game?"
    else:
        text = f"How far does {hname}'s position as {office} explain {who}'s {c.result} in " \
            "your game?"
    evidence = []
    if pat is not None:
        evidence.append(f"The factor table: for {hname}, {lowered(_share(pat, hname))}.")
    if vote is not None:
        evidence.append(
            f"The vote of {vote.date}, {vote.organ}: {vote.headline} (look at the blocs loyal "
            f"to {hname})."
        )
    elif big:
        evidence.append(
            f"The {len(big)} {c.sc.organs.congress.name} and "
            f"{c.sc.organs.central_committee.name} votes: which blocs decided them?"
        )
    if lost:
        when = f" in {lost_at.date}" if lost_at else ""
        evidence.append(f"{hname} lost the post of {office}{when}.")
    note = c.mat.factors["patronage"]
    answer = [
        f"The {office} appointed the secretaries who ran the regions, and the regions sent the "
        f"delegates who voted in the {c.sc.organs.congress.name} and elected the "
        f"{c.sc.organs.central_committee.name}: the effect was slow, quiet and cumulative.",
    ]
    if pat is not None and pat.share:
        answer.append(
            f"In this game patronage was {pat.share:.0%} of all that moved {hname}'s support, "
            f"{_side(pat)} {hname}"
            + (f"; in the vote of {vote.date} ({vote.headline}) "
               f"{sum(1 for b in vote.blocs if f'loyal to {hname}' in b.reason)} of the "
               f"{len(vote.blocs)} blocs were mostly loyal to {hname}." if vote else ".")
        )
    if lost:
        when = f" in {lost_at.date}" if lost_at else ""
        answer.append(
            f"But {hname} lost the post of {office}{when}: the office alone did not protect "
            "its holder."
        )
    answer.append(f"Historians' case: {note.for_} Their caution: {note.against}")
    answer.append(
        "Judgement: weigh the office against the factor chart's other large shares; a strong "
        f"answer says what the {office}'s appointments made possible, and what they could not "
        "do without allies and rivals' mistakes."
    )
    indicative = [
        f"The chain from appointed secretaries to delegates to the "
        f"{c.sc.organs.central_committee.name}.",
        *(x for x in evidence),
        f"From history: {note.for_}",
    ]
    return c.question(
        text, ["patronage", "votes", "evidence"], "the patronage line and the votes", evidence,
        answer, indicative,
    )


def _turning_question(c: _Context) -> Question | None:
    d = c.d
    mine = d.pivotal_points([c.p]) or d.pivotal_points([x.id for x in d.contenders])
    if not mine:
        return None
    tp = mine[0]
    series = next(s.points for s in d.support if s.contender == c.p)
    before, after = series[tp.turn], series[-1]
    later = [x for x in d.turning_points if x.turn > tp.turn and c.p in x.contenders][:2]
    earlier = [x for x in d.turning_points if x.turn < tp.turn and c.p in x.contenders][-1:]
    step = next((s for s in d.steps if s.game_turn == tp.turn and s.contender in tp.contenders
                 and s.history_turn is not None), None)
    evidence = [
        f"The turning point: {tp.date}, {tp.text}; the debrief's cause: {tp.cause}.",
        f"{c.who}'s support: {before:.0%} at the start of {tp.date}, {after:.0%} at the end of "
        "the game.",
    ]
    evidence += [f"Before it: {x.date}, {x.text}." for x in earlier]
    evidence += [f"After it: {x.date}, {x.text}." for x in later]
    answer = [
        f"For: {tp.text} in {tp.date} was the largest single moment for {c.who} in this game; "
        f"its cause was {tp.cause}.",
        f"{c.who}'s support went from {before:.0%} at the start of that quarter to "
        f"{after:.0%} at the end of the game"
        + ("; what followed (" + "; ".join(f"{x.date}: {x.text}" for x in later) + ") built on "
           "it." if later else "."),
        "Against: "
        + (f"earlier, {earlier[0].date}: {earlier[0].text}, had already set it up; "
           if earlier else "")
        + "a turning point is usually the moment a slower change became visible: look at the "
        "support chart for the trend before it.",
    ]
    if step is not None:
        answer.append(
            f"In history {step.label.lower() if step.label[0].islower() else step.label} in "
            f"{c.sc.calendar.label(step.history_turn)}; compare the timing and ask why it "
            "differed."
        )
    answer.append(
        "Judgement: how far it was the turning point depends on whether the game could still "
        "have gone another way after it; a strong answer argues this from the evidence."
    )
    return c.question(
        f"How far was \u201c{tp.text}\u201d ({tp.date}) the turning point of {c.who}'s game?",
        [FACTOR_TOPIC.get(tp.factor or "", "factors"), "evidence"],
        f"the turning point of {tp.date}",
        evidence,
        answer,
        [*evidence, "The support chart's trend before and after it."],
    )


def _biggest_divergence(d: Debrief) -> Divergence | None:
    ladder = [x for x in d.divergences if x.kind in LADDER_KINDS]
    if ladder:
        return max(ladder, key=lambda x: (x.kind in ("never", "not_in_record"),
                                          abs(x.quarters or 0)))
    choices = [x for x in d.divergences if x.kind == "choice"]
    return choices[0] if choices else None


def _divergence_question(dv: Divergence) -> str:
    """A "how far" question on one divergence: choices against chance."""
    lead = "How far were the players' choices, rather than chance, the reason that"
    what = dv.title.rsplit(":", 1)[0] if dv.kind in LADDER_KINDS else dv.title
    if dv.kind == "never":
        return f"{lead} \u201c{what}\u201d never happened in your game?"
    if dv.kind in ("earlier", "later"):
        n = abs(dv.quarters or 0)
        return (
            f"{lead} \u201c{what}\u201d came {n} quarter{'s' * (n != 1)} {dv.kind} than in "
            "history?"
        )
    if dv.kind == "not_in_record":
        return f"{lead} \u201c{what}\u201d happened in your game, when it did not in history?"
    return f"How far did the decision on the card \u201c{what}\u201d change your game?"


def _history_question(c: _Context) -> Question:
    d = c.d
    dv = _biggest_divergence(d)
    luck = next((f for f in c.fb.factors if f.factor == "luck"), None)
    if dv is None:
        text = "How far did your game follow history, and why?"
        evidence = [
            "Where your game left history: it followed the record at every dated step "
            "that the game reached.",
            f"The distance from history: {d.distance.total:g} quarters.",
        ]
        answer = [
            "Following history is evidence that the game's rules capture the pressures of the "
            "time; ask which of your choices matched the historical actors' and which did not.",
        ]
    else:
        text = _divergence_question(dv)
        evidence = [
            f"In your game: {dv.game} In history: {dv.history}",
            f"The debrief's explanation: {dv.why}",
        ]
        if luck is not None and luck.share:
            evidence.append(f"The factor chart: {_share(luck, c.who)}.")
        answer = [
            f"In your game: {dv.game} In history: {dv.history}",
            f"Choices: {dv.why}",
            "Chance: "
            + (f"luck was {luck.share:.0%} of what moved {c.who}'s support. " if luck else "")
            + "Event cards and vote counts carry chance; a strong answer separates what the "
            "players chose from what the dice did.",
            "Judgement: the difference tells us what had to happen for history to go as it "
            "did, which is the point of comparing.",
        ]
    return c.question(
        text, ["evidence", "ban"], "where your game left history", evidence, answer,
        [*evidence, f"The distance from history: {d.distance.total:g} quarters."],
    )


def questions(d: Debrief, sc: Scenario, mat: Material) -> list[Question]:
    """The questions of a debrief, in order: the factor question, the question on the power of
    appointment, the turning point, history; those the game holds no evidence for are left
    out. The handout prints the first three."""
    c = _Context(d, sc, mat)
    patronage = _patronage_question(c)
    # The second question is about the power of appointment: the first then weighs another
    # factor, so that the two do not ask the same thing.
    skip = "patronage" if patronage is not None else None
    made = [_factor_question(c, skip), patronage, _turning_question(c), _history_question(c)]
    return [q for q in made if q is not None]

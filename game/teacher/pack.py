"""The teacher pack: a folder of printable pages from which a teacher can run the lessons
without preparing anything else, in the manner of iCivics' and Mission US's educator guides.

- ``index.html`` — what the scenario teaches, the lengths and how long each takes, what is in
  the pack, the commands a lesson needs, and what to prepare students for;
- ``lesson-<length>.html`` — a lesson plan per lesson length: timings, starter, play, debrief,
  plenary, seats, support and stretch, homework;
- ``role-cards.html`` — one card per contender: his position, assets, weaknesses, aims;
- ``essay.html`` — the essay question with a scaffold for students, then, for the teacher, the
  model answer, the mark scheme and the historians' case on each factor;
- ``simplifications.html`` — where and why the game departs from history;
- ``further-reading.html`` — historians' works checked against catalogue records, and what the
  game's own sources are.

Every page is self-contained, prints in black and white, and links to the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.page import esc, masthead, page

from .data import LessonPlan
from .material import Material

CSS = """
.card { border: .6mm solid #1A1A1A; padding: 4mm 5mm; margin: 0 0 5mm;
  break-inside: avoid; page-break-inside: avoid; }
.card h2 { margin-top: 0; }
.card.cut { border-style: dashed; }
.phase td:first-child { font-weight: 800; }
h1 { font-size: 16pt; }
@media print { .phase { font-size: 8pt; } #plan ol, #plan ul { font-size: 8.6pt; } }
.write { border-bottom: .2mm solid #B9B1A4; height: 8mm; }
nav.pack { font-size: 8.6pt; margin: 0 0 3mm; }
nav.pack a { text-decoration: underline; }
"""
PRIMARY = " \u2014 a primary source"


@dataclass(frozen=True)
class Page:
    """One page of the pack: its file name, its title and its HTML."""

    name: str
    title: str
    html: str


def _nav(pages: list[tuple[str, str]], here: str) -> str:
    links = " \u00b7 ".join(
        f"<b>{esc(title)}</b>" if name == here else f'<a href="{esc(name)}">{esc(title)}</a>'
        for name, title in pages
    )
    return f'<nav class="pack" aria-label="The teacher pack">{links}</nav>'


def _shell(m: Material, name: str, title: str, body: str, pages: list[tuple[str, str]]) -> Page:
    sc = m.scenario
    html = page(
        f"{title}: {sc.title}",
        masthead(f"Politburo \u00b7 Teacher pack \u00b7 {title}", sc.title,
                 f"{esc(sc.dates)} \u00b7 scenario <b>{esc(sc.id)}</b> \u00b7 made by "
                 "politburo teacher-pack; every page prints on A4 or Letter, in black and "
                 "white")
        + _nav(pages, name)
        + f"<main>{body}</main>",
        CSS,
    )
    return Page(name, title, html)


def _lesson_name(plan: LessonPlan) -> str:
    return f"lesson-{plan.length}.html"


def _index(m: Material, pages: list[tuple[str, str]]) -> str:
    sc = m.scenario
    rows = "".join(
        f"<tr><td><a href=\"{_lesson_name(p)}\">{esc(p.length.capitalize())}</a></td>"
        f'<td class="num">{turns}</td><td class="num">about {minutes} min</td>'
        f'<td class="num">{p.lessons}</td><td>{esc(" ".join(what.split()))}</td></tr>'
        for p, (_, turns, minutes, what) in zip(m.lessons, sc.lesson_lengths(), strict=True)
    )
    objectives = "".join(f"<li>{esc(o)}</li>" for o in sc.learning_objectives)
    contents = "".join(
        f'<li><a href="{esc(name)}">{esc(title)}</a></li>' for name, title in pages[1:]
    )
    note = (
        f'<div class="box warn"><b>Before the end of the game.</b> {esc(m.content_note)}</div>'
        if m.content_note
        else ""
    )
    return (
        f'<section id="about"><h2>What students do</h2><p>{esc(m.summary)}</p></section>'
        f'<section id="objectives"><h2>Learning objectives</h2><ol>{objectives}</ol></section>'
        '<section id="lengths"><h2>Lesson lengths</h2><table><colgroup>'
        '<col style="width:12%" /><col style="width:8%" /><col style="width:14%" />'
        '<col style="width:10%" /><col style="width:56%" /></colgroup><thead><tr>'
        '<th>Length</th><th class="num">Turns</th><th class="num">Play</th>'
        '<th class="num">Lessons</th><th>What it covers</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></section>"
        f'<section id="contents"><h2>In this pack</h2><ol>{contents}</ol></section>'
        '<section id="commands"><h2>The commands a lesson needs</h2><ul>'
        f"<li>Play in the window: <b>politburo</b>; in a terminal: <b>politburo play --text "
        f"--scenario {esc(sc.id)} --seed 1924 --name NAME</b> (add --length short or "
        "standard for a shorter game). One seed for the whole class makes the games "
        "comparable.</li>"
        "<li>A student's handout (two pages): <b>politburo debrief SAVE --handout -o "
        "handout.html</b>; the full report: <b>politburo debrief SAVE -o report.html</b>; add "
        "<b>--teacher</b> for model answers and the mark scheme.</li>"
        "<li>The class: <b>politburo debrief SAVES_FOLDER --class -o class.html</b>, and one "
        "page for the projector with <b>--slide</b>.</li>"
        "<li>Experiments: <b>politburo lab --what-if no_patronage -o lab.html</b>, and a "
        "one-page student sheet with <b>--sheet sheet.html</b>.</li></ul>"
        f"</section>{note}"
        f'<section id="teacher-note"><h2>The scenario\'s note for the teacher</h2>'
        f"<p>{esc(' '.join(sc.teacher_note.split()))}</p></section>"
    )


def _lesson(m: Material, plan: LessonPlan) -> str:
    sc = m.scenario
    objectives = "".join(
        f"<li>{esc(sc.learning_objectives[i - 1])}</li>" for i in plan.objectives
        if 1 <= i <= len(sc.learning_objectives)
    )
    clock = 0
    rows = []
    for ph in plan.phases:
        rows.append(
            f"<tr><td>{esc(ph.name)}</td><td>{clock}\u2013{clock + ph.minutes}<br />"
            f'<span class="small">{ph.minutes} min</span></td><td>{esc(ph.what)}</td></tr>'
        )
        clock += ph.minutes
    extra = '<div class="cols">' + "".join(
        f"<div><h3>{title}</h3><p>{esc(text)}</p></div>"
        for title, text in (("Seats", plan.seats), ("Homework", plan.homework),
                            ("Support", plan.support), ("Stretch", plan.stretch))
        if text
    ) + "</div>"
    prepare = "".join(f"<li>{esc(x)}</li>" for x in plan.prepare)
    periods = f"{plan.lessons} lesson{'s' * (plan.lessons != 1)}"
    return (
        f'<section id="plan"><h2>{esc(plan.title)}</h2>'
        f"<p><b>{plan.minutes} minutes</b> in {periods}. Objectives:</p><ol>{objectives}</ol>"
        + (f"<h3>Before the lesson</h3><ul>{prepare}</ul>" if prepare else "")
        + '<h3>Timings</h3><table class="phase"><colgroup><col style="width:15%" />'
        '<col style="width:10%" /><col style="width:75%" />'
        "</colgroup><thead><tr><th>Step</th><th>Minutes</th><th>What you do</th></tr>"
        "</thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{extra}</section>"
    )


def _role_cards(m: Material) -> str:
    cards = []
    for card in m.roles:
        c = next(x for x in m.scenario.contenders if x.id == card.contender)
        assets = "".join(f"<li>{esc(x)}</li>" for x in card.assets)
        weak = "".join(f"<li>{esc(x)}</li>" for x in card.weaknesses)
        tip = f"<p><b>A first move to try:</b> {esc(card.tip)}</p>" if card.tip else ""
        cards.append(
            f'<div class="card cut"><h2>{esc(c.name)}</h2>'
            f"<p><b>Where you stand:</b> {esc(card.position)}</p>"
            f'<div class="cols"><div><h3>Your assets</h3><ul>{assets}</ul></div>'
            f"<div><h3>Your weaknesses</h3><ul>{weak}</ul></div></div>"
            f"<p><b>What you want:</b> {esc(card.wanted)}</p>{tip}"
            f'<p class="small">Difficulty for a student: {esc(c.difficulty)}.</p></div>'
        )
    return (
        '<p class="small">Print and cut along the dashed lines: one card for each group.</p>'
        + "".join(cards)
    )


def _essay(m: Material) -> str:
    e = m.essay
    scaffold = "".join(
        f'<li>{esc(step)}<div class="write"></div><div class="write"></div></li>'
        for step in e.scaffold
    )
    answer = "".join(f"<p>{esc(p)}</p>" for p in e.model_answer)
    indicative = "".join(f"<li>{esc(x)}</li>" for x in e.indicative)
    levels = "".join(
        f"<tr><td>{lv.level}</td><td>{esc(lv.marks)}</td><td>{esc(lv.descriptor)}</td></tr>"
        for lv in m.common.levels
    )
    factors = "".join(
        f"<tr><td>{esc(m.scenario.factor_name(f))}</td><td>{esc(n.for_)}</td>"
        f"<td>{esc(n.against)}</td></tr>"
        for f, n in m.factors.items()
    )
    return (
        f'<section id="question"><h2>The essay</h2><p class="lede"><b>{esc(e.question)}</b></p>'
        "<p>Plan it paragraph by paragraph; use your own game's debrief as evidence beside what "
        f"happened in history.</p><ol>{scaffold}</ol></section>"
        '<section id="model" class="pagebreak"><h2>For the teacher: a model answer</h2>'
        f'<div class="answer">{answer}</div>'
        f"<h3>A good answer may use</h3><ul>{indicative}</ul></section>"
        '<section id="marks"><h2>Mark scheme</h2><table><colgroup><col style="width:9%" />'
        '<col style="width:11%" /></colgroup><thead><tr><th>Level</th><th>Marks</th>'
        f"<th>Descriptor</th></tr></thead><tbody>{levels}</tbody></table>"
        f'<p class="small">{esc(m.common.levels_note)}</p></section>'
        '<section id="factors"><h2>The historians\' case, factor by factor</h2>'
        '<table><colgroup><col style="width:20%" /><col style="width:44%" />'
        '<col style="width:36%" /></colgroup><thead><tr><th>Factor</th><th>How it worked'
        f"</th><th>Its limits</th></tr></thead><tbody>{factors}</tbody></table></section>"
    )


def _simplifications(m: Material) -> str:
    rows = "".join(
        f"<tr><td><b>{esc(s.topic)}</b></td><td>{esc(s.game)}</td><td>{esc(s.history)}</td>"
        f"<td>{esc(s.why)}</td></tr>"
        for s in m.simplifications
    )
    note = f'<div class="box warn">{esc(m.content_note)}</div>' if m.content_note else ""
    return (
        '<p>A game has to simplify. Point these out to students, so that they can tell the '
        "model from the history, and ask them which simplification matters most to the "
        "essay.</p>"
        '<table><colgroup><col style="width:16%" /><col style="width:28%" />'
        '<col style="width:28%" /><col style="width:28%" /></colgroup><thead><tr>'
        "<th>Where</th><th>In the game</th><th>In history</th><th>Why</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        + (f"<h2>What the epilogue describes</h2>{note}" if note else "")
    )


def _reading(m: Material) -> str:
    works = "".join(
        f"<li><b>{esc(w.author)}</b>, <i>{esc(w.title)}</i> ({esc(w.publisher)}, {w.year})"
        + (PRIMARY if w.kind == "primary source" else "")
        + f'<span class="cause">{esc(w.argues)}</span>'
        f'<span class="small">Checked against: {esc(w.record)}</span></li>'
        for w in m.reading
    )
    cited = sorted({e.source for e in m.scenario.events if e.source})
    sources = "".join(
        f"<li>{esc(t)}"
        + (f" \u2014 {esc(doc.kind)}. {esc(doc.note)}" if (doc := m.source(t)) else "")
        + "</li>"
        for t in cited
    )
    body = (
        "<p>Works by historians that students can read and cite in an essay, each with a line "
        "on what it argues. Author, title and year were checked against a public catalogue or "
        "trade record.</p>"
        + (f"<ol>{works}</ol>" if works else "<p>No verified reading is listed for this "
           "scenario yet.</p>")
    )
    if sources and all(m.source(t) for t in cited):
        body += (
            "<h2>The game's own sources</h2><p>The cards' historical notes draw on these "
            "documents. None is a historian's work: students may use them to check a date, "
            f"not as evidence in an essay.</p><ul>{sources}</ul>"
        )
    elif sources:  # a scenario of another era cites histories, as it names them
        body += (
            "<h2>The game's own sources</h2><p>The cards' historical notes cite these works, "
            f"as the scenario names them.</p><ul>{sources}</ul>"
        )
    return body


def pack_pages(m: Material) -> list[Page]:
    """Every page of the pack, the index first."""
    titles = [("index.html", "Contents")]
    titles += [(_lesson_name(p), f"Lesson plan: {p.length}") for p in m.lessons]
    titles += [
        ("role-cards.html", "Role cards"),
        ("essay.html", "Essay, model answer and mark scheme"),
        ("simplifications.html", "Simplifications"),
        ("further-reading.html", "Further reading"),
    ]
    bodies = [_index(m, titles)]
    bodies += [_lesson(m, p) for p in m.lessons]
    bodies += [_role_cards(m), _essay(m), _simplifications(m), _reading(m)]
    return [
        _shell(m, name, title, body, titles)
        for (name, title), body in zip(titles, bodies, strict=True)
    ]


def write_pack(m: Material, folder: Path, write) -> list[Path]:
    """Write every page into ``folder`` (created if need be) with ``write(path, text)``; the
    paths written, the index first. Raises OSError."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for p in pack_pages(m):
        path = folder / p.name
        write(path, p.html)
        out.append(path)
    return out

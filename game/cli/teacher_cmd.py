"""`politburo teacher-pack`: the teacher pack of a scenario as a folder of printable HTML pages
(see game.teacher.pack): lesson plans for each length, role cards, the essay with a model answer
and mark scheme, the simplifications and the further reading, with an index page.

Exit codes: 0 written, 1 a scenario or a teacher file that cannot be used, or a folder that
cannot be written, 2 a mistake in the command line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from game.cli.args import UsageError, fail
from game.files import write_text


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the `teacher-pack` command to the `politburo` command's subparsers."""
    p = subparsers.add_parser(
        "teacher-pack",
        help="write the teacher pack of a scenario: lesson plans, role cards, essay, reading",
        description="Write the teacher pack of a scenario as printable HTML pages in a folder: "
        "an index page, a lesson plan for each lesson length (timings, starter, play, debrief, "
        "plenary), a role card per contender, the essay with a scaffold, a model answer and a "
        "mark scheme, the game's simplifications and a further-reading list.",
    )
    p.add_argument("-o", "--output", required=True, metavar="DIR", type=Path,
                   help="the folder to write the pages into (made if it does not exist)")
    p.add_argument("--scenario", metavar="ID_OR_PATH", default=None,
                   help="a scenario id or file (default: the main scenario, succession_1924)")
    return p


def run(args: argparse.Namespace) -> int:
    from game.content import sources
    from game.teacher import TeacherDataError, material
    from game.teacher.pack import write_pack

    folder: Path = args.output
    if not str(folder).strip():
        raise UsageError("the output folder name is empty")
    if folder.exists() and not folder.is_dir():
        return fail(f"cannot write the pack into {folder}: it is a file, not a folder")
    name = args.scenario or sources.DEFAULT_ID
    catalogue = None if sources.looks_like_path(name) else sources.discover()
    try:
        entry = sources.resolve(name, catalogue)
    except sources.UnknownScenario as e:
        raise UsageError(str(e)) from None
    if entry.scenario is None:
        return fail(f"cannot use scenario {entry.path}: {entry.error}")
    try:
        pages = write_pack(
            material(entry.scenario), folder,
            lambda path, text: write_text(path, text, inputs=[entry.path]),
        )
    except TeacherDataError as e:
        return fail(str(e))
    except OSError as e:
        return fail(f"cannot write the pack into {folder}: {e.strerror or e}")
    print(
        f"Wrote the teacher pack of {entry.scenario.title} ({len(pages)} pages) to {folder}; "
        f"open {pages[0]} first"
    )
    return 0

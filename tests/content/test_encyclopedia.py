"""The encyclopedia: the shipped file loads and holds together (links, "see also", sources,
short summaries), every name of the main scenario and of the 1953 scenario finds its entry, the
game notes agree with those scenarios, a broken file gives one clear line, and search puts title
hits first. (That no article copies a source: tests/content/test_source_fingerprints.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from game.content.encyclopedia import (
    DEFAULT_PATH,
    KINDS,
    SOURCE_TITLES,
    Encyclopedia,
    EncyclopediaError,
    Entry,
    Segment,
    load_encyclopedia,
)
from game.content.loader import ScenarioError, load_scenario
from helpers import SCENARIO_DIR

SOURCES_DIR = Path(__file__).parents[3] / "shared" / "sources"
MAIN = SCENARIO_DIR / "succession_1924.yaml"
# The scenarios whose every person, office and organ has an entry of its own.
COVERED = [MAIN, SCENARIO_DIR / "succession_1953.yaml"]

# The five source documents, by their titles in the sources README.
TITLES = {
    '"Why Did Stalin Win The Struggle For Power, 1924–1929?"',
    "\"How far does Stalin's position as General Secretary explain his success in defeating "
    'his rivals in the years 1924–1929?"',
    '"Stalin\'s Rise to Power" (revision cards)',
    '"Stalin\'s Rise to Power" (timeline)',
    '"Key Issue 5: Why and How was Stalin able to gain Power and Consolidate it between 1924 '
    'and 1941?"',
}

# The entries written for the 1953 scenario: the five documents end before these years, so
# these entries cite none of them (their facts come from the standard histories the scenario
# names).
AFTER_STALIN = {
    "malenkov", "beria", "khrushchev", "bulganin", "kaganovich", "mikoyan", "saburov",
    "pervukhin", "zhukov", "shepilov", "suslov", "kirichenko", "brezhnev", "first_secretary",
    "chairman", "first_deputy_chairman", "mvd", "defence_minister", "foreign_minister",
    "presidium", "collective_leadership", "new_course", "virgin_lands", "secret_speech",
    "de_stalinisation", "anti_party_group", "economic_councils", "hungarian_rising",
    "east_german_rising", "amnesty_1953", "doctors_plot", "leningrad_affair", "kgb",
}

REQUIRED = {
    "person": [
        "lenin",
        "stalin",
        "trotsky",
        "zinoviev",
        "kamenev",
        "bukharin",
        "rykov",
        "tomsky",
        "krupskaya",
        "kirov",
        "dzerzhinsky",
        "molotov",
        "frunze",
        "kalinin",
        "voroshilov",
    ],
    "office": [
        "general_secretary",
        "sovnarkom_chairman",
        "war_commissar",
        "comintern",
        "leningrad_organisation",
        "moscow_organisation",
        "pravda",
        "trade_unions",
        "rabkrin",
        "nationalities",
    ],
    "organ": [
        "politburo",
        "orgburo",
        "secretariat",
        "central_committee",
        "congress",
        "central_control_commission",
        "sovnarkom",
        "regional_committees",
    ],
    "term": [
        "nep",
        "war_communism",
        "permanent_revolution",
        "socialism_in_one_country",
        "ban_on_factions",
        "lenins_testament",
        "lenin_enrolment",
        "triumvirate",
        "left_opposition",
        "united_opposition",
        "right_deviation",
        "factionalism",
        "nomenklatura",
        "kulak",
        "scissors_crisis",
        "collectivisation",
        "five_year_plan",
        "cheka",
        "democratic_centralism",
        "platform_of_46",
        "open_vote",
        "expulsion",
        "internal_exile",
        "deportation",
        "purge",
        "communist_international",
    ],
}


@pytest.fixture(scope="module")
def enc() -> Encyclopedia:
    return load_encyclopedia()


@pytest.fixture(scope="module", params=COVERED, ids=lambda p: p.stem)
def covered(request):
    return load_scenario(request.param)


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").replace("–", " ").split())


# ----- the shipped file ---------------------------------------------------------------------


def test_shipped_file_loads_with_every_kind(enc):
    assert load_encyclopedia(DEFAULT_PATH) == enc
    assert 45 <= len(enc) - len(AFTER_STALIN) <= 70
    assert AFTER_STALIN <= set(e.id for e in enc.entries)
    ids = [e.id for e in enc.entries]
    assert len(ids) == len(set(ids))
    groups = enc.by_kind()
    assert tuple(groups) == KINDS
    assert sorted(e.id for g in groups.values() for e in g) == sorted(ids)
    surnames = [e.title.split()[-1] for e in groups["person"]]
    assert surnames == sorted(surnames)
    for kind, wanted in REQUIRED.items():
        for entry_id in wanted:
            entry = enc.get(entry_id)
            assert entry is not None, f"no entry {entry_id!r}"
            assert entry.kind == kind, entry_id
    assert enc.get("no_such_entry") is None


def test_every_link_and_see_also_resolves(enc):
    for e in enc.entries:
        for target in [*enc.links(e), *e.see_also]:
            assert enc.get(target) is not None, f"{e.id} -> {target}"
        assert e.id not in e.see_also
        assert e.see_also, f"{e.id} has no see_also"
        plain = enc.plain_text(e)
        assert "[[" not in plain and "]]" not in plain and "|" not in plain
        for seg in enc.segments(e.text):
            assert seg.link is None or enc.get(seg.link) is not None


def test_every_source_is_one_of_the_five(enc):
    assert set(SOURCE_TITLES) == TITLES
    readme = SOURCES_DIR / "README.md"
    if readme.exists():  # the titles are spelled as the README spells them
        text = readme.read_text(encoding="utf-8")
        assert all(t in text for t in TITLES)
    cited = 0
    for e in enc.entries:
        assert set(e.sources) <= TITLES, e.id
        assert len(set(e.sources)) == len(e.sources), f"{e.id} cites a source twice"
        if e.id in AFTER_STALIN:
            assert not e.sources, f"{e.id}: the documents end before 1953"
        cited += bool(e.sources)
    # Only documents that discuss the subject are cited; most subjects of 1924-1929 are in them.
    assert cited >= 0.75 * (len(enc) - len(AFTER_STALIN))


def test_summaries_are_one_short_sentence(enc):
    for e in enc.entries:
        s = e.summary
        assert len(s.split()) <= 25, e.id
        assert "\n" not in s and s.endswith("."), e.id
        assert not re.search(r"[.!?] [A-Z]", s[:-1]), f"{e.id}: more than one sentence"


def test_articles_are_readable_lengths_in_paragraphs(enc):
    for e in enc.entries:
        words = len(enc.plain_text(e).split())
        assert 60 <= words <= 150, f"{e.id}: {words} words"
        paragraphs = enc.paragraphs(e)
        assert len(paragraphs) == e.text.count("\n\n") + 1
        assert all(p and p[0].text.strip() for p in paragraphs), e.id
        assert e.years is None or e.kind == "person"
    for e in enc.by_kind()["person"]:
        assert e.years and re.fullmatch(r"\d{4}–\d{4}", e.years), e.id


# ----- names seen in the game ---------------------------------------------------------------


# An organ a scenario renames has an entry of its own under its name.
OWN_ORGAN_ENTRIES = {"Presidium": "presidium"}


def _main_names(sc) -> list[tuple[str, str]]:
    names = [(c.id, c.name) for c in sc.contenders] + [(c.id, c.short) for c in sc.contenders]
    names += [(n.id, n.name) for n in sc.notables]
    names += [(o.id, o.name) for o in sc.offices]
    keys = ("politburo", "central_committee", "congress")
    organs = [(k, getattr(sc.organs, k).name) for k in keys]
    names += [(OWN_ORGAN_ENTRIES.get(name, k), name) for k, name in organs]
    return names


def test_every_name_of_the_scenario_finds_its_entry(enc, covered):
    names = _main_names(covered)
    assert len(names) >= 30
    for entry_id, name in names:
        found = enc.lookup_term(name)
        assert found is not None, f"nothing for {name!r}"
        assert found.id == entry_id, f"{name!r} finds {found.id}, not {entry_id}"
        assert enc.get(entry_id) is found


def test_lookup_forgives_case_dashes_possessives_and_plurals(enc):
    cases = {
        "general secretary": "general_secretary",
        "THE POLITBURO": "politburo",
        "Stalin's": "stalin",
        "Lenin’s Testament": "lenins_testament",
        "kulaks": "kulak",
        "Politburo–Orgburo liaison": "orgburo_liaison",
        "central_committee": "central_committee",
        "NEP": "nep",
        "Troika": "triumvirate",
        "OGPU": "cheka",
        "Expelled from the party": "expulsion",
        "Internal exile": "internal_exile",
        "Deported from the USSR": "deportation",
    }
    for name, entry_id in cases.items():
        found = enc.lookup_term(name)
        assert found is not None and found.id == entry_id, name
    # A word in running text means the thing it names; the office keeps its scenario id.
    assert enc.lookup_term("Comintern").id == "communist_international"
    assert enc.get("comintern").kind == "office"
    for nothing in ("", "   ", "Napoleon", "s"):
        assert enc.lookup_term(nothing) is None and enc.find(nothing) is None
    # find: an id first, then a name; other scenarios' office ids find their nearest entry
    assert enc.find("comintern").id == "comintern"
    assert enc.find("Comintern").id == "communist_international"
    assert enc.find("control_commission").id == "central_control_commission"
    assert enc.find("moscow_soviet").id == "moscow_organisation"


def test_game_notes_agree_with_the_scenario(enc, covered):
    main = covered
    words = {
        "appoint": "appoint",
        "agenda": "agenda",
        "dossiers": "dossier",
        "recruit": "recruit",
        "press": "articles",
        "army": "army",
        "comintern": "no special action",
    }
    regions = {r.id: r.name for r in main.regions}
    for o in main.offices:
        note = (enc.get(o.id).game or "").casefold()
        assert note, f"{o.id} has no game note"
        for power in o.powers:
            assert words[power] in note, f"{o.id}: note does not mention {power}"
        assert ("extra action point" in note) == (o.action_points > 0), o.id
        if o.fief:
            assert "nobody else may appoint" in note, o.id
        else:
            for r in o.base_regions:
                assert regions[r].casefold() in note, f"{o.id}: {r}"
    for c in main.contenders:
        assert (enc.get(c.id).game or "").startswith("Playable"), c.id
    for n in main.notables:
        assert "notable" in (enc.get(n.id).game or ""), n.id


# ----- a broken file ------------------------------------------------------------------------


def _entry(**changes) -> dict:
    entry = {
        "id": "alpha",
        "title": "Alpha",
        "kind": "term",
        "summary": "A short summary.",
        "text": "Alpha links to [[beta|the other one]].\n\nA second paragraph.",
        "see_also": ["beta"],
        "sources": [sorted(TITLES)[0]],
    }
    entry.update(changes)
    return {k: v for k, v in entry.items() if v is not None}


def _beta() -> dict:
    return _entry(id="beta", title="Beta", text="Beta stands alone.", see_also=["alpha"])


def _write(tmp_path: Path, data) -> Path:
    path = tmp_path / "encyclopedia.yaml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_small_valid_file_loads(tmp_path):
    enc = load_encyclopedia(_write(tmp_path, {"entries": [_entry(), _beta()]}))
    alpha = enc.get("alpha")
    assert enc.links(alpha) == ["beta"]
    assert enc.plain_text(alpha) == "Alpha links to the other one.\n\nA second paragraph."
    assert [len(p) for p in enc.paragraphs(alpha)] == [3, 1]


BROKEN = {
    "bad_yaml": ("entries: [unclosed\n", "not valid YAML"),
    "duplicate_key": ("entries: []\nentries: []\n", "duplicate key"),
    "not_a_mapping": ("- a list\n", "a list of 'entries'"),
    "no_entries": ({"entries": []}, "no entries"),
    "unknown_top_level": ({"entries": [_entry(), _beta()], "extra": 1}, "unknown top-level"),
    "dangling_link": ({"entries": [_entry(see_also=[])]}, "links to [[beta]]"),
    "dangling_see_also": (
        {"entries": [_entry(see_also=["gamma"]), _beta()]},
        "'gamma', which is no entry",
    ),
    "unknown_source": ({"entries": [_entry(sources=["Wikipedia"]), _beta()]}, "unknown source"),
    "long_summary": ({"entries": [_entry(summary="word " * 26), _beta()]}, "at most 25 words"),
    "missing_kind": ({"entries": [_entry(kind=None), _beta()]}, "kind: Field required"),
    "wrong_kind": ({"entries": [_entry(kind="place"), _beta()]}, "kind: Input should be"),
    "bad_id": ({"entries": [_entry(id="Alpha One"), _beta()]}, "id: String should match"),
    "unknown_field": ({"entries": [_entry(colour="red"), _beta()]}, "colour: Extra inputs"),
    "unclosed_link": ({"entries": [_entry(text="See [[beta"), _beta()]}, "link is not closed"),
    "duplicate_id": ({"entries": [_entry(), _beta(), _beta()]}, "already used"),
    "shared_name": ({"entries": [_entry(aliases=["Beta"]), _beta()]}, "both called 'beta'"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_file_gives_one_clear_line(tmp_path, case):
    data, expected = BROKEN[case]
    path = _write(tmp_path, data)
    with pytest.raises(EncyclopediaError) as caught:
        load_encyclopedia(path)
    message = str(caught.value)
    assert isinstance(caught.value, ScenarioError)
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(f"{path}: ")
    assert expected in message, message
    if isinstance(data, dict) and data.get("entries"):
        assert re.search(r"at line \d+, column \d+", message), message


def test_unreadable_files_give_one_clear_line(tmp_path):
    cases = {
        tmp_path / "missing.yaml": "cannot read file",
        tmp_path: "not a regular file",
    }
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"entries:\n  - id: \xff\xfe\n")
    cases[binary] = "UTF-8"
    for path, expected in cases.items():
        with pytest.raises(EncyclopediaError) as caught:
            load_encyclopedia(path)
        message = str(caught.value)
        assert "\n" not in message and expected in message and str(path) in message


def test_an_encyclopedia_built_in_code_is_checked_too():
    alpha = Entry.model_validate(_entry())
    with pytest.raises(ValueError, match=r"links to \[\[beta\]\]"):
        Encyclopedia(entries=(alpha,))


def test_many_problems_are_counted_on_the_one_line(tmp_path):
    path = _write(tmp_path, {"entries": [_entry(kind="place", summary="word " * 30), _beta()]})
    with pytest.raises(EncyclopediaError) as caught:
        load_encyclopedia(path)
    assert len(caught.value.problems) == 2
    assert str(caught.value).endswith("(and 1 more problem)")


# ----- search and segments ------------------------------------------------------------------


def test_search_puts_title_hits_first(enc):
    for query in ("Politburo", "general secretary", "opposition", "Comintern", "Trotsky"):
        hits = enc.search(query)
        assert hits, query
        q = _fold(query)
        in_title = [any(q in _fold(n) for n in (e.title, *e.aliases)) for e in hits]
        assert in_title[0], query
        assert in_title == sorted(in_title, reverse=True), f"{query}: a title hit comes late"
    assert enc.search("Politburo")[0].id == "politburo"
    assert enc.search("GENERAL SECRETARY")[0].id == "general_secretary"
    assert enc.search("trotsky")[0].id == "trotsky"
    # the body is searched too, without markup
    assert "internal_exile" in [e.id for e in enc.search("Alma-Ata")]
    assert any(e.id == "nep" for e in enc.search("Kronstadt"))
    # every word counts when the phrase is nowhere
    assert "internal_exile" in [e.id for e in enc.search("Trotsky Kazakhstan")]
    assert enc.search("") == [] and enc.search("zzzzqx") == []


def test_segments_split_text_into_words_and_links(enc):
    text = "See [[stalin]] and [[nep|the NEP]]."
    assert enc.segments(text) == [
        Segment("See ", None),
        Segment("Joseph Stalin", "stalin"),
        Segment(" and ", None),
        Segment("the NEP", "nep"),
        Segment(".", None),
    ]
    assert enc.segments("no links") == [("no links", None)]
    stalin = enc.get("stalin")
    links = enc.links(stalin)
    assert links == list(dict.fromkeys(links)) and "general_secretary" in links

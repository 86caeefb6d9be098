"""Names inside sentences: dates, regions, offices as posts, ids typed in any case."""

from __future__ import annotations

import pytest

from game.content.loader import find_scenario, load_scenario
from game.words.names import (
    date_words,
    find_contender,
    head_word,
    holding,
    in_sentence,
    join,
    office_post,
    plural,
)


def test_dates_read_as_words():
    assert date_words("1924-Q2") == "Q2 1924"
    assert date_words("1925-M11") == "M11 1925"
    assert date_words("spring") == "spring"


def test_a_leading_the_is_lower_case_inside_a_sentence():
    assert in_sentence("The Urals") == "the Urals"
    assert in_sentence("Moscow") == "Moscow"
    assert in_sentence("Theodosia") == "Theodosia"


@pytest.mark.parametrize(
    ("office", "post"),
    [
        ("General Secretary", "the post of General Secretary"),
        ("People's Commissar for War", "the post of People's Commissar for War"),
        ("Politburo-Orgburo liaison", "the post of Politburo-Orgburo liaison"),
        ("Chairman of the Council of Labour and Defence",
         "the post of Chairman of the Council of Labour and Defence"),
        ("Leningrad party organisation", "the Leningrad party organisation"),
        ("Workers' and Peasants' Inspectorate", "the Workers' and Peasants' Inspectorate"),
        ("Friends in the Control Commission", "\u201cFriends in the Control Commission\u201d"),
    ],
)
def test_an_office_reads_as_a_post_a_body_or_a_quoted_name(office, post):
    assert office_post(office) == post


def test_holding_an_office_agrees_with_its_holder():
    assert holding("General Secretary", you=True) == "hold the post of General Secretary"
    assert holding("Moscow party organisation", you=False) == (
        "leads the Moscow party organisation"
    )
    assert holding("Editor of Pravda", you=False, negated=True) == (
        "does not hold the post of Editor of Pravda"
    )
    assert head_word("Chairman of the Trade Unions") == "chairman"


def test_lists_and_counts():
    assert join([]) == "" and join(["a"]) == "a" and join(["a", "b"]) == "a and b"
    assert join(["a", "b", "c"], "or") == "a, b or c"
    assert plural(1, "turn") == "1 turn" and plural(3, "turn") == "3 turns"


def test_a_contender_is_found_by_id_or_name_in_any_case():
    sc = load_scenario(find_scenario("succession_1924"))
    assert find_contender(sc, "Stalin") == "stalin"
    assert find_contender(sc, " TROTSKY ") == "trotsky"
    assert find_contender(sc, "leon  trotsky") == "trotsky"
    assert find_contender(sc, "lenin") is None

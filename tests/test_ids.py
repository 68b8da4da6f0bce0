"""helpdesk.ids: the one reading of id lists that the desk, the portal and the API share."""

import pytest

from helpdesk.ids import MAX_ID, is_possible_id, parse_ids


@pytest.mark.parametrize("value", [1, "1", "42", MAX_ID, str(MAX_ID)])
def test_possible_ids(value):
    assert is_possible_id(value)


@pytest.mark.parametrize("value", [0, "0", "", "-1", "1.5", "١", MAX_ID + 1, "9" * 40, " 1"])
def test_impossible_ids(value):
    assert not is_possible_id(value)


def test_lists_are_split_on_commas_kept_in_order_without_repeats():
    parsed = parse_ids(["3, 1", "2,3", " 7 "])
    assert parsed.ids == [3, 1, 2, 7]
    assert parsed.junk == [] and parsed.impossible == []


def test_junk_and_impossible_numbers_are_set_apart():
    parsed = parse_ids(["1 2", "x", "", "0", "9" * 30, "5"])
    assert parsed.ids == [5]
    assert parsed.junk == ["1 2", "x", ""]
    assert parsed.impossible == ["0", "9" * 30]

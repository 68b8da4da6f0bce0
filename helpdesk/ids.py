"""Object ids out of request input: one reading of "a number, or numbers separated by
commas" for the desk, the portal and the API. Each caller decides what junk means to it:
the browser forms ignore it, the API refuses it."""

from dataclasses import dataclass, field

from helpdesk.numbers import is_whole

MAX_ID = 2**63 - 1  # the largest bigint: a bigger number would overflow the query


def is_possible_id(value) -> bool:
    """Whether `value` (an int, or text of ASCII digits) can be the id of a row."""
    text = str(value)
    return is_whole(text) and 0 < int(text) <= MAX_ID


@dataclass
class ParsedIds:
    ids: list[int] = field(default_factory=list)  # first occurrence order, no repeats
    junk: list[str] = field(default_factory=list)  # parts that are not numbers
    impossible: list[str] = field(default_factory=list)  # numbers no row can have


def parse_ids(values) -> ParsedIds:
    """Ids out of a list of values, each one number or a comma-separated list of them."""
    parsed = ParsedIds()
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if not is_whole(part):
                parsed.junk.append(part)
            elif is_possible_id(part):
                parsed.ids.append(int(part))
            else:
                parsed.impossible.append(part)
    parsed.ids = list(dict.fromkeys(parsed.ids))
    return parsed

"""TeeZ0NE/crm-tickets: reads the queue as JSON (`authinfo`, `out=json`), parses `delay`
with (\\d+)d\\+(\\d{2}):(\\d{2}) and takes the manual priority from `highpriority` and
`lowpriority`."""

import json
import re
from urllib.parse import urlencode
from urllib.request import urlopen

import pytest

from helpdesk.tickets import actions

pytestmark = pytest.mark.django_db(transaction=True)
DELAY = re.compile(r"(\d+)d\+(\d{2}):(\d{2})")


def read_queue(base_url, login, password):
    query = urlencode({"authinfo": f"{login}:{password}", "out": "json", "func": "ticket"})
    with urlopen(f"{base_url}?{query}", timeout=10) as response:
        doc = json.loads(response.read())["doc"]
    rows = []
    for elem in doc["elem"]:
        days, hours, minutes = (int(part) for part in DELAY.match(elem["delay"]["$"]).groups())
        rows.append({"id": elem["id"]["$"], "waited_minutes": (days * 24 + hours) * 60 + minutes,
                     "high": elem.get("highpriority", {}).get("$") == "on",
                     "low": elem.get("lowpriority", {}).get("$") == "on"})  # fmt: skip
    return rows


def test_the_json_reader_parses_delay_and_priority(billmgr, staff, open_ticket):
    plain = open_ticket("Website is down")
    urgent = open_ticket("Mail bounces")
    actions.update_ticket(urgent, by=staff, high_priority=True)
    rows = read_queue(billmgr, "staff", "demo")
    assert [row["id"] for row in rows] == [str(urgent.pk), str(plain.pk)]
    assert rows[0]["high"] and not rows[0]["low"] and not rows[1]["high"]
    assert all(row["waited_minutes"] >= 0 for row in rows)

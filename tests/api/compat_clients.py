"""Small BILLmanager clients written the way public ones are (standard library only), to
run against our endpoint over real HTTP. See research/billmanager.md §4:
ktkd/ticket_billmgr5 and zaqwer101/tickets (XML pollers), TeeZ0NE/crm-tickets (JSON)."""

import json
import re
from urllib.parse import urlencode
from urllib.request import urlopen
from xml.etree import ElementTree

DELAY = re.compile(r"(\d+)d\+(\d{2}):(\d{2})")


class XmlPoller:
    """Logs in with authinfo on every call and reads the queue as XML."""

    def __init__(self, base_url, login, password):
        self.base_url = base_url
        self.authinfo = f"{login}:{password}"

    def call(self, func, **params):
        query = urlencode({"authinfo": self.authinfo, "out": "xml", "func": func, **params})
        with urlopen(f"{self.base_url}?{query}", timeout=10) as response:
            root = ElementTree.fromstring(response.read())
        error = root.find("error")
        if error is not None:
            raise RuntimeError(error.findtext("msg"))
        return root

    def tickets(self):
        """Like ktkd/ticket_billmgr5: id, ticket, name, client, unread of every elem."""
        return [
            {
                "id": elem.findtext("id"),
                "ticket": elem.findtext("ticket"),
                "name": elem.findtext("name"),
                "client": elem.findtext("client"),
                "unread": elem.findtext("unread") == "on",
            }
            for elem in self.call("ticket").findall("elem")
        ]

    def open_ticket(self, elid):
        """ticket.edit elid=<id>: the messages' type and date, as the staff extension reads."""
        form = self.call("ticket.edit", elid=elid)
        nodes = form.findall("mlist/message")
        return [(node.get("type"), node.findtext("date_post")) for node in nodes]

    def messages(self, ticket):
        """As zaqwer101/tickets reads `ticket_all.message`: every row's `first_message`
        taken with find(...)[0] (a row without it would raise), in the answer's order."""
        rows = []
        for elem in self.call("ticket_all.message", elid=ticket).findall("elem"):
            first = elem.findall("first_message")[0].text
            rows.append({
                "id": elem.findall("id")[0].text, "user": elem.findall("message_user")[0].text,
                "date": elem.findall("date_post")[0].text, "text": elem.findall("message")[0].text,
                "first": first == "on",
            })  # fmt: skip
        return rows

    def is_new_ticket(self, ticket) -> bool:
        """zaqwer101/tickets: "New ticket" when the last row is the first message, else
        "Ticket returned"."""
        return self.messages(ticket)[-1]["first"]


class JsonQueueReader:
    """Like TeeZ0NE/crm-tickets: JSON queue, `delay` parsed to minutes, manual priority."""

    def __init__(self, base_url, login, password):
        self.base_url = base_url
        self.authinfo = f"{login}:{password}"

    def tickets(self):
        query = urlencode({"authinfo": self.authinfo, "out": "json", "func": "ticket"})
        with urlopen(f"{self.base_url}?{query}", timeout=10) as response:
            doc = json.loads(response.read())["doc"]
        return [
            {
                "id": elem["id"]["$"],
                "name": elem["name"]["$"],
                "waited_minutes": self.minutes(elem["delay"]["$"]),
                "high": elem.get("highpriority", {}).get("$") == "on",
                "low": elem.get("lowpriority", {}).get("$") == "on",
            }
            for elem in doc["elem"]
        ]

    @staticmethod
    def minutes(delay):
        days, hours, minutes = (int(part) for part in DELAY.match(delay).groups())
        return (days * 24 + hours) * 60 + minutes

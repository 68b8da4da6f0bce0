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
        """Like zaqwer101/tickets: newest first, the last row is the first message."""
        rows = [
            {
                "id": elem.findtext("id"),
                "user": elem.findtext("message_user"),
                "date": elem.findtext("date_post"),
                "text": elem.findtext("message"),
                "first": elem.findtext("first_message") == "on",
            }
            for elem in self.call("ticket_all.message", elid=ticket).findall("elem")
        ]
        return rows


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

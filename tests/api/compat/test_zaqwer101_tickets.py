"""zaqwer101/tickets: a desktop notifier (requests + BeautifulSoup "xml"). Every TIMEOUT it
reads `func=ticket` (unpaged, `authinfo`) twice; a ticket number that is new is a "New
ticket" when the last row of `ticket_all.message` has `first_message` `on`, else "Ticket
returned"; a known ticket whose `unread` turned on is "New message in ticket"."""

import pytest
import requests
from bs4 import BeautifulSoup

from helpdesk.tickets import actions

pytestmark = pytest.mark.django_db(transaction=True)


class Notifier:
    def __init__(self, url, login, password):
        self.config = {"URL": url, "LOGIN": login, "PASSWORD": password}

    def api_get(self, func, additional_params=None):
        params = {"func": func, "out": "xml",
                  "authinfo": self.config["LOGIN"] + ":" + self.config["PASSWORD"],
                  **(additional_params or {})}  # fmt: skip
        return requests.get(self.config["URL"] + "?", params=params, timeout=10).content

    def get_tickets(self):
        tickets = {}
        for ticket in BeautifulSoup(self.api_get("ticket"), "xml").find_all("elem"):
            try:
                unread = ticket.find_all("unread")[0].string
            except IndexError:
                unread = "off"
            tickets[int(ticket.find_all("ticket")[0].string)] = {
                "title": ticket.find_all("name")[0].string, "unread": unread == "on"}  # fmt: skip
        return tickets

    def get_ticket_messages(self, elid):
        messages = []
        soup = BeautifulSoup(self.api_get("ticket_all.message", {"elid": elid}), "xml")
        for message in soup.find_all("elem"):
            messages.append({
                "id": str(message.find_all("id")[0].string),
                "message_user": str(message.find_all("message_user")[0].string),
                "date_post": str(message.find_all("date_post")[0].string),
                "message": str(message.find_all("message")[0].string),
                "first_message": str(message.find_all("first_message")[0].string) == "on",
            })  # fmt: skip
        return messages

    def notices(self, old, new):
        said = []
        for number, ticket in new.items():
            if number in old:
                if ticket["unread"] and not old[number]["unread"]:
                    said.append("New message in ticket " + ticket["title"])
            elif self.get_ticket_messages(number)[-1]["first_message"]:
                said.append('New ticket: "' + ticket["title"] + '"')
            else:
                said.append('Ticket returned: "' + ticket["title"] + '"')
        return said


def test_new_returned_and_new_message_notices(billmgr, staff, client_user, open_ticket):
    notifier = Notifier(billmgr, "staff", "demo")
    talk = open_ticket("Website is down")
    actions.post_staff_reply(talk, author=staff, body="Restarted", close=True)
    waiting = open_ticket("Mail bounces")
    actions.open_for_staff(waiting, user=staff)  # read: unread off
    old = notifier.get_tickets()
    assert list(old) == [waiting.pk] and not old[waiting.pk]["unread"]

    fresh = open_ticket("Disk full")
    actions.post_client_message(talk, author=client_user, body="Still down")
    actions.post_client_message(waiting, author=client_user, body="Any news?")
    said = notifier.notices(old, notifier.get_tickets())
    assert sorted(said) == sorted(['New ticket: "Disk full"', 'Ticket returned: "Website is down"',
                                   "New message in ticket Mail bounces"])  # fmt: skip
    rows = notifier.get_ticket_messages(talk.pk)
    assert [row["message"] for row in rows] == ["My site returns **502**.", "Restarted",
        "Ticket was reopened by a new message from the client", "Still down"]  # fmt: skip
    assert [row["first_message"] for row in rows] == [True, False, False, False]
    assert notifier.get_ticket_messages(fresh.pk)[-1]["first_message"]

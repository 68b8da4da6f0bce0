"""ktkd/ticket_billmgr5: a staff poller (requests + BeautifulSoup "xml"). It is set up with
`tickets_url=https://host/billmgr?`, reads `func=ticket` unpaged with `authinfo` on every
call, takes each elem's `id`, `client`, `ticket`, `name`, `unread` with find_all(...)[0],
and posts a chat notice for each id new since the last poll whose `unread` is `on`, with a
link `{tickets_url}elid=<id>&plid=&startform=ticket.edit`."""

import pytest
import requests
from bs4 import BeautifulSoup

from helpdesk.tickets import actions

pytestmark = pytest.mark.django_db(transaction=True)


def get_tickets(tickets_url, user, password):
    response = requests.get(f"{tickets_url}&func=ticket&out=xml&authinfo={user}%3A{password}",
                            timeout=10).content  # fmt: skip
    soup = BeautifulSoup(response, "xml")
    tickets = {}
    for ticket in soup.find_all("elem"):
        try:
            unread = ticket.find_all("unread")[0].string
        except IndexError:
            unread = "off"
        tickets[int(ticket.find_all("id")[0].string)] = {
            "client": ticket.find_all("client")[0].string,
            "ticket": ticket.find_all("ticket")[0].string,
            "title": ticket.find_all("name")[0].string,
            "unread": unread == "on",
        }
    return tickets


def new_notices(tickets_url, old, new):
    return [
        {"title": f"Ticket: {new[i]['title']}", "user": new[i]["client"],
         "link": f"{tickets_url}elid={i}&plid=&startform=ticket.edit"}
        for i in set(new) - set(old) if new[i]["unread"]
    ]  # fmt: skip


def test_every_new_ticket_is_noticed_once_even_past_100(billmgr, staff, open_ticket):
    url = f"{billmgr}?"
    for number in range(100):
        open_ticket(f"Old {number}")
    old = get_tickets(url, "staff", "demo")
    assert len(old) == 100
    fresh = open_ticket("Disk full")  # the 101st: lost when the list came paged
    new = get_tickets(url, "staff", "demo")
    (notice,) = new_notices(url, old, new)
    assert notice["title"] == "Ticket: Disk full" and notice["user"] == "Acme Hosting"
    assert new_notices(url, new, get_tickets(url, "staff", "demo")) == []
    assert notice["link"].endswith(f"billmgr?elid={fresh.pk}&plid=&startform=ticket.edit")


def test_a_ticket_back_in_the_queue_is_noticed(billmgr, staff, client_user, open_ticket):
    url = f"{billmgr}?"
    ticket = open_ticket("Website is down")
    actions.post_staff_reply(ticket, author=staff, body="Done", close=True)
    old = get_tickets(url, "staff", "demo")
    assert ticket.pk not in old  # closed: out of the queue
    actions.post_client_message(ticket, author=client_user, body="Still down")
    (notice,) = new_notices(url, old, get_tickets(url, "staff", "demo"))
    assert notice["title"] == "Ticket: Website is down"


def test_the_chat_link_opens_the_ticket_in_the_desk_after_login(billmgr, live_server, staff,
                                                               ticket):  # fmt: skip
    browser = requests.Session()
    link = f"{billmgr}?elid={ticket.pk}&plid=&startform=ticket.edit"
    login_page = browser.get(link, timeout=10)
    assert "/accounts/login/" in login_page.url
    token = login_page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    landed = browser.post(login_page.url, timeout=10, headers={"Referer": login_page.url},
                          data={"username": "staff", "password": "demo",
                                "csrfmiddlewaretoken": token})  # fmt: skip
    assert landed.url == f"{live_server.url}/desk/tickets/{ticket.pk}/"
    assert ticket.subject in landed.text


def test_a_wrong_password_yields_no_tickets_and_no_crash(billmgr, staff, ticket):
    assert get_tickets(f"{billmgr}?", "staff", "wrong") == {}

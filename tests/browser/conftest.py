import time

import pytest
from django.db import connection

from helpdesk.tickets import actions
from tests.factories import add_balance

# Technical support's queue for the desk tests: some subjects mention SSL (the subject
# filter), the rest do not; Acme's first ticket grows a conversation (split, hide, reply).
ACME_SUBJECTS = [
    "Website returns 502 after the update",
    "SSL certificate expired on shop.acme.example",
    "Mail bounces from the office",
    "Renew the SSL certificate of the API",
    "Backup did not run last night",
    "DNS zone update is not applied",
]
GLOBEX_SUBJECTS = [
    "SSL handshake fails for old clients",
    "Disk almost full on the VPS",
    "Slow database queries",
    "Cannot reach the control panel",
    "Cron job runs twice",
    "Firewall blocks port 8443",
]


@pytest.fixture(autouse=True)
def _browser_closes_before_the_flush(request):
    """The database is set up before the browser and flushed after it has closed, once the
    live server has finished what the page last asked. A desk page polls and says goodbye
    with a beacon; a request still running while PostgreSQL truncates the tables deadlocks
    the flush. (test_every_page.py's module-wide demo waits and flushes by itself.)"""
    if not {"page", "context", "browser"} & set(request.fixturenames) or (
        "demo" in request.fixturenames
    ):
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    wait_until_no_request_runs()


def wait_until_no_request_runs(timeout=5.0):
    if connection.vendor != "postgresql":
        return
    time.sleep(0.2)  # a beacon sent as the page closed is on its way
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state <> 'idle'"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


@pytest.fixture
def browser_data(transactional_db, tech, staff, staff2, billing, client_user, client2_user):
    """What the browser tests work on, built through the real actions (not the demo seed):
    HostCo's Technical support (`staff`, Sam Staff), Sales and Billing (`staff2`; Billing
    needs one incident per ticket at 10.00); Acme Hosting (login `client`) with 100.00 and
    no incidents, and Globex (login `client2`); twelve of their tickets in Technical
    support's queue. Returns the tickets by subject."""
    billing.members.add(staff2)
    add_balance(client_user.client, "100.00")
    tickets = {}
    for user, subjects in [(client_user, ACME_SUBJECTS), (client2_user, GLOBEX_SUBJECTS)]:
        for subject in subjects:
            tickets[subject] = actions.open_ticket(
                user.client, author=user, subject=subject, body=f"{subject}. Please help.",
                department=tech,
            )  # fmt: skip
    conversation = tickets[ACME_SUBJECTS[0]]
    actions.post_staff_reply(conversation, author=staff, body="Which page returns it?")
    actions.post_client_message(conversation, author=client_user, body="The **cart** page.")
    return tickets

"""abuse_task, abuse_task.edit, abuse_task.finish over /billmgr."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helpdesk.violations import actions
from helpdesk.violations.models import Violation
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db
LATER = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S")


def test_open_a_case_on_a_ticket_and_list_it(api, staff, ticket):
    answer = api("abuse_task.edit", as_user=staff, sok="ok", ticket=ticket.pk, score="3",
                 score_note="Spam", deadline=LATER, action="forward")  # fmt: skip
    case = Violation.objects.get(pk=answer.doc["id"]["$"])
    assert (case.status, case.score, case.ticket) == ("open", 3, ticket)
    assert timezone.localtime(case.deadline).strftime("%Y-%m-%d %H:%M:%S") == LATER
    (elem,) = api("abuse_task", as_user=staff).elems
    assert elem["ticket"]["$"] == str(ticket.pk)
    assert elem["status"]["$orig"] == "open" and elem["action"]["$orig"] == "forward"
    assert {"id", "subject", "opendate", "deadline", "account", "author", "score"} <= set(elem)


def test_open_a_case_for_an_account_opens_a_ticket(api, staff, acme, provider, tech):
    service = ServiceFactory(client=acme, provider=provider)
    answer = api("abuse_task.edit", as_user=staff, sok="ok", account=acme.pk, item=service.pk,
                 subject="Phishing page", message="Remove it, please.", score="2",
                 deadline=LATER, action="suspend_item", department=tech.pk)  # fmt: skip
    case = Violation.objects.get(pk=answer.doc["id"]["$"])
    assert (case.service, case.action, case.ticket.in_queue) == (service, "suspend_service", False)
    assert case.ticket.messages.get().body == "Remove it, please."


def test_finish_and_the_filter(api, staff, ticket):
    case = actions.register_violation(ticket, by=staff, score=1,
                                      deadline=timezone.now() + timedelta(days=1))  # fmt: skip
    assert api("abuse_task.finish", as_user=staff, elid=case.pk).error is None
    case.refresh_from_db()
    assert case.status == "finished"
    assert api("abuse_task", as_user=staff, status="open").elems == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"deadline": "tomorrow"}, "deadline"),
        ({"deadline": "2001-01-01 10:00:00"}, "deadline"),
        ({"deadline": ""}, "deadline"),
        ({"action": "nuke"}, "action"),
        ({"score": "-3"}, "score"),
    ],
)
def test_bad_values_change_nothing(api, staff, ticket, params, field):
    answer = api("abuse_task.edit", as_user=staff, sok="ok", ticket=ticket.pk,
                 **{"score": "1", "deadline": LATER, **params})  # fmt: skip
    assert answer.error_kind() == ("value", field)
    assert not Violation.objects.exists()


def test_other_departments_and_clients_get_missed_or_access(api, staff2, client_user, ticket,
                                                            staff):  # fmt: skip
    case = actions.register_violation(ticket, by=staff, score=1,
                                      deadline=timezone.now() + timedelta(days=1))  # fmt: skip
    assert api("abuse_task.edit", as_user=staff2, elid=case.pk).error_kind()[0] == "missed"
    assert api("abuse_task.finish", as_user=staff2, elid=case.pk).error_kind()[0] == "missed"
    assert api("abuse_task", as_user=staff2).elems == []
    assert api("abuse_task", as_user=client_user).error_kind()[0] == "access"


def test_the_list_costs_the_same_queries_for_5_and_50_cases(api, staff, open_ticket):
    def queries_for(count):
        while Violation.objects.count() < count:
            actions.register_violation(open_ticket(), by=staff, score=1)
        with CaptureQueriesContext(connection) as captured:
            assert len(api("abuse_task", as_user=staff, p_cnt="100").elems) == count
        return len(captured)

    assert queries_for(5) == queries_for(50)

"""The desk's Abuse list: paged, filtered, the same queries whatever the page holds; and
who the abuse predicates say yes to."""

import inspect
import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helpdesk.violations import actions, policies
from helpdesk.violations.models import Violation
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_the_list_costs_the_same_queries_for_5_and_50_cases(client, staff, open_ticket):
    client.force_login(staff)

    def queries_for(count):
        while Violation.objects.count() < count:
            actions.register_violation(open_ticket(), by=staff, score=1)
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/desk/abuse/?size=100").content.decode()
        assert page.count('data-testid="abuse-row"') == count
        return len(captured)

    assert queries_for(5) == queries_for(50)


def test_the_list_pages_newest_first_by_the_next_and_previous_links(client, staff, open_ticket):
    client.force_login(staff)
    cases = [actions.register_violation(open_ticket(), by=staff, score=1) for _ in range(27)]
    newest_first = [case.pk for case in reversed(cases)]

    def shown(url):
        html = client.get(url).content.decode()
        ids = [int(pk) for pk in re.findall(r'href="/desk/abuse/(\d+)/"', html)]
        links = dict(re.findall(r'<a href="([^"]+)" rel="(next|prev)"', html))
        return ids, {rel: unescape(href) for href, rel in links.items()}

    first, links = shown("/desk/abuse/?size=25")
    assert first == newest_first[:25]
    assert set(links) == {"next"}
    second, links = shown("/desk/abuse/" + links["next"])
    assert second == newest_first[25:]
    assert set(links) == {"prev"}
    back, _links = shown("/desk/abuse/" + links["prev"])
    assert back == newest_first[:25]


def test_the_list_filters_by_status_and_client(client, staff, open_ticket):
    client.force_login(staff)
    open_case = actions.register_violation(
        open_ticket(), by=staff, score=1, deadline=timezone.now() + timedelta(days=1)
    )
    actions.register_violation(open_ticket(), by=staff, score=1)
    page = client.get("/desk/abuse/?status=open").content.decode()
    assert page.count('data-testid="abuse-row"') == 1
    assert f"/desk/abuse/{open_case.pk}/" in page
    page = client.get("/desk/abuse/?client=Globex").content.decode()
    assert page.count('data-testid="abuse-row"') == 0
    assert client.get("/desk/abuse/?status=bogus&page=x&size=-1").status_code == 200


PREDICATES = {"can_register_violation", "can_manage_case", "can_resume_service"}
# persona → what each predicate answers for a case on Technical support's ticket of Acme
# and a suspended service of Acme's provider.
TABLE = {
    "root": {"can_register_violation", "can_manage_case", "can_resume_service"},
    "staff": {"can_register_violation", "can_manage_case", "can_resume_service"},
    "client_user": set(),
}


@pytest.mark.parametrize("persona", TABLE)
def test_who_may_act_on_cases_and_services(request, persona, ticket, staff, acme, provider):
    user = request.getfixturevalue(persona)
    case = actions.register_violation(
        ticket, by=staff, score=1, deadline=timezone.now() + timedelta(days=1)
    )
    service = ServiceFactory(client=acme, provider=provider, status="suspended")
    answers = {
        "can_register_violation": policies.can_register_violation(user, ticket),
        "can_manage_case": policies.can_manage_case(user, case),
        "can_resume_service": policies.can_resume_service(user, service),
    }
    assert {name for name, yes in answers.items() if yes} == TABLE[persona]


def test_staff_of_a_provider_without_their_department_may_not_resume(staff2, acme):
    from tests.factories import ProviderFactory

    service = ServiceFactory(client=acme, provider=ProviderFactory(), status="suspended")
    assert not policies.can_resume_service(staff2, service)


def test_the_table_asks_every_predicate_of_the_policies():
    public = {
        name
        for name, function in inspect.getmembers(policies, inspect.isfunction)
        if function.__module__ == policies.__name__ and name.startswith(("can_", "is_"))
    }
    assert public == PREDICATES

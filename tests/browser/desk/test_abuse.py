"""The desk's abuse process in a real browser: a case with a suspending action asks for
confirmation, then shows in the Abuse list, which filters by status."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from helpdesk.tickets.models import Ticket
from helpdesk.violations import actions
from helpdesk.violations.models import Violation
from tests.browser.desk.conftest import ticket_path
from tests.factories import ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_a_suspending_case_confirm_and_find_it_in_the_abuse_list(
    desk_page, queue_tickets, acme, provider
):
    ticket = queue_tickets.first()
    service = ServiceFactory(name="vps1.example.net", client=acme, provider=provider)
    Ticket.objects.filter(pk=ticket.pk).update(service=service)
    page = desk_page(ticket_path(ticket))
    page.get_by_text("Register a violation").click()
    form = page.get_by_test_id("violation-form")
    form.get_by_label("Points").fill("4")
    form.get_by_label("Message to the client").fill("Your VPS sends spam.")
    form.get_by_label("suspend the selected service").check()
    form.get_by_role("button", name="Register the violation").click()
    listed = page.get_by_test_id("services-to-suspend")
    expect(listed).to_have_text(f"vps1.example.net (VPS, #{service.pk})")
    assert not Violation.objects.exists()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Acme Hosting now has 4 violation points.")).to_be_visible()
    expect(page.get_by_test_id("client-cases")).to_contain_text("waiting for the client")

    page = desk_page("/desk/abuse/")
    expect(page.get_by_test_id("abuse-row")).to_have_count(1)
    expect(page.get_by_test_id("abuse-row")).to_contain_text("vps1.example.net")
    page.get_by_label("Status").select_option("finished")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_test_id("abuse-row")).to_have_count(0)


def test_finish_a_case_from_its_page(desk_page, queue_tickets, staff):
    ticket = queue_tickets.first()
    case = actions.register_violation(
        ticket, by=staff, score=2, deadline=timezone.now() + timedelta(days=1)
    )
    page = desk_page("/desk/abuse/")
    page.get_by_role("link", name=f"#{case.pk}", exact=True).click()
    expect(page.get_by_test_id("case-status")).to_have_text("waiting for the client")
    page.get_by_role("button", name="Finish the case").click()
    expect(page.get_by_test_id("case-status")).to_have_text("finished")

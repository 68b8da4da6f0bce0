"""The client's view of the abuse process in a real browser: suspended services with the
reason, and the open case with its deadline."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from helpdesk.tickets.models import Ticket
from helpdesk.violations import actions
from tests.factories import ServiceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_client_sees_the_suspension_and_the_open_case(portal, acme, provider, staff):
    ticket = Ticket.objects.filter(client=acme).order_by("id").first()
    suspended = ServiceFactory(name="mail.acme.example", client=acme, provider=provider)
    ServiceFactory(name="shop.acme.example", client=acme, provider=provider)
    Ticket.objects.filter(pk=ticket.pk).update(service=suspended)
    ticket.refresh_from_db()
    actions.register_violation(ticket, by=staff, score=1, action="suspend_service")
    deadline = timezone.now() + timedelta(days=2)
    actions.register_violation(ticket, by=staff, score=1, deadline=deadline)

    page = portal
    page.go("/")
    page.get_by_role("link", name="Services").click()
    rows = page.get_by_test_id("service-row")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="mail.acme.example")).to_contain_text("suspended")
    expect(rows.filter(has_text="mail.acme.example")).to_contain_text("Violation #")
    expect(rows.filter(has_text="shop.acme.example")).to_contain_text("active")
    case = page.get_by_test_id("open-case")
    expect(case).to_contain_text(timezone.localtime(deadline).strftime("%Y-%m-%d %H:%M"))
    case.get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text(ticket.subject)

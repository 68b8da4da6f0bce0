"""The provider's score rule: crossing the limit applies it once; expired points stop
counting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from helpdesk.tickets.models import Service, TicketEvent
from helpdesk.violations import actions
from helpdesk.violations.models import ScoreRule
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rule(provider):
    return ScoreRule.objects.create(
        provider=provider, enabled=True, limit=10, suspend_all=True, refuse_orders=True,
        expiry_days=30,
    )  # fmt: skip


@pytest.fixture
def services(acme, provider):
    return [ServiceFactory(client=acme, provider=provider) for _ in range(2)]


def limit_events():
    return TicketEvent.objects.filter(kind="score_limit").count()


def test_crossing_the_limit_suspends_everything_and_refuses_orders_once(
    ticket, staff, acme, rule, services
):
    actions.register_violation(ticket, by=staff, score=6)
    acme.refresh_from_db()
    assert not acme.orders_refused and limit_events() == 0
    actions.register_violation(ticket, by=staff, score=5)  # 11: crosses 10
    acme.refresh_from_db()
    assert acme.orders_refused
    assert Service.objects.filter(status="suspended").count() == 2
    assert limit_events() == 1
    Service.objects.update(status="active")
    actions.register_violation(ticket, by=staff, score=3)  # 14: already past, not again
    assert limit_events() == 1
    assert Service.objects.filter(status="suspended").count() == 0


def test_expired_points_stop_counting(ticket, staff, acme, rule, services):
    long_ago = timezone.now() - timedelta(days=40)
    actions.register_violation(ticket, by=staff, score=9, now=long_ago)
    assert actions.client_score(acme) == 0
    actions.register_violation(ticket, by=staff, score=5)  # 5 counting: under the limit
    assert actions.client_score(acme) == 5
    assert limit_events() == 0
    acme.refresh_from_db()
    assert not acme.orders_refused


def test_a_disabled_rule_does_nothing(ticket, staff, acme, rule, services):
    ScoreRule.objects.update(enabled=False)
    actions.register_violation(ticket, by=staff, score=50)
    acme.refresh_from_db()
    assert not acme.orders_refused and limit_events() == 0


def test_a_rule_of_another_provider_does_not_apply(ticket, staff, acme, services):
    from tests.factories import ProviderFactory

    ScoreRule.objects.create(provider=ProviderFactory(), enabled=True, limit=1)
    actions.register_violation(ticket, by=staff, score=50)
    assert limit_events() == 0

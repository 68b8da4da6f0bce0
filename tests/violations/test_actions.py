import pytest

from helpdesk.errors import ActionError
from helpdesk.tickets.models import Service
from helpdesk.violations import actions
from helpdesk.violations.models import Violation
from tests.factories import ServiceFactory


@pytest.fixture
def services(acme, provider):
    return [ServiceFactory(client=acme, provider=provider) for _ in range(2)]


@pytest.mark.django_db
class TestRegisterViolation:
    def test_scores_add_up_per_client(self, ticket, staff, acme):
        actions.register_violation(ticket, by=staff, score=3, note="spam")
        actions.register_violation(ticket, by=staff, score=4)
        assert actions.client_score(acme) == 7

    def test_suspending_the_selected_service_is_recorded(self, open_ticket, staff, services):
        ticket = open_ticket(service=services[0])
        actions.register_violation(
            ticket, by=staff, score=5, action=Violation.Action.SUSPEND_SERVICE
        )
        statuses = {s.pk: s.status for s in Service.objects.all()}
        assert statuses == {services[0].pk: "suspended", services[1].pk: "active"}
        change = services[0].status_changes.get()
        assert (change.old_status, change.new_status, change.changed_by) == (
            "active", "suspended", staff,
        )  # fmt: skip
        assert ticket.messages.filter(kind="system", body__contains=services[0].name).exists()

    def test_suspending_all_services_of_the_client(self, ticket, staff, services, globex):
        foreign = ServiceFactory(client=globex)
        actions.register_violation(ticket, by=staff, score=1, action="suspend_all")
        assert set(Service.objects.filter(status="suspended")) == set(services)
        foreign.refresh_from_db()
        assert foreign.status == "active"

    def test_suspending_the_service_of_a_ticket_without_one_is_refused(self, ticket, staff):
        with pytest.raises(ActionError) as error:
            actions.register_violation(ticket, by=staff, score=1, action="suspend_service")
        assert error.value.field == "action"
        assert not Violation.objects.exists()

    @pytest.mark.parametrize(
        ("score", "action"), [("-1", "forward"), ("x", "forward"), ("2", "nuke")]
    )
    def test_bad_values_register_nothing(self, ticket, staff, score, action):
        with pytest.raises(ActionError):
            actions.register_violation(ticket, by=staff, score=score, action=action)
        assert not Violation.objects.exists()

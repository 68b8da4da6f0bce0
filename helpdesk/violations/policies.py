"""Who may see and act on abuse cases and suspended services. Cases belong to their
ticket: staff of the ticket's department and root."""

from accounts.policies import is_client_user, is_desk_user
from accounts.roles import Role
from helpdesk.ids import is_possible_id
from helpdesk.tickets.models import Service
from helpdesk.tickets.policies import (
    TicketNotFound,
    can_work,
    staff_departments,
    visible_tickets,
)
from helpdesk.violations.models import Violation


def can_register_violation(user, ticket) -> bool:
    return can_work(user, ticket)


def can_manage_case(user, case) -> bool:
    return can_work(user, case.ticket)


def visible_cases(user):
    """Staff: the cases on their departments' tickets; root: all; clients: none here
    (they see their open cases through `client_open_cases`)."""
    if not is_desk_user(user):
        return Violation.objects.none()
    return Violation.objects.filter(ticket__in=visible_tickets(user))


def client_open_cases(user):
    if not is_client_user(user):
        return Violation.objects.none()
    return Violation.objects.filter(ticket__in=visible_tickets(user), status=Violation.Status.OPEN)


def resumable_services(user):
    """Suspended services staff may resume: root any, staff those of their departments'
    providers."""
    services = Service.objects.filter(status=Service.Status.SUSPENDED)
    if not is_desk_user(user):
        return services.none()
    if user.role == Role.ROOT:
        return services
    return services.filter(provider__departments__in=staff_departments(user)).distinct()


def can_resume_service(user, service) -> bool:
    return resumable_services(user).filter(pk=service.pk).exists()


def access_case(user, case_id, *, field="elid") -> Violation:
    """The one fetch-and-authorise for a case: through its ticket, to work on it. Its one
    refusal is TicketNotFound's: a 404 on the desk, `missed` in the API."""
    if not is_possible_id(case_id):
        raise TicketNotFound(case_id, field=field)
    case = (
        visible_cases(user)
        .select_related("ticket__department", "client", "service", "created_by")
        .filter(pk=int(case_id))
        .first()
    )
    if case is None or not can_manage_case(user, case):
        raise TicketNotFound(case_id, field=field)
    return case


def access_service(user, service_id, *, field="elid") -> Service:
    if not is_possible_id(service_id):
        raise TicketNotFound(service_id, field=field)
    service = resumable_services(user).filter(pk=int(service_id)).first()
    if service is None:
        raise TicketNotFound(service_id, field=field)
    return service

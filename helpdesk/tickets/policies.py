"""Who may see and do what with tickets. Views, the API and the admin all ask here."""

from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.policies import acting_staff, can_impersonate, is_client_user, is_desk_user
from accounts.roles import Role
from helpdesk.errors import ActionError
from helpdesk.ids import is_possible_id
from helpdesk.tickets.models import Department, Service, Ticket


def visible_tickets(user):
    """Root: every ticket. Staff: their departments' tickets. Client users: their own
    client account's tickets; staff acting as one, only those they may also see."""
    tickets = Ticket.objects.all()
    if not user.is_authenticated:
        return tickets.none()
    if user.role == Role.ROOT:
        return tickets
    if user.role == Role.ADMIN:
        return tickets.filter(department__in=staff_departments(user))
    if is_client_user(user):
        return within_acting_staffs_reach(user, tickets.filter(client_id=user.client_id))
    return tickets.none()


def restricting_actor(user):
    """The staff member acting as this client whose departments bound what the acting may
    reach (acting gives the client's powers only where the staff member has theirs), or
    None: the client themselves, or root acting, is not bounded."""
    actor = acting_staff(user)
    return None if actor is None or actor.role == Role.ROOT else actor


def within_acting_staffs_reach(user, tickets):
    actor = restricting_actor(user)
    return tickets if actor is None else tickets.filter(department__in=staff_departments(actor))


def in_acting_staffs_departments(user, department_id) -> bool:
    actor = restricting_actor(user)
    return actor is None or department_id in staff_department_ids(actor)


def staff_departments(user):
    if user.role == Role.ROOT:
        return Department.objects.all()
    return Department.objects.filter(members=user)


def client_departments(user):
    departments = Department.objects.filter(shown_to_clients=True).select_related("provider")
    actor = restricting_actor(user)
    return departments if actor is None else departments.filter(members=actor)


def client_services(user):
    return Service.objects.filter(client_id=user.client_id).select_related("provider")


def can_view(user, ticket) -> bool:
    if is_desk_user(user):
        return user.role == Role.ROOT or ticket.department_id in staff_department_ids(user)
    return (
        is_client_user(user)
        and ticket.client_id == user.client_id
        and in_acting_staffs_departments(user, ticket.department_id)
    )


def staff_department_ids(user) -> frozenset:
    """Asked once per request (the user object lives as long as the request)."""
    if not hasattr(user, "_department_ids"):
        user._department_ids = frozenset(staff_departments(user).values_list("pk", flat=True))
    return user._department_ids


def can_work(user, ticket) -> bool:
    """Staff operations on a ticket: reply, note, close, edit, split, charge…"""
    return is_desk_user(user) and can_view(user, ticket)


def can_split(user, ticket) -> bool:
    return can_work(user, ticket)


def can_client_write(user, ticket) -> bool:
    return is_client_user(user) and can_view(user, ticket)


def can_mark_solved(user, ticket) -> bool:
    """A client may close their own open ticket; writing to it later reopens it."""
    return can_client_write(user, ticket) and not ticket.is_closed


def can_archive(user, ticket) -> bool:
    return archive_refusal(user, ticket) is None


def archive_refusal(user, ticket) -> str | None:
    """Why the client may not archive this ticket, or None when they may: only their own
    closed tickets go to the archive."""
    if not can_client_write(user, ticket):
        return _("#%(id)s was not found") % {"id": ticket.pk}
    return unarchivable_reason(ticket)


def unarchivable_reason(ticket) -> str | None:
    """The state part of the rule, which the action checks again under the row lock."""
    if ticket.status == Ticket.Status.ARCHIVED:
        return _("#%(id)s is already archived") % {"id": ticket.pk}
    if ticket.status != Ticket.Status.CLOSED:
        return _("#%(id)s is not closed yet, support is still on it") % {"id": ticket.pk}
    return None


def can_su(user, ticket) -> bool:
    target = su_target(ticket)
    return target is not None and can_work(user, ticket) and can_impersonate(user, target)


def can_act_as(user, target) -> bool:
    """Staff may act as a client user whose account has tickets they may work on."""
    if not can_impersonate(user, target):
        return False
    return (
        user.role == Role.ROOT or visible_tickets(user).filter(client_id=target.client_id).exists()
    )


def su_target(ticket):
    """The client user staff act as: the ticket's author, else one of the client's users."""
    if ticket.created_by.client_id == ticket.client_id:
        return ticket.created_by
    return ticket.client.users.filter(is_active=True).order_by("id").first()


def assignable_departments(user):
    """Departments a desk user may move a ticket to: every department (the ticket may go
    to colleagues), none for anyone else."""
    if not is_desk_user(user):
        return Department.objects.none()
    return Department.objects.select_related("provider")


def ticket_services(user, ticket):
    """Services a desk user may link a ticket to (`ticket_item`): its client's own."""
    if not is_desk_user(user):
        return Service.objects.none()
    return Service.objects.filter(client_id=ticket.client_id).select_related("provider")


def assignable_responsibles(user, ticket):
    """Who a desk user may make responsible for a ticket: a member of its department."""
    if not is_desk_user(user):
        return ticket.department.members.none()
    return ticket.department.members.order_by("username")


class TicketNotFound(ActionError, Http404):
    """The one refusal for a ticket id: it does not exist, or it is not the user's to see
    or to do that with. The desk and the portal answer it as 404, the API as `missed`, so
    nobody can tell another's ticket from no ticket."""

    def __init__(self, ticket_id, *, field="elid"):
        super().__init__(
            _("Not found: %(ids)s.") % {"ids": str(ticket_id)[:30]}, code="missed", field=field
        )


ACCESS = {
    "view": lambda user, ticket: True,  # the scope already decided
    "work": lambda user, ticket: can_work(user, ticket),
    "write": lambda user, ticket: can_client_write(user, ticket),
}


def access_ticket(user, ticket_id, *, to="view", lock=False, columns=(), field="elid") -> Ticket:
    """The one fetch-and-authorise for a ticket: through the user's scope, checked for `to`
    ("view", "work" for staff operations, "write" for a client's), with `columns` joined
    and, with `lock`, the row locked for the caller's transaction."""
    if not is_possible_id(ticket_id):
        raise TicketNotFound(ticket_id, field=field)
    tickets = visible_tickets(user).select_related(*columns)
    if lock:
        tickets = tickets.select_for_update(of=("self",))
    ticket = tickets.filter(pk=int(ticket_id)).first()
    if ticket is None or not ACCESS[to](user, ticket):
        raise TicketNotFound(ticket_id, field=field)
    ticket.row_locked = lock
    return ticket


def assignable_staff(user):
    """Whom a desk user may make responsible from the lists: members of their departments
    (each ticket still takes only a member of its own department)."""
    if not is_desk_user(user):
        return User.objects.none()
    members = User.objects.filter(departments__in=staff_departments(user), is_active=True)
    return members.distinct().order_by("first_name", "last_name", "username")

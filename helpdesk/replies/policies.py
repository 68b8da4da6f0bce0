"""Who sees and manages which reply templates. Staff see the common ones, their
departments' and their own; they manage their departments' and their own. Root sees and
manages all of them."""

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.policies import is_desk_user
from accounts.roles import Role
from helpdesk.replies.models import ReplyTemplate
from helpdesk.tickets.policies import staff_department_ids

Scope = ReplyTemplate.Scope


def visible_templates(user):
    templates = ReplyTemplate.objects.all()
    if not is_desk_user(user):
        return templates.none()
    if user.role == Role.ROOT:
        return templates
    return templates.filter(
        Q(scope=Scope.COMMON)
        | Q(scope=Scope.DEPARTMENT, department__in=staff_department_ids(user))
        | Q(scope=Scope.PERSONAL, owner=user)
    )


def templates_for_ticket(user, ticket):
    """The templates offered on a ticket's page: visible ones of its department (or none),
    of its provider (or none), never another department's or another's personal ones."""
    return (
        visible_templates(user)
        .filter(Q(department__isnull=True) | Q(department=ticket.department_id))
        .filter(Q(provider__isnull=True) | Q(provider=ticket.provider_id))
        .filter(Q(scope=Scope.PERSONAL, owner=user) | ~Q(scope=Scope.PERSONAL))
    )


def can_manage_template(user, template) -> bool:
    return scope_refusal(user, template.scope, template.department_id, template.owner_id) is None


def scope_refusal(user, scope, department_id, owner_id) -> str | None:
    """Why the user may not own a template of this scope, or None when they may."""
    if not is_desk_user(user):
        return _("Only staff have reply templates.")
    if user.role == Role.ROOT:
        return None
    if scope == Scope.COMMON:
        return _("Only root manages the templates for everyone.")
    if scope == Scope.DEPARTMENT and department_id not in staff_department_ids(user):
        return _("Choose one of your departments.")
    if scope == Scope.PERSONAL and owner_id != user.pk:
        return _("This is another staff member's template.")
    return None

"""Who sees which figures: root every figure; staff the figures of their departments
(figures of no department, such as incidents bought outside a ticket, are root's)."""

from accounts.policies import is_desk_user
from accounts.roles import Role
from helpdesk.reports.models import DayFigure, LateResponse
from helpdesk.tickets.policies import staff_departments


def can_see_reports(user) -> bool:
    return is_desk_user(user)


def visible_figures(user):
    return within_departments(user, DayFigure.objects.all())


def visible_late_responses(user):
    return within_departments(user, LateResponse.objects.all())


def within_departments(user, rows):
    if not can_see_reports(user):
        return rows.none()
    if user.role == Role.ROOT:
        return rows
    return rows.filter(department__in=staff_departments(user))

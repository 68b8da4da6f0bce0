"""The staff lists and group operations: ticket, ticket_all, favorites, close, unblock.
Group operations fetch their tickets through visible_tickets (lookups), which is the staff
member's working scope: a ticket outside it answers `missed`."""

from django.utils import timezone

from helpdesk.api import lookups
from helpdesk.api.nodes import all_elem, favorite_elem, list_answer, queue_elem
from helpdesk.api.registry import STAFF, function
from helpdesk.api.wire import ok
from helpdesk.favorites import actions as favorite_actions
from helpdesk.favorites.policies import favorite_tickets
from helpdesk.tickets import actions, policies
from helpdesk.tickets.filters import apply_staff_filters


def staff_list(call, tickets, elem):
    """Saved filters applied, heaviest first, one page; the same queries for any page size."""
    _filterset, tickets = apply_staff_filters(tickets, call.user)
    now = timezone.now()
    rows = tickets.with_list_columns(call.user).by_queue_weight()
    return list_answer(call, rows, lambda ticket: elem(ticket, now))


@function("ticket", who=STAFF)
def queue(call):
    return staff_list(call, policies.visible_tickets(call.user).in_queue(), queue_elem)


@function("ticket_all", who=STAFF)
def all_tickets(call):
    return staff_list(call, policies.visible_tickets(call.user), all_elem)


@function("ticket_favorite", who=STAFF)
def favorites(call):
    tickets = favorite_tickets(call.user).with_list_columns(call.user).order_by("-id")
    now = timezone.now()
    return list_answer(call, tickets, lambda ticket: favorite_elem(ticket, now))


@function("ticket.favorite", who=STAFF)
def toggle_favorite(call):
    favorite_actions.toggle_favorites(lookups.tickets(call), user=call.user)
    return ok()


@function("ticket_favorite.delete", who=STAFF)
def remove_favorite(call):
    tickets = lookups.tickets(call, scope=favorite_tickets(call.user))
    favorite_actions.remove_favorites(tickets, user=call.user)
    return ok()


@function("ticket.delete", "ticket_all.delete", who=STAFF)
def close(call):
    """Close: out of the queue, nothing deleted. Already closed ones stay as they are."""
    actions.close_tickets(lookups.tickets(call), by=call.user)
    return ok()


@function("ticket.unblock", "ticket_all.unblock", who=STAFF)
def unblock(call):
    actions.unblock_tickets(lookups.tickets(call), by=call.user)
    return ok()

"""The staff lists and group operations: ticket, ticket_all, favorites, close, unblock.
Group operations fetch their tickets through visible_tickets (lookups), which is the staff
member's working scope: a ticket outside it answers `missed`."""

from helpdesk import clock
from helpdesk.api import lookups
from helpdesk.api.nodes import all_elem, favorite_elem, list_answer, queue_elem
from helpdesk.api.registry import STAFF, function
from helpdesk.api.wire import ok, text
from helpdesk.favorites import actions as favorite_actions
from helpdesk.favorites.policies import favorite_tickets
from helpdesk.paging import Keyset
from helpdesk.search.tickets import matching_ticket_ids
from helpdesk.tickets import actions, policies
from helpdesk.tickets.filters import apply_staff_filters


def staff_list(call, tickets, elem):
    """The saved filter and the text (`search`, or BILLmanager's `message`: the tickets of
    the search's newest matches) applied, heaviest first: one page (`p_num`, or ours,
    `after`), or without `p_cnt` every row, streamed."""
    filterset, tickets = apply_staff_filters(tickets, call.user)
    words = call.get("search") or call.get("message")
    if words.strip():
        narrowed = bool(filterset.data) and filterset.is_valid()
        found = matching_ticket_ids(call.user, words, tickets, narrowed=narrowed)
        tickets = tickets.filter(pk__in=found)
    now = clock.now()
    if call.has("after"):
        rows, paging = keyset_page_of(call, tickets)
        return {"elem": [elem(ticket, now) for ticket in rows], **paging}
    rows = tickets.with_list_columns(call.user).by_queue_weight()
    return list_answer(call, rows, lambda ticket: elem(ticket, now))


BY_WEIGHT = Keyset("queue_key", descending=True, tie_descending=False)


def keyset_page_of(call, tickets):
    """Our `after=<ticket>` (empty: from the start): the page after that ticket in the same
    order, as fast deep as on top; `p_next` names the ticket to ask `after` next."""
    size = call.page().size
    cursor = None
    if call.get("after").strip():
        cursor = tickets.filter(pk=call.id("after")).only("id", "queue_key").first()
    rows = tickets.with_list_columns(call.user)
    found, _before, has_next = BY_WEIGHT.page(rows, size=size, after=cursor)
    paging = {"p_cnt": text(size)}
    if has_next:
        paging["p_next"] = text(found[-1].pk)
    return found, paging


@function("ticket", who=STAFF)
def queue(call):
    return staff_list(call, policies.visible_tickets(call.user).in_queue(), queue_elem)


@function("ticket_all", who=STAFF)
def all_tickets(call):
    return staff_list(call, policies.visible_tickets(call.user), all_elem)


@function("ticket_favorite", who=STAFF)
def favorites(call):
    tickets = favorite_tickets(call.user).with_list_columns(call.user).order_by("-id")
    now = clock.now()
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

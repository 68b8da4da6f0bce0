"""Objects named by a call's ids, always fetched through the caller's policy scope. An id
outside the scope answers exactly like one that does not exist (type `missed`), so a
client cannot probe other clients' ids; staff get the same for other departments."""

from django.utils.translation import gettext as _

from helpdesk.errors import ActionError
from helpdesk.messages.policies import visible_messages
from helpdesk.tickets.policies import access_ticket, visible_tickets


def missed(field: str, ids) -> ActionError:
    listed = ", ".join(str(number) for number in ids)
    return ActionError(_("Not found: %(ids)s.") % {"ids": listed}, code="missed", field=field)


def all_found(objects, ids, field):
    found = {obj.pk: obj for obj in objects}
    absent = [number for number in ids if number not in found]
    if absent:
        raise missed(field, absent)
    return [found[number] for number in ids]


def optional(call, field, scope, *, absent=missed):
    """The object the optional id `field` names in `scope`, None when not given;
    `absent(field, [id])` is the error for an id outside the scope."""
    number = call.optional_id(field)
    if number is None:
        return None
    found = scope.filter(pk=number).first()
    if found is None:
        raise absent(field, [number])
    return found


def ticket(call, field="elid"):
    return access_ticket(call.user, call.id(field), field=field)


def tickets(call, field="elid", scope=None) -> list:
    numbers = call.ids(field)
    scope = visible_tickets(call.user) if scope is None else scope
    return all_found(scope.filter(pk__in=numbers), numbers, field)


def ticket_of_messages(call):
    """The `plid` ticket when given, else the ticket of the `elid` message(s)."""
    if call.get("plid").strip():
        return ticket(call, "plid")
    numbers = call.ids("elid")
    found = visible_tickets(call.user).filter(messages__id=numbers[0]).first()
    if found is None:
        raise missed("elid", numbers[:1])
    return found


def messages(call, parent) -> list:
    numbers = call.ids("elid")
    scope = visible_messages(call.user, parent).select_related("ticket")
    return all_found(scope.filter(pk__in=numbers), numbers, "elid")


def message(call, parent):
    call.id("elid")  # exactly one
    return messages(call, parent)[0]

"""Pieces of answer trees: list rows, messages, attachments, select lists. Built from rows
that were fetched with everything they show, so nothing here queries."""

from helpdesk import clock
from helpdesk.api.wire import Rows, on, text
from helpdesk.messages.models import Message
from helpdesk.tickets import regulation
from helpdesk.tickets.labels import STAFF_STATUS_LABELS
from helpdesk.tickets.listing import format_datetime, responsible_text, staff_row
from helpdesk.tickets.models import Priority, Ticket

QUEUE_COLUMNS = ("id", "ticket", "name", "client", "delay", "deadline", "responsible",
                 "project", "queue")  # fmt: skip
NO_DELAY = "0d+00:00"  # clients parse delay with (\d+)d\+(\d{2}):(\d{2}); never send ""


def props(ticket, row) -> dict:
    """Each set property as its own key valued "on" (clients test elem.unread == "on")."""
    nodes = {name: on() for name in row["properties"]}
    if ticket.priority == Priority.HIGH:
        nodes["priority"] = on()
    if row["abuse_id"] is not None:
        nodes["abuse_id"] = text(row["abuse_id"])
    return nodes


def queue_elem(ticket, now) -> dict:
    row = staff_row(ticket, now)
    row["delay"] = row["delay"] or NO_DELAY
    elem = {column: text(row[column]) for column in QUEUE_COLUMNS}
    if row["blocked_by"]:
        elem["blocked_by"] = text(row["blocked_by"])
    return {**elem, **props(ticket, row)}


def all_elem(ticket, now) -> dict:
    """A row of `ticket_all`: a queue row with the status, so that a poller tells a closed
    ticket from an archived one."""
    return {**queue_elem(ticket, now), "tstatus": status_node(ticket, STAFF_STATUS_LABELS)}


def status_node(ticket, labels) -> dict:
    return {"$": str(labels.get(ticket.status, ticket.status)), "$orig": str(ticket.status)}


def client_status_node(ticket) -> dict:
    """BILLmanager's own words for a client's ticket status, in every language: client
    areas translate them as keys ("In progress", "New replies", …); the number is $orig."""
    if ticket.status == Ticket.Status.AWAITING_RESPONSE:
        label = "New replies" if ticket.unread_by_client else "Waiting to reply"
    else:
        label = WIRE_CLIENT_STATUSES.get(ticket.status, "In progress")
    return {"$": label, "$orig": str(ticket.status)}


WIRE_CLIENT_STATUSES = {Ticket.Status.CLOSED: "closed", Ticket.Status.ARCHIVED: "In archive"}


def favorite_elem(ticket, now) -> dict:
    row = staff_row(ticket, now)
    elem = {
        "id": text(ticket.pk),
        "name": text(ticket.subject),
        "client": text(ticket.client.name),
        "last_message": text(format_datetime(ticket.last_message_at)),
        "responsible": text(responsible_text(ticket)),
        "project_name": text(ticket.provider.name),
        "tstatus": status_node(ticket, STAFF_STATUS_LABELS),
    }
    return {**elem, **props(ticket, row)}


def client_elem(ticket) -> dict:
    elem = {
        "id": text(ticket.pk),
        "name": text(ticket.subject),
        "last_message": text(format_datetime(ticket.last_message_at)),
        "wait_time": text(regulation.format_delay(ticket.waiting_since, clock.now())),
        "create_user": text(ticket.created_by),
        "tstatus": client_status_node(ticket),
    }
    if ticket.last_message_at:  # client areas sort on it
        elem["last_message_utc"] = text(int(ticket.last_message_at.timestamp()))
    if ticket.unread_by_client:
        elem["unread"] = on()
    if ticket.status == Ticket.Status.CLOSED:  # what the client may archive
        elem["toarchive"] = on()
    return elem


def attachment_node(attachment) -> dict:
    return {
        "$id": str(attachment.pk),
        "$size": str(attachment.size),
        "$content_type": attachment.content_type,
        "$": attachment.name,
    }


def message_node(message, *, staff: bool) -> dict:
    """A message of a form's `mlist`, with the names client areas read as well (`body`,
    `user.realname`, `file[]` with the `param` for `ticket.file`, `rates`)."""
    author = message.author
    realname = (author.get_full_name() or author.get_username()) if author else ""
    node = {
        "$id": str(message.pk),
        "$type": message.kind,
        "date_post": text(format_datetime(message.created_at)),
        "message_user": text(author or ""),
        "message": text(message.body),
        "body": text(message.body),
        "html": text(message.html),
        "user": {"realname": text(realname)},
        "avatar": {"$name": realname, "$": avatar_path(message)},
    }
    files = [file_node(attachment) for attachment in message.attachments.all()]
    if files:
        node["file"] = files
    if message.kind == Message.Kind.OUTCOMING:  # the rating buttons, and any rating given
        node["rates"] = {"rate": {"$name": message.rating or ""}}
    return {**node, **message_marks(message, staff=staff)}


def avatar_path(message) -> str:
    """The `avatar` function's address relative to the endpoint: client areas put their
    base URL (…/billmgr) before it."""
    side = "client" if message.kind == Message.Kind.INCOMING else "support"
    return f"?func=avatar&elid={side}"


def service_info(service) -> dict:
    """The first block of a client's thread when the ticket is about a service, as
    BILLmanager sends it (client areas show `rowgroup[0].row[0]` as "Service related")."""
    return {"$type": "info", "rowgroup": [{"row": [text(service)]}]}


def file_node(attachment) -> dict:
    return {"name": text(attachment.name), "param": text(attachment.pk)}


def message_marks(message, *, staff: bool) -> dict:
    marks = {}
    if staff and message.hidden:
        marks["hidden"] = on()
    if message.edited_at:
        marks["edited"] = text(format_datetime(message.edited_at))
    if message.rating:
        marks["rating"] = text(message.rating)
    files = [attachment_node(attachment) for attachment in message.attachments.all()]
    if files:
        marks["attachment"] = files
    return marks


def message_elem(message, *, staff: bool, first_id) -> dict:
    """A row of `ticket.message`."""
    elem = {
        "id": text(message.pk),
        "type": text(message.kind),
        "date_post": text(format_datetime(message.created_at)),
        "message_user": text(message.author or ""),
        "message": text(message.body),
    }
    # On every row, `on` only on the first: pollers read the key on each row.
    elem["first_message"] = on() if message.pk == first_id else text("off")
    return {**elem, **message_marks(message, staff=staff)}


def slist(name: str, choices) -> dict:
    """A form's select list: {"$name": name, "val": [{"$key": key, "$": label,
    "$plainval": label}, …]} (client areas show `$plainval`, BILLmanager's unformatted label)."""
    values = [{"$key": str(key), "$": str(label), "$plainval": str(label)}
              for key, label in choices]  # fmt: skip
    return {"$name": name, "val": values}


def list_answer(call, queryset, elem):
    """A list as BILLmanager answers it: the page `p_num`/`p_cnt` asks for, or, without
    `p_cnt`, every row, streamed (pollers call lists unpaged and expect them whole)."""
    call.page()  # junk in p_num or p_cnt is a value error either way
    if not call.get("p_cnt").strip():
        return Rows(queryset.iterator(chunk_size=STREAM_CHUNK), elem)
    rows, paging = page_of(call, queryset)
    return {"elem": [elem(row) for row in rows], **paging}


STREAM_CHUNK = 500


def page_of(call, queryset) -> tuple[list, dict]:
    """One page of rows and the `p_num`, `p_cnt`, `p_elems` (total) of the answer."""
    page = call.page()
    rows, has_next = page.slice(queryset)
    if not has_next and (rows or page.number == 1):
        total = page.start + len(rows)  # the last page tells the total: no COUNT
    else:
        total = queryset.count()  # BILLmanager's answer carries the total (p_elems)
    return rows, {"p_num": text(page.number), "p_cnt": text(page.size), "p_elems": text(total)}

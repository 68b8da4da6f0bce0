"""Writes on messages: posting with attachments, editing with history, hiding, rating."""

import mimetypes

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Client
from helpdesk import clock
from helpdesk.errors import ActionError
from helpdesk.messages.markdown import render_markdown
from helpdesk.messages.models import Attachment, Message, MessageRevision
from helpdesk.messages.policies import is_changeable
from helpdesk.tickets import events, summary

MAX_BODY_CHARS = 100_000
MAX_FILES = settings.ATTACHMENT_MAX_FILES
MB = 1024 * 1024


def clean_body(body: str, *, field="message") -> str:
    body = (body or "").replace("\x00", "").strip()
    if not body:
        raise ActionError(_("Write a message."), field=field)
    if len(body) > MAX_BODY_CHARS:
        raise ActionError(
            _("The message is too long (at most %(n)s characters).") % {"n": MAX_BODY_CHARS},
            field=field,
        )
    return body


def check_files(files, *, ticket) -> list:
    files = [upload for upload in files if upload]
    if len(files) > MAX_FILES:
        raise ActionError(_("Attach at most %(n)s files.") % {"n": MAX_FILES}, field="file")
    for upload in files:
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            raise ActionError(
                _("“%(name)s” is larger than %(mb)s MB.")
                % {"name": upload.name, "mb": settings.ATTACHMENT_MAX_BYTES // MB},
                field="file",
            )
    if files:
        check_quota(ticket.client_id, sum(upload.size for upload in files))
    return files


def check_quota(client_id, adding: int) -> None:
    """The client's tickets hold at most CLIENT_STORAGE_QUOTA_BYTES of attachments. The
    client row is locked so that two uploads at once cannot both fit into the last room."""
    Client.objects.select_for_update().filter(pk=client_id).first()
    stored = Attachment.objects.filter(message__ticket__client_id=client_id)
    used = stored.aggregate(total=Sum("size"))["total"] or 0
    quota = settings.CLIENT_STORAGE_QUOTA_BYTES
    if used + adding > quota:
        raise ActionError(
            _("These files would go over the account's storage quota of %(quota)s MB "
              "(%(used)s MB are used). Attach smaller files or fewer of them.")
            % {"quota": quota // MB, "used": f"{used / MB:.1f}"},
            field="file",
        )  # fmt: skip


def add_message(
    ticket, *, author, kind, body, files=(), created_at=None, from_gate=False
) -> Message:
    """Append a message (its HTML rendered once, here) and keep the ticket's summary."""
    message = Message.objects.create(
        ticket=ticket,
        author=author,
        kind=kind,
        body=body,
        html=render_markdown(body, ticket_id=ticket.pk),
        created_at=created_at or clock.now(),
        from_gate=from_gate,
    )
    for upload in check_files(files, ticket=ticket):
        attach_file(message, upload)
    summary.note_message(ticket, message)
    return message


def add_system_message(ticket, text, *, by=None, **params) -> Message:
    """An event in the thread, written in the installation's language whoever caused it:
    pass `text` as gettext_lazy so it is translated here, not in the caller's language."""
    with translation.override(settings.LANGUAGE_CODE):
        body = str(text) % params if params else str(text)
    return add_message(ticket, author=by, kind=Message.Kind.SYSTEM, body=body)


def attach_file(message, upload) -> Attachment:
    name = (upload.name or "file").replace("\x00", "")[-255:]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Attachment.objects.create(
        message=message, file=upload, name=name, size=upload.size, content_type=content_type
    )


@transaction.atomic
def edit_message(message, *, editor, body) -> Message:
    """Correct a message's text; the old text stays as a revision."""
    body = clean_body(body)
    message = Message.objects.select_for_update().get(pk=message.pk)
    if not is_changeable(message):
        raise ActionError(_("System messages cannot be edited."), field="elid")
    if body == message.body:
        return message
    MessageRevision.objects.create(message=message, body=message.body, edited_by=editor)
    message.body = body
    message.html = render_markdown(body, ticket_id=message.ticket_id)
    message.edited_at = clock.now()
    message.save(update_fields=["body", "html", "edited_at"])
    summary.refresh_summary(message.ticket)
    events.record(message.ticket, events.Kind.MESSAGE_EDITED, actor=editor, message=message.pk)
    return message


@transaction.atomic
def set_hidden(messages, *, by, hidden: bool) -> int:
    """Hide messages from the client (or show them again); nothing is deleted."""
    if not all(map(is_changeable, messages)):
        raise ActionError(_("System messages cannot be hidden."), field="elid")
    chosen = Message.objects.filter(pk__in=[message.pk for message in messages])
    changing = list(chosen.exclude(hidden=hidden).select_related("ticket"))
    changed = chosen.update(hidden=hidden, hidden_by=by if hidden else None)
    kind = events.Kind.MESSAGE_HIDDEN if hidden else events.Kind.MESSAGE_SHOWN
    for message in changing:
        events.record(message.ticket, kind, actor=by, message=message.pk)
    for ticket in {message.ticket for message in chosen.select_related("ticket")}:
        summary.refresh_summary(ticket)
    return changed


def rate_message(message, *, rating) -> Message:
    if message.kind != Message.Kind.OUTCOMING or message.hidden:
        raise ActionError(_("Only replies from support can be rated."), field="elid")
    message.rating = rating
    message.save(update_fields=["rating"])
    return message

"""The one composite write of the API: the staff ticket form, all of it or nothing."""

from django.db import transaction
from django.utils.translation import gettext as _

from helpdesk.errors import ActionError
from helpdesk.incidents import actions as incident_actions
from helpdesk.tickets import actions as ticket_actions
from helpdesk.violations import actions as violation_actions


@transaction.atomic
def apply_ticket_form(ticket, *, by, form):
    """`ticket.edit sok=ok`: parameters, note, violation, charge, incidents and reply in
    one transaction: when any part is refused, none of it is applied. The ticket is locked
    once here and that copy goes through every action."""
    if form.files and not (form.reply or form.note):
        raise ActionError(_("Attach files to a reply or a note."), field="file_1")
    ticket = ticket_actions.lock(ticket)
    if form.reply:
        # Once, before any write: the note this same call adds is no "newer message".
        ticket_actions.refuse_if_stale(ticket, form.seen_message_id)
    if form.changes:
        ticket = ticket_actions.update_ticket(ticket, by=by, **form.changes)
    if form.note:
        files = [] if form.reply else form.files
        ticket_actions.add_note(ticket, author=by, body=form.note, files=files)
    if form.violation is not None:
        violation_actions.register_violation(ticket, by=by, **form.violation)
    if form.expense:
        incident_actions.charge_ticket(
            ticket, amount=form.expense, by=by, comment=form.expense_comment
        )
    if form.incident_count:
        incident_actions.grant_incidents(
            ticket.client, count=form.incident_count, by=by, ticket=ticket
        )
    if form.reply:
        ticket_actions.post_staff_reply(
            ticket, author=by, body=form.reply, files=form.files, close=form.close
        )
    elif form.close:  # `clicked_button=ok` without a reply still closes
        ticket_actions.close_tickets([ticket], by=by)
    return ticket

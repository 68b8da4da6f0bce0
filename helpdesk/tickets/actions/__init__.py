"""Every write on tickets that spans rows or has side effects. The desk, the portal and the
/billmgr API all call these.

What the caller must have done: fetched the ticket through `policies.access_ticket` with
the access the action needs (`to="work"` for staff actions, `to="write"` for a client's
message) and checked the action's own policy (`can_split`, `can_charge` …). Best with
`lock=True` inside the caller's `transaction.atomic()`: the action then works on that
copy; given any other copy it reads the row again, locked (`common.lock`). A refused
action may leave the copy it was handed half-changed, so a caller that shows the ticket
after a refusal reads it again."""

from helpdesk.tickets.actions.abuse import (
    hold_for_abuse_answer,
    open_abuse_ticket,
    return_from_abuse,
)
from helpdesk.tickets.actions.common import clean_priority, clean_subject, ids_of, lock
from helpdesk.tickets.actions.conversation import (
    add_note,
    open_ticket,
    post_client_message,
    post_staff_reply,
    refuse_if_stale,
)
from helpdesk.tickets.actions.lifecycle import (
    archive_tickets,
    auto_archive,
    block_is_live,
    blocked_by_other,
    close_tickets,
    mark_solved,
    open_for_client,
    open_for_staff,
    release_own_block,
    unblock_tickets,
)
from helpdesk.tickets.actions.parameters import update_ticket
from helpdesk.tickets.actions.split import derive_thread_state, split_ticket

__all__ = [
    "add_note", "archive_tickets", "auto_archive", "block_is_live", "blocked_by_other",
    "clean_priority", "clean_subject", "close_tickets", "derive_thread_state",
    "hold_for_abuse_answer", "ids_of", "lock", "mark_solved", "open_abuse_ticket",
    "open_for_client",
    "open_for_staff", "open_ticket", "post_client_message", "post_staff_reply", "refuse_if_stale",
    "release_own_block", "return_from_abuse", "split_ticket", "unblock_tickets", "update_ticket",
]  # fmt: skip

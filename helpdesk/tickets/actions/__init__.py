"""Every write on tickets that spans rows or has side effects. The desk, the portal and the
/billmgr API all call these; access is checked by the callers through policies.py."""

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
    open_for_client,
    open_for_staff,
    release_own_block,
    unblock_tickets,
)
from helpdesk.tickets.actions.parameters import update_ticket
from helpdesk.tickets.actions.split import derive_thread_state, split_ticket

__all__ = [
    "add_note", "archive_tickets", "auto_archive", "block_is_live", "blocked_by_other",
    "clean_priority", "clean_subject", "close_tickets", "derive_thread_state", "ids_of", "lock",
    "open_for_client", "open_for_staff", "open_ticket", "post_client_message",
    "post_staff_reply", "refuse_if_stale",
    "release_own_block", "split_ticket", "unblock_tickets", "update_ticket",
]  # fmt: skip

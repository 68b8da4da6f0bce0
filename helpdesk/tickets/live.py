"""What changes while a staff member looks: the tickets changed since a moment (the live
lists and browser notifications ask it), and who else has a ticket open (presence).
Both are kept in the database, never in a process, so every app server answers the same."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from helpdesk import clock
from helpdesk.messages.models import Message
from helpdesk.numbers import is_whole
from helpdesk.tickets.models import TicketViewer
from helpdesk.tickets.policies import visible_tickets

# A poll asks from a little before its previous answer: a change saved in a transaction
# that committed after that answer still carries the earlier time. The caller ignores what
# it already saw (each change carries its time).
OVERLAP = timedelta(seconds=30)
MAX_CHANGES = 200
PRESENCE_SECONDS = 30  # a page says it is open every 10 s; three missed beats mean gone
MAX_VIEWERS = 20
MAX_NEW_MESSAGES = 20


def stamp(moment: datetime | None) -> int:
    """A time as whole microseconds since the epoch: exact, and easy to read back."""
    if moment is None:
        return 0
    return int(moment.timestamp()) * 1_000_000 + moment.microsecond


def from_stamp(value) -> datetime | None:
    """A stamp back as a time; None for anything that is not one."""
    text = str(value or "")
    if not is_whole(text) or len(text) > 17:  # later than the year 5138: not a stamp
        return None
    seconds, micros = divmod(int(text), 1_000_000)
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=micros)


def changes_since(user, since: datetime) -> list[dict]:
    """The user's visible tickets changed after `since` (minus the overlap), newest change
    first, at most 200: one query on the `changed_at` index."""
    rows = (
        visible_tickets(user)
        .filter(changed_at__gt=since - OVERLAP)
        .order_by("-changed_at")
        .values_list(
            "id", "changed_at", "in_queue", "created_at", "status", "subject",
            "blocked_by_id", "blocked_at", "unread_by_staff", "last_message_at",
        )[:MAX_CHANGES]
    )  # fmt: skip
    held_after = clock.now() - timedelta(minutes=settings.HELPDESK["BLOCK_MINUTES"])
    return [change_of(row, user, since, held_after) for row in rows]


def change_of(row, user, since, held_after) -> dict:
    (pk, changed_at, in_queue, created_at, status, subject,
     holder, held_at, unread, last_message_at) = row  # fmt: skip
    holds = holder == user.pk and held_at is not None and held_at > held_after
    return {
        "id": pk,
        "at": stamp(changed_at),
        "in_queue": in_queue,
        "subject": subject,
        # What a browser notification is about: a ticket that is new, or a client
        # answer on a ticket this user holds.
        "created": created_at > since - OVERLAP and status == 0,
        "answered": holds and unread and bool(last_message_at and last_message_at > since),
    }


def note_viewer(ticket, user, *, typing: bool) -> None:
    """The user has the ticket's page open (and is typing a reply, or not): one upsert."""
    TicketViewer.objects.bulk_create(
        [TicketViewer(ticket=ticket, user=user, typing=typing, seen_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["ticket", "user"],
        update_fields=["typing", "seen_at"],
    )


def forget_viewer(ticket, user) -> None:
    TicketViewer.objects.filter(ticket=ticket, user=user).delete()


def other_viewers(ticket, user) -> list[dict]:
    """Colleagues who have the ticket open now."""
    recent = timezone.now() - timedelta(seconds=PRESENCE_SECONDS)
    viewers = (
        TicketViewer.objects.filter(ticket=ticket, seen_at__gt=recent)
        .exclude(user=user)
        .select_related("user")
        .order_by("seen_at")[:MAX_VIEWERS]
    )
    return [{"name": each.user.short_name, "typing": each.typing} for each in viewers]


def messages_after(ticket, seen_message_id: int) -> list[dict]:
    """Messages that came after the one the page showed last: what the stale-reply guard
    would refuse a reply for, said before the agent sends."""
    newer = (
        Message.objects.filter(ticket=ticket, id__gt=seen_message_id)
        .exclude(kind=Message.Kind.SYSTEM)
        .select_related("author")
        .order_by("id")[:MAX_NEW_MESSAGES]
    )
    return [
        {
            "id": message.pk,
            "kind": message.kind,
            "author": message.author.short_name if message.author else "",
        }
        for message in newer
    ]


def forget_stale_viewers(*, now=None) -> int:
    """Presence rows of pages closed without saying so (the periodic clean-up)."""
    gone = (now or timezone.now()) - timedelta(seconds=PRESENCE_SECONDS * 10)
    return TicketViewer.objects.filter(seen_at__lt=gone).delete()[0]

"""Searching the tickets a user may see: their subjects, their messages (staff: notes and
hidden ones too; clients: what they are shown), and for staff the clients' names, their
users' emails and the services' names.

The search runs inside the queryset it is given (the policies' scope, narrowed by the
list filters), never over everything with the results filtered afterwards. Each source
reads its newest CANDIDATES matches (an index order, so a word in every twentieth message
costs what a rare one does); those candidates are ranked by relevance, and the count
shown is bounded by them."""

import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.safestring import SafeString

from accounts.models import Client
from helpdesk.messages.models import Message
from helpdesk.messages.policies import search_departments, searchable_messages
from helpdesk.search import engine
from helpdesk.search.passages import mark_substring, marked_html
from helpdesk.tickets.models import Service
from helpdesk.tickets.policies import is_desk_user

CANDIDATES = 200
MAX_QUERY = 200
MAX_NAMES = 20
SUBJECT_WEIGHT = 2.0  # a word in the subject says more than the same word in a message
NAME_SCORE = 0.01  # a client's or service's name: below any match of the text
TICKET_NUMBER = re.compile(r"^#?(\d{1,18})$")


def clean_query(text) -> str:
    return " ".join(str(text or "").split())[:MAX_QUERY]


def ticket_number(text: str) -> int | None:
    """`123` or `#123`: the number of a ticket to open rather than a text to search."""
    found = TICKET_NUMBER.match(text)
    return int(found.group(1)) if found and int(found.group(1)) > 0 else None


@dataclass
class Candidate:
    ticket_id: int
    message_id: int | None = None  # its best matching message, for the passage
    message_score: float = 0.0
    subject_score: float = 0.0
    name_score: float = 0.0

    @property
    def score(self) -> float:
        return self.message_score + self.subject_score + self.name_score

    def add_message(self, message_id, score):
        if self.message_id is None or score > self.message_score:
            self.message_id, self.message_score = message_id, score


@dataclass
class Result:
    ticket: object
    subject: SafeString
    passage: SafeString | None


@dataclass
class Found:
    results: list[Result] = field(default_factory=list)
    total: int = 0  # candidates found, at most the bound
    bounded: bool = False  # there may be more than `total`
    has_next: bool = False
    partial: bool = False  # found by the partial-word fallback


class TicketSearch:
    def __init__(self, user, text: str, tickets, *, narrowed: bool):
        self.user, self.text, self.tickets, self.narrowed = user, text, tickets, narrowed
        self.staff = is_desk_user(user)
        self.departments = search_departments(user)
        self.prefix = False
        self.candidates: dict[int, Candidate] = {}
        self.bounded = False

    def run(self, *, offset: int, size: int) -> Found:
        if not engine.words(self.text):
            return Found()
        self.collect()
        if not self.candidates:
            self.prefix = True
            self.collect()
        ranked = sorted(self.candidates.values(), key=lambda c: (-c.score, -c.ticket_id))
        shown = ranked[offset : offset + size]
        return Found(
            results=self.results(shown),
            total=len(ranked),
            bounded=self.bounded,
            has_next=len(ranked) > offset + size,
            partial=self.prefix,
        )

    def collect(self) -> None:
        self.collect_messages()
        self.collect_subjects()
        if self.staff and not self.prefix:
            self.collect_names()

    def candidate(self, ticket_id) -> Candidate:
        return self.candidates.setdefault(ticket_id, Candidate(ticket_id))

    def note_bound(self, rows) -> list:
        self.bounded = self.bounded or len(rows) >= CANDIDATES
        return rows

    def visible_messages(self):
        """The policies' scope; the list filters, when set, through the tickets."""
        messages = searchable_messages(self.user)
        return messages.filter(ticket__in=self.tickets.values("pk")) if self.narrowed else messages

    def collect_messages(self) -> None:
        matching = (
            self.visible_messages()
            .filter(self.matches("message"))
            .annotate(rank=engine.rank("message", self.text, prefix=self.prefix))
        )
        hits = engine.newest(matching, ["ticket_id", "id", "rank"], limit=CANDIDATES)
        for ticket_id, message_id, rank in self.note_bound(hits):
            self.candidate(ticket_id).add_message(message_id, rank or 0.0)

    def matches(self, source: str):
        return engine.matches(source, self.text, prefix=self.prefix, departments=self.departments)

    def subject_scope(self):
        """The tickets, with a staff member's departments also given as numbers: the
        search index holds the department beside the words and can use numbers, not
        the policy's sub-select (the same departments)."""
        if self.departments is not None:
            return self.tickets.filter(department_id__in=self.departments)
        return self.tickets

    def collect_subjects(self) -> None:
        matching = self.matches("ticket")
        if self.prefix:
            # Any part of a subject (trigram index): "acme-0" in "vps-acme-01 is down".
            matching = Q(matching) | Q(engine.contains("ticket", self.text))
        matching = (
            self.subject_scope()
            .filter(matching)
            .annotate(rank=engine.rank("ticket", self.text, prefix=self.prefix))
        )
        # A third as many tickets as messages: after the newest rows, all of them at once.
        hits = engine.newest(matching, ["id", "rank"], limit=CANDIDATES, windows=(None,))
        for ticket_id, rank in self.note_bound(hits):
            self.candidate(ticket_id).subject_score = SUBJECT_WEIGHT * (rank or NAME_SCORE)

    def collect_names(self) -> None:
        """Tickets of clients whose name or user's email contains the text, and tickets
        about services whose name does. Two bounded look-ups first, so a text that names
        nobody costs nothing on the tickets."""
        text = self.text
        client_ids = list(
            Client.objects.filter(Q(name__icontains=text) | Q(users__email__icontains=text))
            .order_by("id")
            .values_list("id", flat=True)
            .distinct()[:MAX_NAMES]
        )
        service_ids = list(
            Service.objects.filter(name__icontains=text).values_list("id", flat=True)[:MAX_NAMES]
        )
        if not client_ids and not service_ids:
            return
        hits = (
            self.tickets.filter(Q(client_id__in=client_ids) | Q(service_id__in=service_ids))
            .order_by("-id")
            .values_list("id", flat=True)[:CANDIDATES]
        )
        for ticket_id in self.note_bound(list(hits)):
            self.candidate(ticket_id).name_score = NAME_SCORE

    def results(self, shown: list[Candidate]) -> list[Result]:
        ids = [found.ticket_id for found in shown]
        tickets = self.tickets.filter(pk__in=ids).select_related("client", "department")
        tickets = tickets.annotate(
            passage=engine.passage("ticket", self.text, prefix=self.prefix)
        ).in_bulk()
        passages = self.message_passages([found.message_id for found in shown])
        return [
            Result(
                ticket=tickets[found.ticket_id],
                subject=self.subject_html(tickets[found.ticket_id]),
                passage=passages.get(found.message_id),
            )
            for found in shown
            if found.ticket_id in tickets
        ]

    def subject_html(self, ticket) -> SafeString:
        marked = ticket.passage if ticket.passage and engine.START in ticket.passage else None
        if marked is None and self.prefix:
            marked = mark_substring(ticket.subject, self.text, width=len(ticket.subject) + 1)
        return marked_html(marked or ticket.subject)

    def message_passages(self, message_ids) -> dict:
        ids = [message_id for message_id in message_ids if message_id]
        if not ids:
            return {}
        rows = (
            Message.objects.filter(pk__in=ids)
            .annotate(passage=engine.passage("message", self.text, prefix=self.prefix))
            .values_list("pk", "passage")
        )
        return {pk: marked_html(passage or "") for pk, passage in rows}


def search_tickets(
    user, text: str, tickets, *, narrowed: bool = False, offset: int = 0, size: int = 50
) -> Found:
    """Tickets of `tickets` (the user's scope, `narrowed` by the list filters or not)
    matching `text`."""
    search = TicketSearch(user, clean_query(text), tickets, narrowed=narrowed)
    return search.run(offset=offset, size=size)


def matching_ticket_ids(user, text: str, tickets, *, narrowed: bool = False) -> list[int]:
    """The tickets of the search's candidates (the newest matches of each source), for a
    list that narrows by text and keeps its own order (`/billmgr` `search=`)."""
    search = TicketSearch(user, clean_query(text), tickets, narrowed=narrowed)
    if not engine.words(search.text):
        return []
    search.collect()
    if not search.candidates:
        search.prefix = True
        search.collect()
    return list(search.candidates)

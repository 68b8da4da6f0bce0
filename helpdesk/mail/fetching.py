"""Fetching mail from IMAP and POP3 servers. Each message goes through the same import as
piped mail (`incoming.receive`, one transaction) and leaves the server folder only after
that transaction committed; a run that dies in between finds the message again next time,
and the Message-ID it was stored under makes the second import a no-op."""

import contextlib
import imaplib
import logging
import poplib
import ssl
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from helpdesk.mail import incoming
from helpdesk.mail.models import Mailbox

log = logging.getLogger(__name__)

BATCH = 200  # messages per mailbox per run; the rest wait a minute
TIMEOUT = 60
LEASE = timedelta(minutes=10)  # one run per mailbox at a time; a dead run's lease runs out
FETCH_ERRORS = (OSError, EOFError, imaplib.IMAP4.error, poplib.error_proto, ValueError)


def fetch_all() -> int:
    """Every enabled IMAP and POP3 mailbox once; the number of messages taken in."""
    methods = [Mailbox.Method.IMAP, Mailbox.Method.POP3]
    boxes = Mailbox.objects.filter(enabled=True, method__in=methods).order_by("pk")
    return sum(fetch_mailbox(mailbox) for mailbox in boxes)


def fetch_mailbox(mailbox) -> int:
    if not take_lease(mailbox):
        return 0
    taken, error = 0, ""
    try:
        with open_server(mailbox) as server:
            taken = import_all(mailbox, server)
    except FETCH_ERRORS as failure:
        error = f"{type(failure).__name__}: {failure}"
        log.warning("fetching %s failed: %s", mailbox, error)
    finally:
        Mailbox.objects.filter(pk=mailbox.pk).update(
            fetching_until=None, last_fetch_at=timezone.now(), last_error=error
        )
    return taken


def take_lease(mailbox) -> bool:
    now = timezone.now()
    free = Q(fetching_until__isnull=True) | Q(fetching_until__lt=now)
    return bool(Mailbox.objects.filter(free, pk=mailbox.pk).update(fetching_until=now + LEASE))


def import_all(mailbox, server) -> int:
    taken = 0
    for key in server.keys()[:BATCH]:
        raw = server.read(key)
        if import_one(mailbox, raw):
            server.done(key)
            taken += 1
        else:
            server.failed(key)
    return taken


def import_one(mailbox, raw: bytes) -> bool:
    """True once the mail is in the database (or known: duplicate, loop, junk)."""
    try:
        outcome = incoming.receive(mailbox, raw)
    except Exception:  # whatever it was, the mail goes to the error folder, not lost
        log.exception("a mail in %s could not be imported; it goes to %r", mailbox,
                      mailbox.error_folder)  # fmt: skip
        return False
    log.info("fetched a mail from %s: %s", mailbox, outcome)
    return True


def open_server(mailbox):
    if mailbox.method == Mailbox.Method.POP3:
        return Pop3Server(mailbox)
    return ImapServer(mailbox)


def tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


def quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


class ImapServer:
    """IMAP polling: the folder's messages by UID, each moved to the done or error folder
    (or deleted) once handled. BODY.PEEK leaves the \\Seen flag alone."""

    def __init__(self, mailbox):
        self.mailbox = mailbox
        self.created = set()

    def __enter__(self):
        box = self.mailbox
        if box.security == Mailbox.Security.TLS:
            self.imap = imaplib.IMAP4_SSL(
                box.host, box.port or 993, ssl_context=tls_context(), timeout=TIMEOUT
            )
        else:
            self.imap = imaplib.IMAP4(box.host, box.port or 143, timeout=TIMEOUT)
            if box.security == Mailbox.Security.STARTTLS:
                self.imap.starttls(ssl_context=tls_context())
        self.imap.login(box.login, box.password())
        self.check(self.imap.select(quoted(box.folder)))
        return self

    def __exit__(self, *exc):
        with contextlib.suppress(*FETCH_ERRORS):
            self.imap.logout()

    @staticmethod
    def check(answer):
        status, data = answer
        if status != "OK":
            raise imaplib.IMAP4.error(
                b" ".join(part for part in data if part).decode(errors="replace")
            )
        return data

    def keys(self) -> list[bytes]:
        [found] = self.check(self.imap.uid("SEARCH", None, "UNDELETED"))
        return found.split()

    def read(self, uid) -> bytes:
        data = self.check(self.imap.uid("FETCH", uid, "(BODY.PEEK[])"))
        return next(part[1] for part in data if isinstance(part, tuple))

    def done(self, uid) -> None:
        if self.mailbox.after_fetch == Mailbox.AfterFetch.DELETE:
            self.check(self.imap.uid("STORE", uid, "+FLAGS.SILENT", r"(\Deleted)"))
            self.expunge(uid)
        else:
            self.move(uid, self.mailbox.done_folder)

    def failed(self, uid) -> None:
        self.move(uid, self.mailbox.error_folder)

    def move(self, uid, folder) -> None:
        self.create(folder)
        if "MOVE" in self.imap.capabilities:
            self.check(self.imap.uid("MOVE", uid, quoted(folder)))
            return
        self.check(self.imap.uid("COPY", uid, quoted(folder)))
        self.check(self.imap.uid("STORE", uid, "+FLAGS.SILENT", r"(\Deleted)"))
        self.expunge(uid)

    def expunge(self, uid) -> None:
        if "UIDPLUS" in self.imap.capabilities:  # only this message, not others marked deleted
            self.check(self.imap.uid("EXPUNGE", uid))
        else:
            self.check(self.imap.expunge())

    def create(self, folder) -> None:
        if folder in self.created:
            return
        self.imap.create(quoted(folder))  # "already exists" is an answer, not a failure
        self.imap.subscribe(quoted(folder))
        self.created.add(folder)


class Pop3Server:
    """POP3 has one folder and no moving: handled mail is deleted (at QUIT, so a run that
    dies leaves everything on the server) or, with "move", left there, and mail that
    failed stays on the server for the next run; the reason is in the log."""

    def __init__(self, mailbox):
        self.mailbox = mailbox
        self.deleted = False

    def __enter__(self):
        box = self.mailbox
        if box.security == Mailbox.Security.TLS:
            self.pop = poplib.POP3_SSL(box.host, box.port or 995, context=tls_context(),
                                       timeout=TIMEOUT)  # fmt: skip
        else:
            self.pop = poplib.POP3(box.host, box.port or 110, timeout=TIMEOUT)
            if box.security == Mailbox.Security.STARTTLS:
                self.pop.stls(context=tls_context())
        self.pop.user(box.login)
        self.pop.pass_(box.password())
        return self

    def __exit__(self, exc_type, *exc):
        if exc_type is None:
            self.pop.quit()  # deletions take effect only here
        else:
            self.pop.close()

    def keys(self) -> list[int]:
        _response, listing, _octets = self.pop.list()
        return [int(line.split()[0]) for line in listing]

    def read(self, number) -> bytes:
        _response, lines, _octets = self.pop.retr(number)
        return b"\r\n".join(lines) + b"\r\n"

    def done(self, number) -> None:
        if self.mailbox.after_fetch == Mailbox.AfterFetch.DELETE:
            self.pop.dele(number)

    def failed(self, number) -> None:
        pass

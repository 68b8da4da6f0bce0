"""The mail channel's periodic work, queued by `helpdesk_maintenance` every minute."""

from django_tasks import task

from helpdesk.mail import fetching, outgoing


@task()
def fetch_all_mail() -> int:
    """Poll every enabled IMAP and POP3 mailbox once."""
    return fetching.fetch_all()


@task()
def send_due_mail() -> int:
    """Send again every notification whose pause after a failure is over."""
    return outgoing.send_due()

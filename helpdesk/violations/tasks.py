"""The abuse process's periodic work, queued by `manage.py helpdesk_maintenance`."""

from django_tasks import task

from helpdesk.violations.actions import apply_due_cases


@task()
def apply_abuse_deadlines(now=None) -> int:
    """Apply the action of every case whose deadline passed without an answer. `now` is for
    tests that simulate the clock; the worker passes nothing."""
    return apply_due_cases(now)

"""What the desk's pages poll: the tickets changed since the last look (the live lists and
browser notifications), and, on a ticket's page, who else has it open and what was
written since it was shown."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from helpdesk import clock
from helpdesk.ids import MAX_ID
from helpdesk.numbers import parse_whole
from helpdesk.tickets import live
from helpdesk.tickets.policies import access_ticket


@require_GET
@role_required(Role.ADMIN)
def ticket_changes(request):
    """The visible tickets changed since `since` (a stamp from the page or the previous
    answer), with the stamp to ask from next time. Without a readable `since`, only that
    stamp: the caller starts from now."""
    now = clock.now()
    since = live.from_stamp(request.GET.get("since"))
    changes = [] if since is None else live.changes_since(request.user, min(since, now))
    return JsonResponse({"now": live.stamp(now), "changes": changes})


@require_POST
@role_required(Role.ADMIN)
def ticket_watch(request, ticket_id):
    """The ticket's page is open (every 10 s; `left=1` when it closes): note it, and answer
    who else has it open and which messages came after `seen_message_id`."""
    ticket = access_ticket(request.user, ticket_id, to="work")
    if request.POST.get("left") == "1":
        live.forget_viewer(ticket, request.user)
        return JsonResponse({"viewers": [], "new_messages": []})
    live.note_viewer(ticket, request.user, typing=request.POST.get("typing") == "1")
    seen = parse_whole(request.POST.get("seen_message_id", ""))
    newer = [] if seen is None or seen > MAX_ID else live.messages_after(ticket, seen)
    return JsonResponse(
        {"viewers": live.other_viewers(ticket, request.user), "new_messages": newer}
    )

"""The client's side of the abuse process: which services are suspended and why, and the
open cases with their deadline for an answer."""

from django.db.models import OuterRef, Subquery
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.decorators import role_required
from accounts.roles import Role
from helpdesk.paging import Page
from helpdesk.tickets.models import ServiceStatusChange
from helpdesk.tickets.policies import client_services
from helpdesk.violations.policies import client_open_cases

PAGE_SIZE = 50


@require_GET
@role_required(Role.USER)
def services(request):
    last_change = ServiceStatusChange.objects.filter(service=OuterRef("pk")).order_by("-id")
    rows = client_services(request.user).annotate(
        status_reason=Subquery(last_change.values("reason")[:1]),
        status_changed_at=Subquery(last_change.values("changed_at")[:1]),
    )
    page = Page.read(request.GET.get("page"), sizes=(PAGE_SIZE,), default_size=PAGE_SIZE)
    found, has_next = page.slice(rows.order_by("name", "id"))
    cases = client_open_cases(request.user).select_related("ticket", "service")
    context = {"services": found, "page": page, "has_next": has_next,
               "cases": list(cases.order_by("deadline")[:PAGE_SIZE])}  # fmt: skip
    return render(request, "portal/violations/services.html", context)

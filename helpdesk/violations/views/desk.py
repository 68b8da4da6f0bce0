"""The desk's abuse process: a case from a ticket (`show_abuse`) or from the Abuse section,
the list of cases, one case (finish, extend, apply now) and resuming a service. Actions that
suspend services show what exactly they will suspend and wait for a confirmation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import role_required
from accounts.models import Client
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.errors import ActionError, add_action_error
from helpdesk.paging import Keyset, keyset_page, page_size
from helpdesk.tickets.models import Service
from helpdesk.tickets.policies import access_ticket, staff_departments
from helpdesk.violations import actions
from helpdesk.violations.forms import (
    CaseFilterForm,
    ExtendForm,
    NewCaseForm,
    ResumeForm,
    ViolationForm,
)
from helpdesk.violations.policies import (
    access_case,
    access_service,
    can_register_violation,
    visible_cases,
)

PAGE_SIZES = (25, 50, 100)
DEFAULT_PAGE_SIZE = 50
NEWEST_FIRST = Keyset("id", descending=True)


def confirmation(request, *, services, what, back):
    """The page that says exactly what will be suspended; its form posts the same values
    again with `confirmed`."""
    resend = [(name, value) for name, value in request.POST.items()
              if name not in ("csrfmiddlewaretoken", "form_token", "confirmed")]  # fmt: skip
    page = {"services": services, "what": what, "resend": resend, "back": back}
    return render(request, "desk/violations/confirm.html", page)


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def show_abuse(request, ticket_id):
    ticket = access_ticket(request.user, ticket_id, to="work")
    if not can_register_violation(request.user, ticket):
        raise PermissionDenied
    form = ViolationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        if form.needs_confirmation():
            hit = actions.would_suspend(data["action"], ticket.client_id, ticket.service_id)
            return confirmation(request, services=hit, what=ticket, back=request.path)
        try:
            case = actions.register_violation(
                ticket, by=request.user, score=data["score"], note=data["score_note"],
                action=data["action"], deadline=data.get("deadline"),
                message=data["client_message"],
            )  # fmt: skip
        except ActionError as error:
            add_action_error(form, error, form.aliases)
        else:
            messages.success(request, registered(case))
            return redirect("desk:ticket_edit", ticket.pk)
    page = {"ticket": ticket, "form": form, "score": actions.client_score(ticket.client)}
    status = 400 if form.is_bound else 200
    return render(request, "desk/violations/show_abuse.html", page, status=status)


def registered(case) -> str:
    return _("Violation registered. %(client)s now has %(score)s violation points.") % {
        "client": case.client,
        "score": actions.client_score(case.client),
    }


@require_GET
@role_required(Role.ADMIN)
def abuse_list(request):
    """Cases newest first, filtered by status and client name, one page at a time."""
    form = CaseFilterForm(request.GET or None)
    cases = visible_cases(request.user)
    if form.is_valid():
        if form.cleaned_data["status"]:
            cases = cases.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["client"].strip():
            cases = cases.filter(client__name__icontains=form.cleaned_data["client"].strip())
    size = page_size(request.GET.get("size"), sizes=PAGE_SIZES, default=DEFAULT_PAGE_SIZE)
    rows = cases.select_related("ticket", "client", "created_by", "service")
    found, pages = keyset_page(NEWEST_FIRST, rows, request.GET, size=size, sizes=PAGE_SIZES)
    context = {"form": form, "cases": found, **pages}
    return render(request, "desk/violations/abuse_list.html", context)


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def abuse_new(request):
    departments = staff_departments(request.user).select_related("provider")
    form = NewCaseForm(request.POST if request.method == "POST" else None,
                       departments=departments)  # fmt: skip

    def open_case(client, service):
        return actions.open_abuse_case(by=request.user, **case_of(form, client, service))

    return new_case_page(request, form, open_case, "desk/violations/abuse_new.html")


def new_case_page(request, form, open_case, template, context=None):
    """The new-case form's flow, here and for a mailed complaint: name the client (and
    service), confirm what would be suspended, then `open_case(client, service)`."""
    if form.is_valid():
        try:
            client, service = client_and_service(form.cleaned_data)
            if form.needs_confirmation():
                hit = actions.would_suspend(form.cleaned_data["action"], client.pk,
                                            service.pk if service else None)  # fmt: skip
                return confirmation(request, services=hit, what=client, back=request.path)
            case = open_case(client, service)
        except ActionError as error:
            add_action_error(form, error, form.aliases)
        else:
            messages.success(request, registered(case))
            return redirect("desk:abuse_case", case.pk)
    status = 400 if form.is_bound else 200
    return render(request, template, {"form": form, **(context or {})}, status=status)


def client_and_service(data):
    client = Client.objects.filter(pk=data["client"]).first()
    if client is None:
        raise ActionError(_("There is no client with this number."), field="client")
    service = None
    if data["service"]:
        service = Service.objects.filter(pk=data["service"], client=client).first()
        if service is None:
            raise ActionError(_("The client has no service with this number."),
                              field="service")  # fmt: skip
    return client, service


def case_of(form, client, service) -> dict:
    """The new-case form's answers as `open_abuse_case` takes them."""
    data = form.cleaned_data
    return {"client": client, "service": service, "subject": data["subject"],
            "message": data["client_message"], "department": data["department"],
            "score": data["score"], "note": data["score_note"], "action": data["action"],
            "deadline": data.get("deadline")}  # fmt: skip


@require_GET
@role_required(Role.ADMIN)
def abuse_case(request, case_id):
    return render_case(request, access_case(request.user, case_id))


def render_case(request, case, *, extend_form=None, status=200):
    page = {
        "case": case,
        "extend_form": extend_form or ExtendForm(),
        "score": actions.client_score(case.client),
        "would_suspend": actions.would_suspend(case.action, case.client_id, case.service_id),
    }
    return render(request, "desk/violations/abuse_case.html", page, status=status)


@require_POST
@role_required(Role.ADMIN)
@submit_once
def abuse_finish(request, case_id):
    case = access_case(request.user, case_id)
    actions.finish_cases([case], by=request.user)
    messages.success(request, _("Case #%(id)s finished.") % {"id": case.pk})
    return redirect("desk:abuse_case", case.pk)


@require_POST
@role_required(Role.ADMIN)
@submit_once
def abuse_extend(request, case_id):
    case = access_case(request.user, case_id)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            actions.extend_deadline(case, by=request.user, deadline=form.cleaned_data["deadline"])
        except ActionError as error:
            add_action_error(form, error, {"deadline": "deadline_date", "elid": None})
        else:
            messages.success(request, _("The deadline was moved."))
            return redirect("desk:abuse_case", case.pk)
    return render_case(request, case, extend_form=form, status=400)


@require_POST
@role_required(Role.ADMIN)
@submit_once
def abuse_apply(request, case_id):
    case = access_case(request.user, case_id)
    if case.suspends and request.POST.get("confirmed") != "on" and case.is_open:
        hit = actions.would_suspend(case.action, case.client_id, case.service_id)
        return confirmation(request, services=hit, what=case.client, back=request.path)
    try:
        actions.apply_now(case, by=request.user)
    except ActionError as error:
        messages.error(request, error.message)
        return render_case(request, case, status=400)
    messages.success(request, _("The action of case #%(id)s was applied.") % {"id": case.pk})
    return redirect("desk:abuse_case", case.pk)


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def service_resume(request, service_id):
    service = access_service(request.user, service_id)
    form = ResumeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            actions.resume_service(service, by=request.user, reason=form.cleaned_data["reason"])
        except ActionError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("%(name)s is active again.") % {"name": service.name})
            return redirect("desk:abuse_list")
    page = {
        "service": service,
        "form": form,
        "last_change": service.status_changes.select_related("changed_by").first(),
    }
    status = 400 if form.is_bound else 200
    return render(request, "desk/violations/service_resume.html", page, status=status)

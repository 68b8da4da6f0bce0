"""Unmatched mail on the desk, /desk/mail/unmatched/: the list, and per mail the two ways
out (a client's ticket, or the bin)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import role_required
from accounts.policies import searchable_clients
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.errors import ActionError
from helpdesk.ids import is_possible_id
from helpdesk.mail import actions
from helpdesk.mail.policies import visible_unmatched
from helpdesk.paging import Keyset, keyset_page
from helpdesk.tickets.policies import staff_departments
from helpdesk.violations.forms import NewCaseForm
from helpdesk.violations.views.desk import case_of, new_case_page

PAGE_SIZE = 50
NEWEST_FIRST = Keyset("received_at", descending=True)


@require_GET
@role_required(Role.ADMIN)
def unmatched_list(request):
    return list_page(request)


def list_page(request, status=200):
    rows = visible_unmatched(request.user).select_related("mailbox").defer("raw")
    found, pages = keyset_page(NEWEST_FIRST, rows, request.GET, size=PAGE_SIZE)
    context = {"mails": found, **pages}
    return render(request, "desk/mail/unmatched_list.html", context, status=status)


def visible_mail(request, mail_id):
    if not is_possible_id(mail_id):
        return None
    rows = visible_unmatched(request.user).select_related("mailbox__department")
    return rows.filter(pk=mail_id).first()


@require_POST
@role_required(Role.ADMIN)
@submit_once
def unmatched_attach(request, mail_id):
    mail = visible_mail(request, mail_id)
    client_id = request.POST.get("client", "").strip()
    clients = searchable_clients(request.user)
    client = is_possible_id(client_id) and clients.filter(pk=int(client_id)).first()
    try:
        if mail is None:
            raise ActionError(_("This mail was already handled."))
        if not client:
            raise ActionError(_("Give the number of an existing client."), field="client")
        ticket = actions.attach_to_client(mail, client=client, by=request.user)
    except ActionError as error:
        messages.error(request, error.message)
        return render_list_again(request)
    messages.success(request, _("Ticket #%(id)s was opened from the mail.") % {"id": ticket.pk})
    return redirect("desk:unmatched_list")


@require_POST
@role_required(Role.ADMIN)
@submit_once
def unmatched_discard(request, mail_id):
    mail = visible_mail(request, mail_id)
    try:
        if mail is None:
            raise ActionError(_("This mail was already handled."))
        actions.discard(mail)
    except ActionError as error:
        messages.error(request, error.message)
        return render_list_again(request)
    messages.success(request, _("The mail was discarded."))
    return redirect("desk:unmatched_list")


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def unmatched_abuse(request, mail_id):
    """A complaint to the abuse mailbox: staff name the client (and service) it is about and
    open the case with the same form, checks and confirmation as the Abuse section."""
    mail = visible_mail(request, mail_id)
    if mail is None or not mail.mailbox.is_abuse:
        messages.error(request, _("This mail was already handled."))
        return redirect("desk:unmatched_list")
    departments = staff_departments(request.user).select_related("provider")
    data = request.POST if request.method == "POST" else None
    form = NewCaseForm(data, departments=departments, initial=case_initial(mail))

    def open_case(client, service):
        case = case_of(form, client, service)
        return actions.open_abuse_case_from(mail, by=request.user, **case)

    template = "desk/mail/unmatched_abuse.html"
    return new_case_page(request, form, open_case, template, {"mail": mail})


def case_initial(mail) -> dict:
    quoted = "\n".join(f"> {line}" for line in mail.body.strip().splitlines()[:60])
    text = _("We received a complaint about your service:") + f"\n\n{quoted}\n\n"
    text += _("Please explain or fix it before the deadline.")
    return {"subject": mail.subject or _("Abuse complaint"), "client_message": text,
            "department": mail.mailbox.department_id}  # fmt: skip


def render_list_again(request):
    return list_page(request, status=400)

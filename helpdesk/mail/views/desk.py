"""Unmatched mail on the desk, /desk/mail/unmatched/: the list, and per mail the two ways
out (a client's ticket, or the bin)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import role_required
from accounts.policies import searchable_clients
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.errors import ActionError
from helpdesk.ids import is_possible_id
from helpdesk.mail import actions
from helpdesk.mail.policies import visible_unmatched
from helpdesk.paging import Page

PAGE_SIZE = 50


@require_GET
@role_required(Role.ADMIN)
def unmatched_list(request):
    return list_page(request)


def list_page(request, status=200):
    page = Page.read(request.GET.get("page"), sizes=(PAGE_SIZE,), default_size=PAGE_SIZE)
    rows = visible_unmatched(request.user).select_related("mailbox").defer("raw")
    mails, has_next = page.slice(rows)
    context = {"mails": mails, "page": page, "has_next": has_next}
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


def render_list_again(request):
    return list_page(request, status=400)

"""The desk's reply templates: the list (with moving up and down), creating, changing and
deleting them, and one template filled in for a ticket, for the picker above the reply box.
Who sees and manages which template is the policies' answer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import role_required
from accounts.roles import Role
from accounts.submit_once import submit_once
from helpdesk.errors import ActionError, add_action_error
from helpdesk.ids import is_possible_id
from helpdesk.replies import actions
from helpdesk.replies.forms import ReplyTemplateForm
from helpdesk.replies.policies import can_manage_template, templates_for_ticket, visible_templates
from helpdesk.replies.variables import TICKET_COLUMNS, VARIABLES
from helpdesk.replies.variables import render as fill_in
from helpdesk.tickets.policies import access_ticket

MAX_LISTED = 500


@require_GET
@role_required(Role.ADMIN)
def template_render(request, template_id, ticket_id):
    ticket = access_ticket(request.user, ticket_id, to="work", columns=TICKET_COLUMNS)
    if not is_possible_id(template_id):
        raise Http404
    template = templates_for_ticket(request.user, ticket).filter(pk=template_id).first()
    if template is None:
        raise Http404
    return JsonResponse({"text": fill_in(template.body, ticket=ticket, staff=request.user)})


@require_GET
@role_required(Role.ADMIN)
def reply_template_list(request):
    user = request.user
    templates = visible_templates(user).select_related("department", "provider", "owner")
    rows = [
        {"template": each, "may_manage": can_manage_template(user, each)}
        for each in templates[:MAX_LISTED]
    ]
    return render(request, "desk/replies/reply_template_list.html", {"rows": rows})


def managed_template(user, template_id):
    """A template the user sees (else 404) and manages (else 403)."""
    template = visible_templates(user).filter(pk=template_id).first()
    if template is None:
        raise Http404
    if not can_manage_template(user, template):
        raise PermissionDenied
    return template


def template_form_page(request, template=None):
    user = request.user
    initial = ReplyTemplateForm.initial_of(template) if template else {"scope": "personal"}
    data = request.POST if request.method == "POST" else None
    form = ReplyTemplateForm(data, initial=initial, user=user)
    if form.is_valid():
        try:
            saved = actions.save_template(
                user, template, name=form.cleaned_data["name"], body=form.cleaned_data["body"],
                scope=form.cleaned_data["scope"], department=form.cleaned_data["department"],
                provider=form.cleaned_data["provider"],
            )  # fmt: skip
        except ActionError as error:
            add_action_error(form, error, form.aliases)
        else:
            messages.success(request, _("Template “%(name)s” saved.") % {"name": saved.name})
            return redirect("desk:reply_template_list")
    page = {"form": form, "template": template, "variables": list(VARIABLES)}
    status = 400 if form.is_bound else 200
    return render(request, "desk/replies/reply_template_edit.html", page, status=status)


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def reply_template_new(request):
    return template_form_page(request)


@require_http_methods(["GET", "POST"])
@role_required(Role.ADMIN)
@submit_once
def reply_template_edit(request, template_id):
    return template_form_page(request, managed_template(request.user, template_id))


@require_POST
@role_required(Role.ADMIN)
@submit_once
def reply_template_delete(request, template_id):
    template = managed_template(request.user, template_id)
    actions.delete_templates(request.user, [template])
    messages.success(request, _("Template “%(name)s” deleted.") % {"name": template.name})
    return redirect("desk:reply_template_list")


@require_POST
@role_required(Role.ADMIN)
@submit_once
def reply_template_move(request, template_id):
    """One place up or down among the templates the user sees."""
    template = managed_template(request.user, template_id)
    actions.move_template(request.user, template, up=request.POST.get("direction") != "down")
    return redirect("desk:reply_template_list")

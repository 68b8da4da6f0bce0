"""Writing reply templates: create or change, delete, move up or down. The caller fetched
the template through `visible_templates`; these check what the user may own."""

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from helpdesk.errors import ActionError
from helpdesk.messages.actions import clean_body
from helpdesk.replies.models import ReplyTemplate
from helpdesk.replies.policies import can_manage_template, scope_refusal, visible_templates
from helpdesk.replies.variables import check_variables

Scope = ReplyTemplate.Scope


def clean_name(name) -> str:
    name = " ".join(str(name or "").replace("\x00", "").split())
    if not name:
        raise ActionError(_("Give the template a name."), field="name")
    if len(name) > 100:
        raise ActionError(_("The name is too long (at most 100 characters)."), field="name")
    return name


def clean_scope(scope, department):
    if scope not in Scope.values:
        raise ActionError(_("Choose common, department or personal."), field="template_type")
    if scope == Scope.DEPARTMENT and department is None:
        raise ActionError(_("Choose the department of the template."), field="department")
    return department if scope == Scope.DEPARTMENT else None


@transaction.atomic
def save_template(
    user, template=None, *, name, body, scope, department=None, provider=None
) -> ReplyTemplate:
    """Create a template (without `template`) or change one the user manages."""
    if template is not None:
        template = ReplyTemplate.objects.select_for_update().get(pk=template.pk)
        refuse_unless_manager(user, template)
    fields = {
        "name": clean_name(name),
        "body": clean_body(body),
        "department": clean_scope(scope, department),
        "scope": scope,
        "provider": provider,
    }
    check_variables(fields["body"])
    owner_id = user.pk if template is None else template.owner_id
    refusal = scope_refusal(user, scope, getattr(fields["department"], "pk", None), owner_id)
    if refusal:
        raise ActionError(refusal, code="access", field="template_type")
    if template is None:
        template = ReplyTemplate(owner=user, order=next_order())
    for field, value in fields.items():
        setattr(template, field, value)
    template.save()
    return template


def next_order() -> int:
    return (ReplyTemplate.objects.aggregate(top=Max("order"))["top"] or 0) + 1


def refuse_unless_manager(user, template) -> None:
    if not can_manage_template(user, template):
        raise ActionError(
            _("You may not change the template %(name)s.") % {"name": template.name},
            code="access",
            field="elid",
        )


@transaction.atomic
def delete_templates(user, templates) -> int:
    for template in templates:
        refuse_unless_manager(user, template)
    return ReplyTemplate.objects.filter(pk__in=[t.pk for t in templates]).delete()[0]


@transaction.atomic
def move_template(user, template, *, up: bool) -> None:
    """Swap places with the neighbour the user sees above (or below) it."""
    template = ReplyTemplate.objects.select_for_update().get(pk=template.pk)
    refuse_unless_manager(user, template)
    order, pk = template.order, template.pk
    if up:
        before = Q(order__lt=order) | Q(order=order, id__lt=pk)
        neighbour = visible_templates(user).filter(before).order_by("-order", "-id").first()
    else:
        after = Q(order__gt=order) | Q(order=order, id__gt=pk)
        neighbour = visible_templates(user).filter(after).order_by("order", "id").first()
    if neighbour is None:
        return
    if neighbour.order == order:  # a tie sorted by id: step past it
        template.order += -1 if up else 1
        template.save(update_fields=["order"])
        return
    template.order, neighbour.order = neighbour.order, order
    ReplyTemplate.objects.bulk_update([template, neighbour], ["order"])

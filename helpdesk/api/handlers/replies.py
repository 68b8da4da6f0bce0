"""Pre-defined replies (`anstempl`): list, view/create/change, delete, move up and down.
Templates are fetched through `visible_templates`: one the caller may not see answers
`missed`."""

from helpdesk.api import lookups
from helpdesk.api.nodes import slist
from helpdesk.api.registry import STAFF, function
from helpdesk.api.wire import ok, text
from helpdesk.replies import actions
from helpdesk.replies.models import ReplyTemplate
from helpdesk.replies.policies import visible_templates
from helpdesk.tickets.models import Provider
from helpdesk.tickets.policies import assignable_departments

MAX_ROWS = 1000
MAX_CHOICES = 500


def template_elem(template) -> dict:
    return {
        "id": text(template.pk),
        "name": text(template.name),
        "project": text(template.provider.name if template.provider else ""),
        "template_type": text(template.scope),
        "department": text(template.department.name if template.department else ""),
        "orderpriority": text(template.order),
    }


@function("anstempl", who=STAFF)
def template_list(call):
    templates = visible_templates(call.user).select_related("provider", "department")
    return {"elem": [template_elem(each) for each in templates[:MAX_ROWS]]}


def found_templates(call) -> list:
    numbers = call.ids("elid")
    return lookups.all_found(visible_templates(call.user).filter(pk__in=numbers), numbers, "elid")


@function("anstempl.edit", who=STAFF)
def template_edit(call):
    """Without sok: the template named by elid (or an empty form). With sok=ok: save it."""
    template = None
    if call.get("elid").strip():
        call.id("elid")  # exactly one
        template = found_templates(call)[0]
    if not call.committing:
        return template_form(call.user, template)
    saved = actions.save_template(
        call.user, template,
        name=call.get("name"), body=call.get("message"),
        scope=call.get("template_type").strip() or ReplyTemplate.Scope.PERSONAL,
        department=lookups.optional(call, "department", assignable_departments(call.user)),
        provider=lookups.optional(call, "project", Provider.objects.all()),
    )  # fmt: skip
    return ok(id=text(saved.pk))


def template_form(user, template) -> dict:
    values = {"name": "", "message": "", "template_type": "personal", "department": "",
              "project": "", "elid": ""}  # fmt: skip
    if template is not None:
        values.update(
            elid=template.pk, name=template.name, message=template.body,
            template_type=template.scope, department=template.department_id or "",
            project=template.provider_id or "",
        )  # fmt: skip
    departments = assignable_departments(user)[:MAX_CHOICES]
    return {
        **{name: text(value) for name, value in values.items()},
        "slist": [
            slist("template_type", ReplyTemplate.Scope.choices),
            slist("department", [(each.pk, str(each)) for each in departments]),
            slist("project", [(p.pk, p.name) for p in Provider.objects.all()[:MAX_CHOICES]]),
        ],
    }


@function("anstempl.delete", who=STAFF)
def template_delete(call):
    actions.delete_templates(call.user, found_templates(call))
    return ok()


def move(call, *, up):
    call.id("elid")  # exactly one
    actions.move_template(call.user, found_templates(call)[0], up=up)
    return ok()


@function("anstempl.up", who=STAFF)
def template_up(call):
    return move(call, up=True)


@function("anstempl.down", who=STAFF)
def template_down(call):
    return move(call, up=False)

"""anstempl, anstempl.edit, anstempl.delete, anstempl.up, anstempl.down over /billmgr."""

import pytest

from helpdesk.replies.models import ReplyTemplate
from tests.factories import ReplyTemplateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def templates(root, staff, staff2, tech, sales):
    return {
        "common": ReplyTemplateFactory(name="Common", owner=root, scope="common"),
        "tech": ReplyTemplateFactory(name="Tech", owner=root, scope="department", department=tech),
        "sales": ReplyTemplateFactory(
            name="Sales", owner=staff2, scope="department", department=sales
        ),
        "mine": ReplyTemplateFactory(name="Mine", owner=staff, scope="personal"),
        "theirs": ReplyTemplateFactory(name="Theirs", owner=staff2, scope="personal"),
    }


def names(answer):
    return [elem["name"]["$"] for elem in answer.elems]


def test_list_shows_only_what_the_staff_member_may_see(api, staff, templates):
    answer = api("anstempl", as_user=staff)
    assert names(answer) == ["Common", "Tech", "Mine"]
    tech = answer.elems[1]
    assert tech["template_type"]["$"] == "department"
    assert tech["department"]["$"] == "Technical support"
    assert set(tech) >= {"id", "name", "project", "template_type", "department", "orderpriority"}


def test_root_sees_every_template(api, root, templates):
    assert len(api("anstempl", as_user=root).elems) == 5


def test_clients_may_not_call_it(api, client_user, templates):
    assert api("anstempl", as_user=client_user).error_kind()[0] == "access"


def test_edit_without_sok_shows_a_visible_template(api, staff, templates):
    doc = api("anstempl.edit", as_user=staff, elid=templates["tech"].pk).doc
    assert doc["name"]["$"] == "Tech"
    assert doc["message"]["$"] == templates["tech"].body


@pytest.mark.parametrize(
    "func", ["anstempl.edit", "anstempl.delete", "anstempl.up", "anstempl.down"]
)
def test_another_departments_template_is_missed(api, staff, templates, func):
    for key in ("sales", "theirs"):
        answer = api(func, as_user=staff, post=True, elid=templates[key].pk)
        assert answer.error_kind() == ("missed", "elid")
    assert ReplyTemplate.objects.count() == 5


def test_staff_create_a_department_template(api, staff, tech):
    answer = api(
        "anstempl.edit", as_user=staff, post=True, sok="ok", name="Outage",
        message="Dear {client.name}, we are on it.", template_type="department",
        department=tech.pk,
    )  # fmt: skip
    created = ReplyTemplate.objects.get(pk=answer.doc["id"]["$"])
    assert (created.scope, created.department, created.owner) == ("department", tech, staff)


def test_staff_may_not_create_for_another_department(api, staff, sales):
    answer = api(
        "anstempl.edit", as_user=staff, post=True, sok="ok", name="X", message="x",
        template_type="department", department=sales.pk,
    )  # fmt: skip
    assert answer.error_kind() == ("access", "template_type")
    assert not ReplyTemplate.objects.exists()


def test_only_root_creates_common_templates(api, staff, root):
    params = {"sok": "ok", "name": "All", "message": "x", "template_type": "common"}
    assert api("anstempl.edit", as_user=staff, post=True, **params).error_kind()[0] == "access"
    assert api("anstempl.edit", as_user=root, post=True, **params).error is None
    assert ReplyTemplate.objects.filter(scope="common").count() == 1


def test_unknown_variable_is_refused_and_nothing_saved(api, staff, templates):
    mine = templates["mine"]
    answer = api(
        "anstempl.edit", as_user=staff, post=True, sok="ok", elid=mine.pk, name="Mine",
        message="Hi {client.__class__}", template_type="personal",
    )  # fmt: skip
    assert answer.error_kind() == ("value", "message")
    answer = api(
        "anstempl.edit", as_user=staff, post=True, sok="ok", elid=mine.pk, name="Mine",
        message="Hi {ticket.secret}", template_type="personal",
    )  # fmt: skip
    assert answer.error_kind() == ("value", "message")
    mine.refresh_from_db()
    assert mine.body == "Hello {user.first_name}, about #{ticket.id}."


def test_change_keeps_the_owner(api, staff, templates):
    tech = templates["tech"]
    answer = api(
        "anstempl.edit", as_user=staff, post=True, sok="ok", elid=tech.pk, name="Tech 2",
        message="{staff.first_name} here", template_type="department",
        department=tech.department_id,
    )  # fmt: skip
    assert answer.error is None
    tech.refresh_from_db()
    assert (tech.name, tech.body, tech.owner.username) == (
        "Tech 2",
        "{staff.first_name} here",
        "root",
    )


def test_staff_may_not_change_a_common_template(api, staff, templates):
    common = templates["common"]
    answer = api(
        "anstempl.edit", as_user=staff, post=True, sok="ok", elid=common.pk, name="Hacked",
        message="x", template_type="common",
    )  # fmt: skip
    assert answer.error_kind()[0] == "access"
    common.refresh_from_db()
    assert common.name == "Common"


def test_delete(api, staff, templates):
    assert api("anstempl.delete", as_user=staff, post=True, elid=templates["mine"].pk).error is None
    assert not ReplyTemplate.objects.filter(pk=templates["mine"].pk).exists()
    answer = api("anstempl.delete", as_user=staff, post=True, elid=templates["common"].pk)
    assert answer.error_kind()[0] == "access"
    assert ReplyTemplate.objects.filter(pk=templates["common"].pk).exists()


def test_up_and_down_swap_with_the_visible_neighbour(api, staff, templates):
    api("anstempl.up", as_user=staff, post=True, elid=templates["mine"].pk)
    assert names(api("anstempl", as_user=staff)) == ["Common", "Mine", "Tech"]
    api("anstempl.down", as_user=staff, post=True, elid=templates["mine"].pk)
    assert names(api("anstempl", as_user=staff)) == ["Common", "Tech", "Mine"]


def test_junk_ids_answer_value_errors(api, staff, templates):
    assert api("anstempl.up", as_user=staff, post=True, elid="1,2").error_kind()[0] == "value"
    assert api("anstempl.delete", as_user=staff, post=True, elid="x").error_kind()[0] == "value"


def test_changing_another_staff_members_template_with_sok_is_missed(api, staff, templates):
    for key in ("sales", "theirs"):
        answer = api(
            "anstempl.edit", as_user=staff, post=True, sok="ok", elid=templates[key].pk,
            name="Taken", message="x", template_type="personal",
        )  # fmt: skip
        assert answer.error_kind() == ("missed", "elid")
    assert not ReplyTemplate.objects.filter(name="Taken").exists()


def test_staff_may_not_move_their_departments_template_to_another(api, staff, templates, sales):
    tech = templates["tech"]
    answer = api(
        "anstempl.edit", as_user=staff, post=True, sok="ok", elid=tech.pk, name="Tech",
        message="x", template_type="department", department=sales.pk,
    )  # fmt: skip
    assert answer.error_kind() == ("access", "template_type")
    tech.refresh_from_db()
    assert tech.department.name == "Technical support"


def test_staff_may_not_turn_their_template_into_one_for_everyone(api, staff, templates):
    mine = templates["mine"]
    answer = api(
        "anstempl.edit", as_user=staff, post=True, sok="ok", elid=mine.pk, name="Mine",
        message="x", template_type="common",
    )  # fmt: skip
    assert answer.error_kind()[0] == "access"
    assert ReplyTemplate.objects.get(pk=mine.pk).scope == "personal"


def test_a_delete_naming_one_missed_template_deletes_none(api, staff, templates):
    both = f"{templates['mine'].pk}, {templates['sales'].pk}"
    assert api("anstempl.delete", as_user=staff, post=True, elid=both).error_kind()[0] == "missed"
    assert ReplyTemplate.objects.count() == 5


def test_staff_may_not_reorder_a_template_for_everyone(api, staff, templates):
    before = list(ReplyTemplate.objects.values_list("id", "order"))
    answer = api("anstempl.down", as_user=staff, post=True, elid=templates["common"].pk)
    assert answer.error_kind()[0] == "access"
    assert list(ReplyTemplate.objects.values_list("id", "order")) == before


def test_leaving_a_department_hides_its_templates(api, staff, templates, tech):
    tech.members.remove(staff)
    assert names(api("anstempl", as_user=staff)) == ["Common", "Mine"]
    answer = api("anstempl.edit", as_user=staff, elid=templates["tech"].pk)
    assert answer.error_kind() == ("missed", "elid")


def test_root_changes_and_deletes_any_template(api, root, templates):
    theirs = templates["theirs"]
    answer = api(
        "anstempl.edit", as_user=root, post=True, sok="ok", elid=theirs.pk, name="Checked",
        message="x", template_type="personal",
    )  # fmt: skip
    assert answer.error is None
    assert ReplyTemplate.objects.get(pk=theirs.pk).owner.username == "staff2"
    assert api("anstempl.delete", as_user=root, post=True, elid=templates["sales"].pk).error is None
    assert ReplyTemplate.objects.count() == 4

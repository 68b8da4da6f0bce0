"""The desk's reply template pages: list, create, change, delete, reorder. Staff manage
their own and their departments' templates, root all of them; unknown variables are
refused when saving. Through HTTP, as staff use them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helpdesk.replies.models import ReplyTemplate
from tests.desk.conftest import once
from tests.factories import ReplyTemplateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, staff):
    client.force_login(staff)
    return client


def names(client) -> list[str]:
    html = client.get("/desk/replies/").content.decode()
    return [t.name for t in ReplyTemplate.objects.order_by("order", "id") if t.name in html]


def new(client, **data):
    fields = {"name": "Restarted", "body": "Hello {client.name}", "scope": "personal",
              "department": "", "provider": "", **data}  # fmt: skip
    return client.post("/desk/replies/new/", once(**fields))


def test_the_desk_navigation_links_the_templates(desk):
    assert 'href="/desk/replies/"' in desk.get("/desk/").content.decode()


def test_staff_create_a_personal_template(desk, staff):
    response = new(desk)
    assert response.status_code == 302 and response["Location"] == "/desk/replies/"
    template = ReplyTemplate.objects.get()
    assert (template.owner, template.scope, template.body) == (
        staff,
        "personal",
        "Hello {client.name}",
    )


def test_staff_create_one_for_their_department_but_not_another(desk, tech, sales):
    assert new(desk, scope="department", department=tech.pk).status_code == 302
    response = new(desk, name="Sales", scope="department", department=sales.pk)
    assert response.status_code == 400
    assert ReplyTemplate.objects.filter(department=sales).count() == 0


def test_only_root_creates_templates_for_everyone(desk, client, root):
    response = new(desk, scope="common")
    assert response.status_code == 400
    assert "Only root manages the templates for everyone." in response.content.decode()
    client.force_login(root)
    assert new(client, scope="common").status_code == 302
    assert ReplyTemplate.objects.filter(scope="common").count() == 1


def test_unknown_variables_are_refused_and_the_text_is_kept(desk):
    response = new(desk, body="Hi {client.name}, your {client.password} is {ticket.id}")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Unknown variables: client.password." in html
    assert "your {client.password} is" in html, "what was typed is shown again"
    assert not ReplyTemplate.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"name": ""},
        {"name": "x" * 101},
        {"body": "   "},
        {"scope": "everyone-ever"},
        {"scope": "department", "department": ""},
        {"department": "abc"},
        {"provider": "99999999999999999999999"},
    ],
)
def test_bad_input_is_refused_and_saves_nothing(desk, data):
    assert new(desk, **data).status_code == 400
    assert not ReplyTemplate.objects.exists()


def test_change_and_delete_own_template(desk, staff):
    template = ReplyTemplateFactory(owner=staff, scope="personal", name="Old")
    page = desk.get(f"/desk/replies/{template.pk}/").content.decode()
    assert 'value="Old"' in page
    response = desk.post(f"/desk/replies/{template.pk}/", once(
        name="New", body="Thanks, {user.first_name}", scope="personal"))  # fmt: skip
    assert response.status_code == 302
    template.refresh_from_db()
    assert (template.name, template.body) == ("New", "Thanks, {user.first_name}")
    assert desk.post(f"/desk/replies/{template.pk}/delete/", once()).status_code == 302
    assert not ReplyTemplate.objects.exists()


def test_another_staff_members_and_another_departments_templates(desk, staff2, sales):
    """Neither is listed nor reachable: 404 for what one may not see."""
    personal = ReplyTemplateFactory(owner=staff2, scope="personal", name="Sue's own")
    departments = ReplyTemplateFactory(scope="department", department=sales, name="Sales'")
    assert names(desk) == []
    for template in (personal, departments):
        assert desk.get(f"/desk/replies/{template.pk}/").status_code == 404
        assert desk.post(f"/desk/replies/{template.pk}/delete/", once()).status_code == 404
        assert desk.post(f"/desk/replies/{template.pk}/move/", once()).status_code == 404
    assert ReplyTemplate.objects.count() == 2


def test_common_templates_are_listed_but_only_root_changes_them(desk, client, root):
    common = ReplyTemplateFactory(scope="common", name="For everyone")
    html = desk.get("/desk/replies/").content.decode()
    assert "For everyone" in html and f'href="/desk/replies/{common.pk}/"' not in html
    assert desk.get(f"/desk/replies/{common.pk}/").status_code == 403
    assert desk.post(f"/desk/replies/{common.pk}/delete/", once()).status_code == 403
    client.force_login(root)
    assert client.get(f"/desk/replies/{common.pk}/").status_code == 200
    assert client.post(f"/desk/replies/{common.pk}/delete/", once()).status_code == 302


def test_reorder_moves_a_template_up_and_down(desk, staff, tech):
    first, second, third = (
        ReplyTemplateFactory(owner=staff, scope="personal", name=name)
        for name in ("First", "Second", "Third")
    )
    desk.post(f"/desk/replies/{third.pk}/move/", once(direction="up"))
    assert names(desk) == ["First", "Third", "Second"]
    desk.post(f"/desk/replies/{first.pk}/move/", once(direction="down"))
    assert names(desk) == ["Third", "First", "Second"]
    desk.post(f"/desk/replies/{third.pk}/move/", once(direction="up"))  # already the first
    assert names(desk) == ["Third", "First", "Second"]


def test_the_list_costs_the_same_queries_for_few_and_many(desk, staff):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            desk.get("/desk/replies/")
        return len(captured)

    ReplyTemplateFactory.create_batch(2, owner=staff, scope="personal")
    few = queries()
    ReplyTemplateFactory.create_batch(20, owner=staff, scope="personal")
    assert queries() == few


def test_clients_may_not_open_the_pages(client, client_user):
    client.force_login(client_user)
    assert client.get("/desk/replies/").status_code in (302, 403)
    assert new(client).status_code in (302, 403)
    assert not ReplyTemplate.objects.exists()

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import MessageFactory


@pytest.mark.django_db
def test_root_can_open_every_admin_list_and_form(client, root, ticket):
    MessageFactory(ticket=ticket)
    client.force_login(root)
    for model in admin.site._registry:
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        first = model._default_manager.first()
        if first is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            assert client.get(change).status_code == 200, change


@pytest.mark.django_db
def test_admin_has_no_select_listing_a_whole_table(client, root, ticket):
    """Foreign keys to users, clients and tickets use autocomplete or raw-id inputs."""
    client.force_login(root)
    page = client.get(reverse("admin:tickets_ticket_change", args=[ticket.pk])).content.decode()
    for field in ("client", "created_by", "responsible"):
        assert f'<select name="{field}" id="id_{field}">' not in page


@pytest.mark.django_db
def test_tickets_cannot_be_deleted_from_the_admin(client, root, ticket):
    client.force_login(root)
    response = client.get(reverse("admin:tickets_ticket_delete", args=[ticket.pk]))
    assert response.status_code == 403


@pytest.mark.django_db
def test_the_client_page_has_the_balance_ledger_and_links(client, root, acme, client_user, ticket):
    from tests.factories import add_balance

    add_balance(acme, "100.00")
    client.force_login(root)
    page = client.get(reverse("admin:accounts_client_change", args=[acme.pk])).content.decode()
    assert "100.00" in page  # the balance, and the payment in the ledger table
    assert '<table class="ledger">' in page
    for model in ["accounts_user", "tickets_service", "tickets_ticket", "violations_violation"]:
        link = f"{reverse(f'admin:{model}_changelist')}?client__id__exact={acme.pk}"
        assert f'href="{link}"' in page, model
        assert client.get(link).status_code == 200, link
    tickets = client.get(
        f"{reverse('admin:tickets_ticket_changelist')}?client__id__exact={acme.pk}"
    )
    assert ticket.subject in tickets.content.decode()


@pytest.mark.django_db
def test_the_ticket_page_links_to_the_desk_and_shows_the_messages(client, root, ticket):
    client.force_login(root)
    page = client.get(reverse("admin:tickets_ticket_change", args=[ticket.pk])).content.decode()
    assert f'href="{reverse("desk:ticket_edit", args=[ticket.pk])}"' in page
    assert "My site returns <strong>502</strong>" in page  # the thread, rendered


@pytest.mark.django_db
def test_internal_tables_are_grouped_under_system(client, root):
    client.force_login(root)
    apps = client.get(reverse("admin:index")).context["app_list"]
    names = {str(app["name"]): {m["object_name"] for m in app["models"]} for app in apps}
    assert str(list(names)[-1]) == "System"
    assert {"AccessAttempt", "DBTaskResult", "SavedFilter", "AuditEvent"} <= names["System"]
    assert "SavedFilter" not in names["Tickets"]
    assert "Axes" not in names

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

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpdesk.incidents.actions import grant_incidents, incidents_left
from helpdesk.tickets.models import Ticket
from tests.factories import DepartmentFactory, ProviderFactory, ServiceFactory
from tests.portal.util import with_token

NEW = reverse("portal:ticket_new")


def form(chosen, **extra):
    data = {
        "department": chosen.pk,
        "client_priority": "1",
        "subject": "Site down",
        "message": "It shows **502** since noon.",
    }
    return with_token({**data, **extra})


@pytest.mark.django_db
def test_the_form_offers_client_departments_grouped_by_provider(as_client, tech, billing):
    DepartmentFactory(provider=tech.provider, name="Hidden internal", shown_to_clients=False)
    page = as_client.get(NEW).content.decode()
    assert f'<optgroup label="{tech.provider.name}">' in page
    assert "Technical support" in page
    assert "Billing — paid, uses one incident" in page
    assert "Hidden internal" not in page
    assert 'class="markdownx-editor' in page


@pytest.mark.django_db
def test_client_opens_a_ticket_with_markdown_and_attachments(as_client, tech, vps, client_user):
    files = [
        SimpleUploadedFile("log.txt", b"error 502"),
        SimpleUploadedFile("shot.png", b"\x89PNG"),
    ]
    response = as_client.post(NEW, form(tech, service=vps.pk, files=files))
    ticket = Ticket.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("portal:ticket_detail", args=[ticket.pk])
    assert (ticket.subject, ticket.department, ticket.service) == ("Site down", tech, vps)
    assert ticket.created_by == client_user
    message = ticket.messages.get()
    assert "<strong>502</strong>" in message.html
    assert sorted(a.name for a in message.attachments.all()) == ["log.txt", "shot.png"]
    page = as_client.get(response.url).content.decode()
    assert f"Ticket #{ticket.pk} was sent" in page


@pytest.mark.django_db
def test_a_double_submit_creates_one_ticket(as_client, tech):
    data = form(tech)
    first = as_client.post(NEW, data)
    second = as_client.post(NEW, data)
    assert first.status_code == second.status_code == 302
    assert Ticket.objects.count() == 1


@pytest.mark.django_db
def test_errors_keep_what_was_typed(as_client, tech):
    response = as_client.post(NEW, form(tech, subject="   ", message="My long **text**"))
    page = response.content.decode()
    assert response.status_code == 200
    assert Ticket.objects.count() == 0
    assert "My long **text**" in page
    assert "This field is required." in page or "Give the ticket a subject." in page


@pytest.mark.django_db
def test_paid_department_without_incidents_is_refused_with_a_link(as_client, billing, acme):
    response = as_client.post(NEW, form(billing, subject="Invoice question"))
    page = response.content.decode()
    assert Ticket.objects.count() == 0
    assert "you have no incidents left" in page
    assert reverse("portal:incident") in page
    assert "Invoice question" in page


@pytest.mark.django_db
def test_paid_department_uses_one_incident(as_client, billing, acme, staff, provider):
    grant_incidents(acme, count=2, by=staff, provider=provider)
    page = as_client.get(NEW).content.decode()
    assert f'data-testid="incident-note-{provider.pk}"' in page
    assert "You have 2 incidents left" in page
    assert 'data-requires-incident="1"' in page
    response = as_client.post(NEW, form(billing))
    assert response.status_code == 302
    assert incidents_left(acme, provider) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value",
    [
        ("department", "abc"),
        ("department", "99999999999999999999"),
        ("department", ""),
        ("client_priority", "7"),
        ("service", "-1"),
    ],
)
def test_hostile_values_are_refused_and_create_nothing(as_client, tech, field, value):
    response = as_client.post(NEW, form(tech, **{field: value}))
    assert response.status_code == 200
    assert Ticket.objects.count() == 0
    assert "field-error" in response.content.decode()


@pytest.mark.django_db
def test_hidden_department_and_other_clients_service_are_refused(as_client, tech, globex):
    hidden = DepartmentFactory(provider=tech.provider, shown_to_clients=False)
    others = ServiceFactory(client=globex, provider=tech.provider)
    as_client.post(NEW, form(hidden))
    as_client.post(NEW, form(tech, service=others.pk))
    assert Ticket.objects.count() == 0


@pytest.mark.django_db
def test_a_service_of_another_provider_is_refused(as_client, tech, acme):
    cloudnine = ProviderFactory(name="CloudNine")
    elsewhere = ServiceFactory(client=acme, name="cloud.example", provider=cloudnine)
    response = as_client.post(NEW, form(tech, service=elsewhere.pk))
    assert Ticket.objects.count() == 0
    assert "choose a department of" in response.content.decode()


@pytest.mark.django_db
def test_too_many_files_are_refused(as_client, tech):
    files = [SimpleUploadedFile(f"f{n}.txt", b"x") for n in range(11)]
    response = as_client.post(NEW, form(tech, files=files))
    assert Ticket.objects.count() == 0
    assert "Attach at most 10 files." in response.content.decode()


@pytest.mark.django_db
def test_the_attachment_hint_follows_the_language(as_client, tech):
    assert "Up to 10 files." in as_client.get("/new/").content.decode()
    spanish = as_client.get("/new/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Hasta 10 archivos." in spanish

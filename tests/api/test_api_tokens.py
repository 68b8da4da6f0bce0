"""API tokens: made on the account page, shown once; the only API login of a 2FA account."""

import re

import pytest
from django.urls import reverse

from accounts import actions
from accounts.models import ApiToken, AuditEvent
from tests.otp import enrol, verified_login

pytestmark = pytest.mark.django_db


def create_token_over_http(client, user, name="monitoring"):
    """Through the account page, in a session that gave its code if the user has a device."""
    answer = client.post(reverse("api_token_create"), {"name": name})
    assert answer.status_code == 200
    return re.search(r'data-testid="api-token">(hdt_[\w-]+)<', answer.content.decode()).group(1)


def test_a_token_is_shown_once_and_stored_only_as_a_digest(client, staff):
    client.force_login(staff)
    secret = create_token_over_http(client, staff)
    token = ApiToken.objects.get(user=staff)
    assert secret not in token.digest and token.prefix == secret[:12]
    page = client.get(reverse("account_security")).content.decode()
    assert "monitoring" in page and secret not in page and token.prefix in page
    assert AuditEvent.objects.filter(actor=staff, action="token_created").exists()


def test_a_2fa_staff_member_gets_no_api_access_with_the_password(api, staff, ticket):
    enrol(staff)
    for answer in (
        api("auth", username="staff", password="demo"),
        api("ticket", authinfo="staff:demo"),
        api("ticket", authinfo="staff:demo", out="xml"),
    ):
        assert answer.error_kind() == ("auth", "token")
    message = api("auth", username="staff", password="demo").error["msg"]["$"]
    assert "API token" in message
    # A wrong password still says only that, so the check reveals nothing to a guesser.
    assert api("auth", username="staff", password="nope").error_kind() == ("auth", "badpassword")


def test_a_token_works_in_the_password_position(client, api, staff, ticket):
    verified_login(client, staff, enrol(staff)[0])
    secret = create_token_over_http(client, staff)
    listed = api("ticket", authinfo=f"staff:{secret}")
    assert [elem["id"]["$"] for elem in listed.elems] == [str(ticket.pk)]
    sid = api("auth", username="staff", password=secret).doc["auth"]["$id"]
    assert api("ticket", auth=sid).error is None
    assert ApiToken.objects.get(user=staff).last_used_at is not None
    assert api("ticket", authinfo=f"staff2:{secret}").error_kind() == ("auth", "badpassword")


def test_a_revoked_token_is_an_auth_error_and_ends_its_sessions(client, api, staff, ticket):
    verified_login(client, staff, enrol(staff)[0])
    secret = create_token_over_http(client, staff)
    sid = api("auth", username="staff", password=secret).doc["auth"]["$id"]
    token = ApiToken.objects.get(user=staff)
    client.post(reverse("api_token_revoke", args=[token.pk]))
    assert api("ticket", authinfo=f"staff:{secret}").error_kind() == ("auth", "badpassword")
    assert api("auth", username="staff", password=secret).error_kind() == ("auth", "badpassword")
    assert api("ticket", auth=sid).error_kind() == ("auth", "auth")
    assert AuditEvent.objects.filter(actor=staff, action="token_revoked").count() == 1


def test_nobody_revokes_another_users_token(client, staff, staff2):
    actions.create_api_token(staff2, name="theirs")
    token = ApiToken.objects.get(user=staff2)
    client.force_login(staff)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    assert ApiToken.objects.get(pk=token.pk).is_live


def test_required_policy_refuses_staff_passwords_but_not_clients(settings, api, staff, client_user):
    settings.HELPDESK = {**settings.HELPDESK, "STAFF_2FA": "required"}
    assert api("ticket", authinfo="staff:demo").error_kind() == ("auth", "token")
    assert api("clientticket", authinfo="client:demo").error is None
    secret = actions.create_api_token(staff, name="cron")
    assert api("ticket", authinfo=f"staff:{secret}").error is None


def test_clients_may_use_tokens_too(api, client_user):
    secret = actions.create_api_token(client_user, name="mine")
    assert api("clientticket", authinfo=f"client:{secret}").error is None
    assert api("clientticket", authinfo="client:demo").error is None


def test_a_token_name_is_required(client, staff):
    client.force_login(staff)
    answer = client.post(reverse("api_token_create"), {"name": ""}, follow=True)
    assert "Give the token a name" in answer.content.decode()
    assert not ApiToken.objects.exists()


def test_a_password_session_ends_when_the_account_turns_to_two_factor(api, staff, ticket):
    sid = api("auth", username="staff", password="demo").doc["auth"]["$id"]
    assert api("ticket", auth=sid).error is None
    enrol(staff)
    assert api("ticket", auth=sid).error_kind() == ("auth", "auth")


def test_ticket_su_works_with_a_token_and_ends_with_it(api, staff, client_user, ticket):
    enrol(staff)
    secret = actions.create_api_token(staff, name="su script")
    answer = api("ticket.su", authinfo=f"staff:{secret}", elid=str(ticket.pk))
    su_sid = answer.doc["auth"]["$id"]
    assert api("clientticket", auth=su_sid).error is None
    actions.revoke_api_token(ApiToken.objects.get(user=staff), by=staff)
    assert api("clientticket", auth=su_sid).error_kind() == ("auth", "auth")

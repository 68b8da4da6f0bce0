"""Two-factor login through HTTP: enrolment, the code step, recovery codes, the policy."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent
from tests.otp import code_from_secret, code_of, enrol, unthrottle, verified_login

pytestmark = pytest.mark.django_db
CODE_URL = reverse("login_code")


def password_login(client, username):
    response = client.post(reverse("login"), {"username": username, "password": "demo"})
    assert response.status_code == 302
    return response


def audit_actions(user):
    return list(
        AuditEvent.objects.filter(actor=user).order_by("id").values_list("action", flat=True)
    )


@pytest.fixture
def staff_device(staff):
    return enrol(staff)


def test_enrolment_shows_a_qr_code_and_the_secret_then_recovery_codes_once(client, staff):
    client.force_login(staff)
    page = client.get(reverse("authenticator_enrol"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', html).group(1)
    answer = client.post(reverse("authenticator_enrol"), {"code": code_from_secret(secret)})
    assert answer.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", answer.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert audit_actions(staff) == ["otp_enrolled", "recovery_codes"]
    # The codes are not shown again; the page only counts them.
    security = client.get(reverse("account_security")).content.decode()
    assert codes[0] not in security and "10 unused recovery codes" in security


def test_enrolment_refuses_a_wrong_code_with_a_form_error(client, staff):
    client.force_login(staff)
    client.get(reverse("authenticator_enrol"))
    answer = client.post(reverse("authenticator_enrol"), {"code": "000000x"})
    assert answer.status_code == 200
    assert "That code is not right" in answer.content.decode()
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_after_the_password_a_user_with_a_device_must_give_a_code(client, staff, staff_device):
    device, _codes = staff_device
    password_login(client, "staff")
    desk = client.get("/desk/")
    assert desk.status_code == 302 and desk.url.startswith(CODE_URL)
    assert client.get(reverse("account_security")).status_code == 302
    page = client.get(desk.url)
    assert page.status_code == 200 and "Two-factor login" in page.content.decode()
    answer = client.post(CODE_URL, {"code": code_of(device.bin_key), "next": "/desk/"})
    assert answer.status_code == 302 and answer.url == "/desk/"
    assert client.get("/desk/").status_code == 200
    assert audit_actions(staff)[-1] == "otp_ok"


def test_a_wrong_code_is_a_form_error_and_slows_down_further_tries(client, staff, staff_device):
    device, _codes = staff_device
    password_login(client, "staff")
    for junk in ("123456", "x" * 40, "²²²²²²", ""):
        answer = client.post(CODE_URL, {"code": junk})
        assert answer.status_code == 200, junk
        assert 'class="field-error"' in answer.content.decode()
        unthrottle(staff)
    nul = client.post(CODE_URL, {"code": "\x00"})
    assert nul.status_code == 400 and "NUL character" in nul.content.decode()
    client.post(CODE_URL, {"code": "123456"})
    throttled = client.post(CODE_URL, {"code": code_of(device.bin_key)})
    assert "Too many wrong codes" in throttled.content.decode()
    assert client.get("/desk/").status_code == 302
    assert "otp_failed" in audit_actions(staff)


def test_a_recovery_code_logs_in_once(client, staff, staff_device):
    _device, codes = staff_device
    password_login(client, "staff")
    answer = client.post(CODE_URL, {"code": codes[0].upper()})
    assert answer.status_code == 302
    assert client.get("/desk/").status_code == 200
    client.post(reverse("logout"))
    password_login(client, "staff")
    again = client.post(CODE_URL, {"code": codes[0]})
    assert again.status_code == 200 and "That code is not right" in again.content.decode()
    assert StaticToken.objects.filter(device__user=staff).count() == 9


def test_logout_works_before_the_code(client, staff, staff_device):
    password_login(client, "staff")
    client.post(reverse("logout"))
    assert client.get(CODE_URL).status_code == 302
    assert client.get(CODE_URL).url.startswith(reverse("login"))


def test_users_without_a_device_log_in_with_the_password_alone(client, staff):
    password_login(client, "staff")
    assert client.get("/desk/").status_code == 200


def confirm(client, url, secret):
    return client.post(url, {"secret": secret}, follow=True)


def test_new_recovery_codes_need_the_password_or_a_code(client, staff, staff_device):
    device, old_codes = staff_device
    verified_login(client, staff, device)
    refused = confirm(client, reverse("recovery_codes"), "wrong")
    assert "neither your password nor a current code" in refused.content.decode()
    answer = client.post(reverse("recovery_codes"), {"secret": "demo"})
    new_codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", answer.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert audit_actions(staff).count("recovery_codes") == 2
    assert client.get("/desk/").status_code == 200


def test_removing_the_device_needs_a_code_and_is_audited(client, staff, staff_device):
    device, _codes = staff_device
    verified_login(client, staff, device)
    confirm(client, reverse("authenticator_remove"), "000000")
    assert TOTPDevice.objects.filter(user=staff).exists()
    unthrottle(staff)
    confirm(client, reverse("authenticator_remove"), code_of(device.bin_key, ahead=1))
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticToken.objects.filter(device__user=staff).exists()
    assert audit_actions(staff)[-1] == "otp_removed"
    password_login(client, "staff")
    assert client.get("/desk/").status_code == 200


@pytest.fixture
def required(settings):
    settings.HELPDESK = {**settings.HELPDESK, "STAFF_2FA": "required"}


@pytest.mark.parametrize("persona", ["staff", "root"])
@pytest.mark.parametrize("path", ["/desk/", "/admin/", "/home/"])
def test_required_policy_sends_staff_without_a_device_to_enrolment(
    client, request, required, persona, path
):
    client.force_login(request.getfixturevalue(persona))
    answer = client.get(path)
    assert answer.status_code == 403
    html = answer.content.decode()
    assert "Two-factor login required" in html
    assert reverse("authenticator_enrol") in html
    assert client.get(reverse("authenticator_enrol")).status_code == 200
    assert client.get(reverse("account_security")).status_code == 200


def test_required_policy_lets_enrolled_staff_in_and_leaves_clients_alone(
    client, required, root, client_user
):
    device, _codes = enrol(root)
    client.force_login(client_user)
    assert client.get("/").status_code == 200
    client.force_login(root)
    answer = client.post(CODE_URL, {"code": code_of(device.bin_key, ahead=1)})
    assert answer.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get("/desk/").status_code == 200


def test_staff_acting_as_a_client_cannot_touch_its_security(client, staff, client_user):
    from tests.accounts.test_impersonation import start_acting

    client.force_login(staff)
    start_acting(client, staff, client_user)
    assert client.get(reverse("account_security")).status_code == 403
    assert client.post(reverse("api_token_create"), {"name": "x"}).status_code == 403


SECURITY_URLS = [
    CODE_URL,
    reverse("account_security"),
    reverse("authenticator_enrol"),
    reverse("authenticator_remove"),
    reverse("recovery_codes"),
    reverse("api_token_create"),
    reverse("api_token_revoke", args=[999999999]),
]
JUNK = {"code": "\x00" * 3, "secret": "x" * 500, "name": "n" * 500, "next": "https://evil.example/"}


@pytest.mark.parametrize("required_policy", [False, True])
def test_no_security_page_answers_500_to_junk(
    client, settings, staff, root, client_user, required_policy
):
    if required_policy:
        settings.HELPDESK = {**settings.HELPDESK, "STAFF_2FA": "required"}
    enrol(root)  # root owes a code; staff (under the policy) an enrolment
    for user in (staff, root, client_user):
        client.force_login(user)
        for url in SECURITY_URLS:
            for answer in (client.get(url, JUNK), client.post(url, JUNK)):
                assert answer.status_code in (200, 302, 400, 403, 404, 405), (user, url)
                if answer.status_code == 302:
                    assert answer.url.startswith("/") and not answer.url.startswith("//")


def test_opening_the_security_pages_writes_nothing(client, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.test_safe_get import writes_of

    client.force_login(staff)
    for url in (reverse("account_security"), reverse("authenticator_enrol"), CODE_URL):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert writes_of(queries) == [], url
    assert not TOTPDevice.objects.exists()


def test_the_enrolment_page_keeps_its_secret_until_confirmed(client, staff):
    client.force_login(staff)
    first = client.get(reverse("authenticator_enrol")).content.decode()
    again = client.get(reverse("authenticator_enrol")).content.decode()
    secret = re.compile(r'data-testid="totp-secret">([A-Z2-7 ]+)<')
    assert secret.search(first).group(1) == secret.search(again).group(1)


def test_wrong_passwords_on_the_security_page_are_throttled_like_logins(
    client, settings, staff, staff_device
):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    device, _codes = staff_device
    verified_login(client, staff, device)
    for _attempt in range(2):
        page = confirm(client, reverse("recovery_codes"), "guess")
        assert "neither your password nor a current code" in page.content.decode()
    assert (
        "Too many wrong passwords"
        in confirm(client, reverse("recovery_codes"), "guess").content.decode()
    )
    locked = confirm(client, reverse("recovery_codes"), "demo")
    assert "Too many wrong passwords" in locked.content.decode()
    assert StaticToken.objects.filter(device__user=staff).count() == 10

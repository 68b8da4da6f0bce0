from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import impersonation
from accounts.models import AuditEvent


def start_acting(client, staff, target):
    session = client.session
    impersonation.start(session, actor=staff, target=target)
    session.save()


@pytest.mark.django_db
class TestActingAsClient:
    def test_staff_acting_as_a_client_sees_the_portal_with_a_banner(
        self, client, staff, client_user
    ):
        client.force_login(staff)
        start_acting(client, staff, client_user)
        page = client.get("/")
        assert page.status_code == 200
        assert 'data-testid="su-banner"' in page.content.decode()
        assert client.get("/desk/all/").status_code == 403
        assert client.get("/desk/").url == "/home/"

    def test_return_ends_it_and_both_ends_are_audited(self, client, staff, client_user):
        client.force_login(staff)
        start_acting(client, staff, client_user)
        response = client.post("/accounts/su/end/")
        assert response.status_code == 302
        assert client.get("/desk/").status_code == 200
        actions = list(AuditEvent.objects.order_by("id").values_list("action", "actor__username"))
        assert actions == [("su_start", "staff"), ("su_end", "staff")]

    def test_it_ends_by_itself_after_the_time_limit(self, client, staff, client_user, settings):
        client.force_login(staff)
        session = client.session
        impersonation.start(session, actor=staff, target=client_user)
        expired = timezone.now() - timedelta(minutes=settings.HELPDESK["SU_MINUTES"] + 1)
        session[impersonation.SESSION_KEY]["started"] = expired.isoformat()
        session.save()
        assert client.get("/desk/").status_code == 200
        assert AuditEvent.objects.filter(action="su_expired").exists()

    def test_clients_cannot_act_as_anyone(self, client_user, client2_user):
        with pytest.raises(PermissionError):
            impersonation.start({}, actor=client_user, target=client2_user)

    def test_staff_cannot_act_as_staff(self, staff, root):
        with pytest.raises(PermissionError):
            impersonation.start({}, actor=staff, target=root)


@pytest.mark.django_db
def test_logging_out_while_acting_is_audited_as_an_end(client, staff, client_user):
    client.force_login(staff)
    start_acting(client, staff, client_user)
    client.post("/accounts/logout/")
    ends = AuditEvent.objects.filter(action="su_end", actor=staff, acting_as=client_user)
    assert ends.count() == 1
    assert client.get("/").status_code == 302


@pytest.mark.django_db
class TestPasswordWhileActing:
    def test_the_clients_password_cannot_be_changed_while_acting(self, client, staff, client_user):
        client.force_login(staff)
        start_acting(client, staff, client_user)
        page = client.get("/accounts/password/")
        assert page.status_code == 403
        assert "cannot be changed while acting as a client" in page.content.decode()
        change = {"old_password": "demo", "new_password1": "S3cret-new-pass",
                  "new_password2": "S3cret-new-pass"}  # fmt: skip
        assert client.post("/accounts/password/", change).status_code == 403
        client_user.refresh_from_db()
        assert client_user.check_password("demo")
        assert client.get("/").status_code == 200, "the staff member is still logged in"

    def test_wrong_old_passwords_are_throttled_like_logins(self, client, client_user, settings):
        settings.AXES_ENABLED = True
        settings.AXES_FAILURE_LIMIT = 3
        client.force_login(client_user)
        wrong = {"old_password": "guess", "new_password1": "S3cret-new-pass",
                 "new_password2": "S3cret-new-pass"}  # fmt: skip
        for _attempt in range(2):
            page = client.post("/accounts/password/", wrong)
            assert "Your old password was entered incorrectly" in page.content.decode()
        assert (
            "Too many wrong passwords" in client.post("/accounts/password/", wrong).content.decode()
        )
        right = {**wrong, "old_password": "demo"}
        locked = client.post("/accounts/password/", right)
        assert locked.status_code == 200
        assert "Too many wrong passwords" in locked.content.decode()
        client_user.refresh_from_db()
        assert client_user.check_password("demo")

    def test_the_owner_changes_their_own_password(self, client, client_user):
        client.force_login(client_user)
        change = {"old_password": "demo", "new_password1": "S3cret-new-pass",
                  "new_password2": "S3cret-new-pass"}  # fmt: skip
        response = client.post("/accounts/password/", change)
        assert response.status_code == 302 and response.url == "/accounts/password/done/"
        client_user.refresh_from_db()
        assert client_user.check_password("S3cret-new-pass")

"""Logging in to the API: auth sessions, authinfo, su, ticket.su, logout."""

import time
from contextlib import contextmanager
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from accounts.models import AuditEvent, User
from helpdesk.api import sessions

pytestmark = pytest.mark.django_db


@contextmanager
def freeze_after(**delta):
    """The clock jumps ahead by `delta` for everything inside."""
    later = timezone.now() + timedelta(**delta)
    with mock.patch("django.utils.timezone.now", return_value=later):
        yield


def test_auth_returns_a_session_that_later_calls_use(api, staff, ticket):
    answer = api("auth", username="staff", password="demo")
    sid = answer.doc["auth"]["$id"]
    assert answer.doc["auth"]["$"] == sid
    assert answer.doc["auth"]["$level"] == "28"
    listed = api("ticket", auth=sid)
    assert [elem["id"]["$"] for elem in listed.elems] == [str(ticket.pk)]


def test_auth_in_xml_carries_id_and_level_attributes(api, client_user, root):
    answer = api("auth", username="client", password="demo", out="xml")
    node = answer.doc.find("auth")
    assert node.get("level") == "16" and node.text == node.get("id")
    assert api("auth", username="root", password="demo").doc["auth"]["$level"] == "30"


@pytest.mark.parametrize("out", ["json", "xml"])
def test_a_wrong_password_is_an_auth_error(api, staff, out):
    answer = api("auth", username="staff", password="wrong", out=out)
    assert answer.error_kind() == ("auth", "badpassword")


def test_missing_credentials_are_an_auth_error(api, staff):
    assert api("auth", username="staff").error_kind() == ("auth", "badpassword")
    assert api("ticket").error_kind() == ("auth", "auth")
    assert api("ticket", auth="nosuchsession").error_kind() == ("auth", "auth")
    assert api("ticket", auth="../../etc").error_kind() == ("auth", "auth")


def test_authinfo_works_for_one_call(api, staff, ticket):
    answer = api("ticket", authinfo="staff:demo", out="xml")
    assert answer.doc.find("elem/ticket").text == str(ticket.pk)
    assert api("ticket", authinfo="staff:bad").error_kind() == ("auth", "badpassword")
    assert api("ticket", authinfo="nocolon").error_kind() == ("auth", "badpassword")


def test_authinfo_by_post_keeps_the_password_out_of_the_url(api, staff, ticket):
    answer = api("ticket", authinfo="staff:demo", post=True)
    assert answer.error is None
    assert answer.response.request["QUERY_STRING"] == ""
    assert [elem["id"]["$"] for elem in answer.elems] == [str(ticket.pk)]


def test_the_browser_session_cookie_never_authenticates_the_api(client, api, staff):
    client.force_login(staff)
    assert api("ticket").error_kind() == ("auth", "auth")


def test_an_api_session_is_no_browser_login(client, session_for, staff):
    client.cookies["sessionid"] = session_for(staff)
    response = client.get("/desk/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_session_expires_after_an_hour_without_use(api, session_for, staff):
    sid = session_for(staff)
    Session.objects.filter(pk=sid).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert api("ticket", auth=sid).error_kind() == ("auth", "auth")


def test_using_a_session_slides_its_expiry(api, session_for, staff):
    sid = session_for(staff)
    store = sessions.SessionStore(session_key=sid)
    store[sessions.SEEN_KEY] = (timezone.now() - timedelta(minutes=30)).isoformat()
    store.set_expiry(30 * 60)
    store.save()
    assert api("ticket", auth=sid).error is None
    left = Session.objects.get(pk=sid).expire_date - timezone.now()
    assert left > timedelta(minutes=59)


def test_changing_the_password_ends_api_sessions(api, session_for, staff):
    sid = session_for(staff)
    staff.set_password("another-secret")
    staff.save()
    assert api("ticket", auth=sid).error_kind() == ("auth", "auth")


def test_logout_ends_the_session(api, session_for, staff):
    sid = session_for(staff)
    assert "ok" in api("logout", auth=sid).doc
    assert api("ticket", auth=sid).error_kind() == ("auth", "auth")


def test_a_locked_out_login_is_an_auth_error_not_a_lockout_page(api, settings, staff):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    for _attempt in range(2):
        api("auth", username="staff", password="wrong")
    answer = api("auth", username="staff", password="demo")
    assert answer.error_kind() == ("auth", "locked")


def test_lang_picks_the_language_of_the_answer(api, staff):
    assert api("ticket", as_user=staff, lang="es").response["Content-Language"] == "es"
    assert api("ticket", as_user=staff, lang="xx").response["Content-Language"] == "en"


class TestSu:
    def test_staff_act_as_a_client_for_one_call_audited(self, api, staff, client_user, ticket):
        answer = api("clientticket", as_user=staff, su="client")
        assert [elem["id"]["$"] for elem in answer.elems] == [str(ticket.pk)]
        events = AuditEvent.objects.filter(actor=staff, acting_as=client_user, channel="api")
        assert sorted(events.values_list("action", flat=True)) == ["su_end", "su_start"]

    def test_clients_may_not_su(self, api, client_user, client2_user):
        assert api("clientticket", as_user=client_user, su="client2").error_kind() == (
            "access",
            "su",
        )

    def test_su_to_an_unknown_login_or_to_staff_is_refused_alike(self, api, staff, staff2):
        """One answer for both, so staff cannot probe which logins exist."""
        assert api("clientticket", as_user=staff, su="nobody").error_kind() == ("access", "su")
        assert api("clientticket", as_user=staff, su="staff2").error_kind() == ("access", "su")

    def test_su_only_to_clients_of_the_staff_members_departments(
        self, api, staff2, client_user, ticket
    ):
        """staff2 works Sales; Acme's only ticket is in Technical support."""
        answer = api("clientticket", as_user=staff2, su="client")
        assert answer.error_kind() == ("access", "su")

    def test_money_is_refused_while_acting(self, api, staff, client_user, billing):
        answer = api("incident", as_user=staff, su="client", count="1")
        assert answer.error_kind()[0] == "access"


class TestTicketSu:
    def test_gives_a_session_acting_as_the_ticket_client(self, api, staff, client_user, ticket):
        answer = api("ticket.su", as_user=staff, elid=ticket.pk)
        assert "ok" in answer.doc and answer.doc["auth"]["$level"] == "16"
        sid = answer.doc["auth"]["$id"]
        mine = api("clientticket", auth=sid)
        assert [elem["id"]["$"] for elem in mine.elems] == [str(ticket.pk)]
        assert api("ticket", auth=sid).error_kind() == ("access", "ticket")
        assert AuditEvent.objects.filter(action="su_start", channel="api").count() == 1

    def test_logout_of_the_su_session_is_audited(self, api, staff, client_user, ticket):
        sid = api("ticket_all.su", as_user=staff, elid=ticket.pk, out="xml").doc.find("auth").text
        assert api("logout", auth=sid).error is None
        assert AuditEvent.objects.filter(actor=staff, action="su_end", channel="api").exists()
        assert api("clientticket", auth=sid).error_kind() == ("auth", "auth")

    def test_is_refused_for_tickets_outside_the_staff_scope(self, api, staff2, ticket):
        assert api("ticket.su", as_user=staff2, elid=ticket.pk).error_kind() == ("missed", "elid")

    def test_is_refused_for_clients(self, api, client_user, ticket):
        answer = api("ticket.su", as_user=client_user, elid=ticket.pk)
        assert answer.error_kind() == ("access", "ticket.su")


class TestSuSessionEnds:
    """A ticket.su session is for acting only: when acting ends, the session ends."""

    @pytest.fixture(autouse=True)
    def _one_minute_of_acting(self, settings):
        settings.HELPDESK = {**settings.HELPDESK, "SU_MINUTES": 1}

    def su_session(self, api, staff, ticket):
        return api("ticket.su", as_user=staff, elid=ticket.pk).doc["auth"]["$id"]

    def test_when_acting_expires_the_session_does_not_become_the_staff_members(
        self, api, staff, client_user, ticket
    ):
        sid = self.su_session(api, staff, ticket)
        with freeze_after(seconds=65):
            assert api("ticket", auth=sid).error_kind() == ("auth", "auth")
        assert api("clientticket", auth=sid).error_kind() == ("auth", "auth")
        ends = AuditEvent.objects.filter(actor=staff, action="su_expired", channel="api")
        assert ends.count() == 1 and ends.get().start.action == "su_start"

    def test_an_su_session_never_used_again_gets_its_end_audited(
        self, api, staff, client_user, ticket
    ):
        self.su_session(api, staff, ticket)
        call_command("helpdesk_maintenance", "--inline", stdout=StringIO())
        assert not AuditEvent.objects.filter(action="su_expired").exists(), "not yet expired"
        with freeze_after(seconds=65):
            call_command("helpdesk_maintenance", "--inline", stdout=StringIO())
            call_command("helpdesk_maintenance", "--inline", stdout=StringIO())
        ends = AuditEvent.objects.filter(actor=staff, acting_as=client_user, action="su_expired")
        assert ends.count() == 1, "each start has exactly one end"

    def test_acting_gives_no_more_than_the_staff_member_may_see(
        self, api, staff, client_user, open_ticket, sales
    ):
        """staff works Technical support; Acme also has a Sales ticket."""
        tech_ticket = open_ticket()
        sales_ticket = open_ticket(subject="Upgrade plan", department=sales)
        assert api("ticket.edit", as_user=staff, elid=sales_ticket.pk).error_kind() == (
            "missed", "elid",
        )  # fmt: skip
        listed = api("clientticket", as_user=staff, su="client")
        assert [elem["id"]["$"] for elem in listed.elems] == [str(tech_ticket.pk)]
        read = api("clientticket.edit", as_user=staff, su="client", elid=sales_ticket.pk)
        assert read.error_kind() == ("missed", "elid")
        write = api("clientticket.edit", as_user=staff, su="client", elid=sales_ticket.pk,
                    sok="ok", message="Written by someone else")  # fmt: skip
        assert write.error_kind() == ("missed", "elid")
        assert sales_ticket.messages.count() == 1
        new = api("clientticket.edit", as_user=staff, su="client", sok="ok", subject="S",
                  message="M", client_department=sales.pk)  # fmt: skip
        assert new.error_kind() == ("value", "client_department")


class TestAuthinfoIsVerifiedOnce:
    """authinfo= sends the password with every call: it is hashed once, then taken from the
    cache for AUTHINFO_CACHE_SECONDS, but never past a change that would refuse it."""

    @pytest.fixture
    def hashings(self):
        calls = []
        original = User.check_password

        def counting(user, raw_password):
            calls.append(user.username)
            return original(user, raw_password)

        with mock.patch.object(User, "check_password", counting):
            yield calls

    def whoami(self, api, authinfo):
        return api("whoami", authinfo=authinfo)

    def test_the_second_call_does_not_hash_the_password_again(self, api, staff, hashings):
        for _call in range(3):
            assert self.whoami(api, "staff:demo").doc["user"]["$name"] == "staff"
        assert hashings == ["staff"]

    def test_the_cache_holds_no_password(self, api, staff):
        self.whoami(api, "staff:demo")
        # The local-memory backend's own store: keys and pickled entries.
        stored = b"".join(key.encode() + entry for key, entry in cache._cache.items())
        assert stored and b"demo" not in stored and staff.password.encode() not in stored

    def test_a_changed_password_refuses_the_old_one_at_once(self, api, staff, hashings):
        self.whoami(api, "staff:demo")
        staff.set_password("another-secret")
        staff.save()
        assert self.whoami(api, "staff:demo").error_kind() == ("auth", "badpassword")
        assert self.whoami(api, "staff:another-secret").doc["user"]["$name"] == "staff"

    def test_a_deactivated_user_is_refused(self, api, staff):
        self.whoami(api, "staff:demo")
        User.objects.filter(pk=staff.pk).update(is_active=False)
        assert self.whoami(api, "staff:demo").error_kind() == ("auth", "badpassword")

    def test_a_locked_out_login_is_refused_though_its_password_was_verified(
        self, api, settings, staff
    ):
        settings.AXES_ENABLED = True
        settings.AXES_FAILURE_LIMIT = 2
        self.whoami(api, "staff:demo")
        for _attempt in range(2):
            self.whoami(api, "staff:wrong")
        assert self.whoami(api, "staff:demo").error_kind() == ("auth", "locked")

    def test_failures_are_still_counted_and_never_cached(self, api, settings, staff, hashings):
        settings.AXES_ENABLED = True
        settings.AXES_FAILURE_LIMIT = 3
        for _attempt in range(2):
            assert self.whoami(api, "staff:wrong").error_kind() == ("auth", "badpassword")
        assert hashings == ["staff", "staff"]
        assert AccessAttempt.objects.get(username="staff").failures_since_start == 2

    def test_logout_with_authinfo_forgets_the_verified_password(self, api, staff, hashings):
        self.whoami(api, "staff:demo")
        assert "ok" in api("logout", authinfo="staff:demo").doc
        self.whoami(api, "staff:demo")
        assert hashings == ["staff", "staff"]

    def test_the_entry_expires(self, api, settings, staff, hashings):
        settings.AUTHINFO_CACHE_SECONDS = 1
        self.whoami(api, "staff:demo")
        later = time.time() + 2
        with mock.patch("time.time", return_value=later):  # the cache's clock
            self.whoami(api, "staff:demo")
        assert hashings == ["staff", "staff"]

    def test_zero_seconds_hashes_every_call(self, api, settings, staff, hashings):
        settings.AUTHINFO_CACHE_SECONDS = 0
        self.whoami(api, "staff:demo")
        self.whoami(api, "staff:demo")
        assert hashings == ["staff", "staff"]

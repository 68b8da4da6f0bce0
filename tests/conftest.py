import os
import socket

import pytest
from django.core.cache import cache
from django.db.backends.signals import connection_created
from django.utils import translation

from accounts.roles import Role
from helpdesk.tickets import actions
from tests.factories import ClientFactory, DepartmentFactory, ProviderFactory, UserFactory


def _no_waiting_for_the_disk(sender, connection, **kwargs):
    """A test database is thrown away: its commits need not wait for the disk (an fsync
    costs tens of milliseconds here, and transactional tests commit thousands of times).
    Locking and isolation stay as they are."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous = OFF")
        elif connection.vendor == "postgresql":
            cursor.execute("SET synchronous_commit = off")


connection_created.connect(_no_waiting_for_the_disk)


@pytest.fixture(autouse=True)
def _test_storage(settings, tmp_path):
    # The local-memory cache outlives a test (authinfo_cache keeps verified logins in it).
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The hashed-manifest storage of production needs collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _default_language(settings):
    # A request in Spanish leaves Spanish active in its thread for whatever runs next there.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def provider(db):
    return ProviderFactory(name="HostCo")


@pytest.fixture
def tech(provider):
    return DepartmentFactory(provider=provider, name="Technical support")


@pytest.fixture
def sales(provider):
    return DepartmentFactory(provider=provider, name="Sales")


@pytest.fixture
def billing(provider):
    return DepartmentFactory(provider=provider, name="Billing", requires_incident=True)


@pytest.fixture
def root(db):
    return UserFactory(username="root", role=Role.ROOT)


@pytest.fixture
def staff(tech):
    user = UserFactory(username="staff", role=Role.ADMIN, first_name="Sam", last_name="Staff")
    tech.members.add(user)
    return user


@pytest.fixture
def staff2(sales):
    user = UserFactory(username="staff2", role=Role.ADMIN, first_name="Sue", last_name="Sales")
    sales.members.add(user)
    return user


@pytest.fixture
def acme(db):
    return ClientFactory(name="Acme Hosting")


@pytest.fixture
def globex(db):
    return ClientFactory(name="Globex")


@pytest.fixture
def client_user(acme):
    return UserFactory(username="client", role=Role.USER, client=acme)


@pytest.fixture
def client2_user(globex):
    return UserFactory(username="client2", role=Role.USER, client=globex)


@pytest.fixture
def open_ticket(client_user, tech):
    """Open a ticket of Acme in Technical support through the real action."""

    def make(subject="Website is down", body="My site returns **502**.", **kwargs):
        kwargs.setdefault("department", tech)
        return actions.open_ticket(
            client_user.client, author=client_user, subject=subject, body=body, **kwargs
        )

    return make


@pytest.fixture
def ticket(open_ticket):
    return open_ticket()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Browser tests drive Debian's Chromium; Playwright never downloads a browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }  # fmt: skip


@pytest.fixture
def browser_login(live_server):
    """Log a Playwright page in through the real login form."""

    def login(page, username, password="demo"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    return login


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback that keeps what it receives."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message as MessageHandler

    received = []

    class Keep(MessageHandler):
        def handle_message(self, message):
            received.append(message)

    for _attempt in range(5):  # a free port can be taken between probing and binding
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        controller = Controller(Keep(), hostname="127.0.0.1", port=port)
        try:
            controller.start()
            break
        except (OSError, RuntimeError):
            continue
    controller.received = received
    yield controller
    controller.stop()


@pytest.fixture
def outgoing_smtp(settings, smtp_server):
    """Django sends its mail to the loopback SMTP server; what arrived is in `.received`."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.server.sockets[0].getsockname()[1]
    settings.EMAIL_USE_TLS = False
    return smtp_server

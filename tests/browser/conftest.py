from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(settings, transactional_db):
    """The demo data of `make run`: `staff` works Technical support, `staff2` Sales and
    Billing; Acme Hosting (login `client`) has 100.00 and no incidents; HostCo's Billing
    needs one incident per ticket at 10.00."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())

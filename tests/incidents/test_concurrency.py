"""Two purchases at once must never spend the same money twice (row locks on PostgreSQL,
immediate write transactions on SQLite)."""

import threading
from decimal import Decimal

import pytest
from django.db import connections

from helpdesk.errors import ActionError
from helpdesk.incidents import actions
from tests.factories import add_balance


@pytest.mark.django_db(transaction=True)
def test_concurrent_purchases_cannot_overspend(acme, client_user, provider):
    add_balance(acme, "10.00")
    outcomes = []
    barrier = threading.Barrier(2)

    def buy():
        barrier.wait()
        try:
            actions.purchase_incidents(acme, provider=provider, count=1, by=client_user)
            outcomes.append("bought")
        except ActionError:
            outcomes.append("refused")
        except Exception as error:
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buy) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["bought", "refused"]
    assert acme.balance() == Decimal("0.00")
    assert actions.incidents_left(acme, provider) == 1

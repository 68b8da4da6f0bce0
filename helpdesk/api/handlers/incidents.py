"""incident: a client buys paid-support incidents from the balance."""

from django.utils.translation import gettext as _

from helpdesk.api.nodes import slist
from helpdesk.api.registry import CLIENTS, function
from helpdesk.api.wire import ok, text
from helpdesk.errors import ActionError
from helpdesk.incidents import actions, policies


@function("incident", who=CLIENTS)
def buy(call):
    """With `count`: buy that many from `project` (default: the first provider the client
    may buy from). Without it: the form (price, balance, incidents left)."""
    if not policies.can_buy_incidents(call.user):
        raise ActionError(_("Purchases are not allowed while acting as a client."),
                          code="access", field="count")  # fmt: skip
    providers = policies.incident_providers(call.user).order_by("name")
    number = call.optional_id("project")
    provider = (providers.filter(pk=number) if number else providers).first()
    if provider is None:
        raise ActionError(_("Choose a provider to buy incidents from."), field="project")
    if not call.get("count").strip():
        return purchase_form(call.user, provider, providers)
    entry = actions.purchase_incidents(
        call.user.client, provider=provider, count=call.get("count"), by=call.user
    )
    return ok(
        id=text(entry.pk), incidents_left=text(actions.incidents_left(call.user.client, provider))
    )


def purchase_form(user, provider, providers) -> dict:
    return {
        "project": text(provider.pk),
        "price": text(provider.incident_price),
        "currency": text(provider.currency),
        "balance": text(f"{user.client.balance():.2f}"),
        "incidents_left": text(actions.incidents_left(user.client, provider)),
        "slist": [slist("project", [(each.pk, each.name) for each in providers])],
    }

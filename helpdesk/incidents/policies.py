from accounts.policies import can_spend_money, is_client_user
from helpdesk.tickets.models import Provider
from helpdesk.tickets.policies import can_work


def can_buy_incidents(user) -> bool:
    return is_client_user(user) and can_spend_money(user)


def can_charge(user, ticket) -> bool:
    return can_work(user, ticket) and can_spend_money(user)


def can_grant_incidents(user, ticket) -> bool:
    return can_work(user, ticket) and can_spend_money(user)


def incident_providers(user):
    """The providers a client can buy incidents from: those of their services, or every
    provider when they have no service yet."""
    providers = Provider.objects.filter(services__client_id=user.client_id).distinct()
    return providers if providers.exists() else Provider.objects.all()

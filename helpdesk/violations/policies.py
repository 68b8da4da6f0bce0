from helpdesk.tickets.policies import can_work


def can_register_violation(user, ticket) -> bool:
    return can_work(user, ticket)

"""The demo's people and accounts: providers, departments, staff, clients, services, money."""

import re
from dataclasses import dataclass, field
from datetime import time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from accounts.models import Attitude, Client, ClientGroup, LedgerEntry, User
from accounts.roles import Role, role_group
from helpdesk.demo.texts import BILLING, SALES, TECH
from helpdesk.incidents.actions import purchase_incidents
from helpdesk.tickets.models import Department, Provider, Service

HOSTCO = "HostCo"
CLOUDNINE = "CloudNine"
INCIDENT_PRICE = Decimal("10.00")
ACME_PAYMENT = Decimal("100.00")
PAID_CLIENT_PAYMENT = Decimal("120.00")
PAID_CLIENT_INCIDENTS = 8
PAID_CLIENT_COUNT = 5

ROUND_THE_CLOCK = {"workdays": "1234567", "workday_start": time(0), "workday_end": time(23, 59)}
DEPARTMENTS = (
    # provider, name, members, other fields
    (HOSTCO, TECH, ("staff",), {"response_minutes": 60, **ROUND_THE_CLOCK}),
    (HOSTCO, SALES, ("staff2",), {"response_minutes": 240}),
    (HOSTCO, BILLING, ("staff2", "root"), {"response_minutes": 480, "requires_incident": True}),
    (CLOUDNINE, TECH, ("staff",), {"response_minutes": 120, "workdays": "1234567"}),
    (CLOUDNINE, SALES, ("staff2",), {"response_minutes": 480}),
)

STAFF = (
    # username, first name, last name, role
    ("root", "Eduard", "Gromov", Role.ROOT),
    ("staff", "Anna", "Petrova", Role.ADMIN),
    ("staff2", "Mark", "Sullivan", Role.ADMIN),
)

# company, first name, last name of its login; the first two are the test personas.
CLIENTS = (
    ("Acme Hosting", "Alice", "Anderson"),
    ("Globex", "Bob", "Brown"),
    ("Initech", "Peter", "Gibbons"),
    ("Umbrella Web", "Jill", "Valentine"),
    ("Stark Digital", "Pepper", "Potts"),
    ("Wayne Media", "Lucius", "Fox"),
    ("Hooli", "Gavin", "Belson"),
    ("Pied Piper", "Richard", "Hendricks"),
    ("Vandelay Imports", "Art", "Vandelay"),
    ("Soylent Systems", "Robert", "Thorn"),
    ("Tyrell Networks", "Rachael", "Tyrell"),
    ("Cyberdyne Labs", "Miles", "Dyson"),
    ("Aperture Studio", "Cave", "Johnson"),
    ("Black Mesa Research", "Gordon", "Freeman"),
    ("Oceanic Travel", "Kate", "Austen"),
    ("Nakatomi Trading", "Joseph", "Takagi"),
    ("Dunder Mifflin Paper", "Pam", "Beesly"),
    ("Wonka Sweets", "Charlie", "Bucket"),
    ("Gringotts Finance", "Griphook", "Goblin"),
    ("Monarch Solutions", "Sarah", "Connor"),
    ("Massive Dynamic", "Nina", "Sharp"),
    ("Prestige Worldwide", "Brennan", "Huff"),
)

SERVICE_KINDS = ("VPS", "Shared hosting", "Domain", "Dedicated server")
CLIENT_NOTES = (
    "Prefers phone calls for anything urgent.",
    "Pays yearly; ask before changing plans.",
    "Technical contact is an outside agency.",
    "Had a chargeback once; check payments twice.",
)


@dataclass
class Cast:
    """Everything the ticket builders pick from."""

    departments: dict[tuple[str, str], Department]
    staff: dict[str, User]
    clients: list[Client]
    logins: dict[int, User] = field(default_factory=dict)
    services: dict[int, list[Service]] = field(default_factory=dict)
    home: dict[int, Provider] = field(default_factory=dict)
    paid: list[Client] = field(default_factory=list)

    @property
    def acme(self) -> Client:
        return self.clients[0]

    @property
    def globex(self) -> Client:
        return self.clients[1]

    @property
    def fillers(self) -> list[Client]:
        return self.clients[2:]


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.split()[0].lower())


def domain_of(client: Client) -> str:
    return f"{slug(client.name)}.example"


def ip_of(client: Client) -> str:
    return f"203.0.113.{10 + sum(map(ord, slug(client.name))) % 240}"


def build_cast(rng, *, clock, password: str) -> Cast:
    providers = {
        name: Provider.objects.create(name=name, incident_price=INCIDENT_PRICE)
        for name in (HOSTCO, CLOUDNINE)
    }
    # Hashing is deliberately slow; every demo login shares the one password anyway.
    password_hash = make_password(password)
    staff = {row[0]: create_staff(*row, password_hash=password_hash) for row in STAFF}
    departments = create_departments(providers, staff)
    cast = Cast(departments=departments, staff=staff, clients=[])
    attitudes, groups = create_characteristics()
    for number, row in enumerate(CLIENTS, start=1):
        clock.set(clock.moment + timedelta(days=3))
        client = create_client(cast, number, row, password_hash=password_hash)
        home = providers[CLOUDNINE if number > 2 and number % 4 == 0 else HOSTCO]
        create_services(cast, rng, client, home)
        if number > 2:
            characterise(client, rng, attitudes, groups)
    fund(cast, rng, providers[HOSTCO])
    return cast


def create_staff(username, first_name, last_name, role, *, password_hash) -> User:
    user = User.objects.create(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=f"{first_name}.{last_name}@example.com".lower(),
        password=password_hash,
        is_staff=role == Role.ROOT,
        is_superuser=role == Role.ROOT,
    )
    user.groups.add(role_group(role))
    return user


def create_departments(providers, staff) -> dict[tuple[str, str], Department]:
    departments = {}
    for provider_name, name, members, fields in DEPARTMENTS:
        department = Department.objects.create(
            provider=providers[provider_name], name=name, shown_to_clients=True, **fields
        )
        department.members.set([staff[username] for username in members])
        # Read back: the model's defaults for business hours are strings until loaded.
        departments[provider_name, name] = Department.objects.get(pk=department.pk)
    return departments


def create_characteristics():
    attitudes = {
        "VIP": Attitude.objects.create(name="VIP", weight=300),
        "Difficult": Attitude.objects.create(name="Difficult", weight=-60),
    }
    groups = {
        "Resellers": ClientGroup.objects.create(name="Resellers", weight=120),
        "Partners": ClientGroup.objects.create(name="Partners", weight=60),
    }
    return attitudes, groups


def create_client(cast, number, row, *, password_hash) -> Client:
    company, first_name, last_name = row
    client = Client.objects.create(name=company, email=f"office@{slug(company)}.example.com")
    login = User.objects.create(
        username="client" if number == 1 else f"client{number}",
        first_name=first_name,
        last_name=last_name,
        email=f"{first_name}.{last_name}@example.com".lower(),
        password=password_hash,
        client=client,
    )
    login.groups.add(role_group(Role.USER))
    cast.clients.append(client)
    cast.logins[client.pk] = login
    return client


def create_services(cast, rng, client, provider) -> None:
    name = slug(client.name)
    if client is cast.acme:
        kinds = ("VPS", "Shared hosting", "Domain")
    elif client is cast.globex:
        kinds = ("Dedicated server", "Domain")
    else:
        kinds = rng.sample(SERVICE_KINDS, rng.randint(1, 3))
    cast.home[client.pk] = provider
    cast.services[client.pk] = [
        Service.objects.create(
            client=client, provider=provider, name=service_name(kind, name), kind=kind
        )
        for kind in kinds
    ]


def service_name(kind: str, name: str) -> str:
    return {
        "VPS": f"vps-{name}-01.example.net",
        "Shared hosting": f"shared-{name}.example.net",
        "Domain": f"{name}.example",
        "Dedicated server": f"dedi-{name}-01.example.net",
    }[kind]


def characterise(client, rng, attitudes, groups) -> None:
    roll = rng.random()
    if roll < 0.15:
        client.attitude = attitudes["VIP"]
    elif roll < 0.3:
        client.attitude = attitudes["Difficult"]
    client.premium = rng.random() < 0.3
    if rng.random() < 0.3:
        client.note = rng.choice(CLIENT_NOTES)
    client.save(update_fields=["attitude", "premium", "note"])
    chosen = [group for group in groups.values() if rng.random() < 0.2]
    client.groups.set(chosen)


def fund(cast, rng, provider) -> None:
    """Acme gets a balance and no incidents; a few fillers buy incidents for Billing."""
    pay(cast.acme, ACME_PAYMENT, by=cast.staff["root"])
    candidates = [client for client in cast.fillers if cast.home[client.pk] == provider]
    cast.paid = rng.sample(candidates, PAID_CLIENT_COUNT)
    for client in cast.paid:
        pay(client, PAID_CLIENT_PAYMENT, by=cast.staff["root"])
        purchase_incidents(
            client, provider=provider, count=PAID_CLIENT_INCIDENTS, by=cast.logins[client.pk]
        )


def pay(client, amount, *, by) -> LedgerEntry:
    return LedgerEntry.objects.create(
        client=client,
        amount=amount,
        kind=LedgerEntry.Kind.PAYMENT,
        comment="Payment by card",
        created_by=by,
    )

from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import Client, LedgerEntry, User
from accounts.roles import Role, role_group
from helpdesk.messages.markdown import render_markdown
from helpdesk.messages.models import Message
from helpdesk.tickets.models import Department, Provider, Service, Ticket


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Provider {n}")
    incident_price = Decimal("10.00")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Department {n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.add(*extracted)


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    name = factory.Sequence(lambda n: f"Client {n}")
    email = factory.LazyAttribute(lambda o: f"{o.name.lower().replace(' ', '')}@example.com")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    first_name = "Test"
    last_name = factory.LazyAttribute(lambda o: o.username.capitalize())
    password = factory.PostGenerationMethodCall("set_password", "demo")

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        role = kwargs.pop("role", Role.USER)
        if role == Role.ROOT:
            kwargs.update(is_superuser=True, is_staff=True)
        if role == Role.USER and "client" not in kwargs:
            kwargs["client"] = ClientFactory()
        user = super()._create(model_class, *args, **kwargs)
        user.groups.add(role_group(role))
        return user


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    client = factory.SubFactory(ClientFactory)
    # The provider of the `tech`/`sales`/`billing` fixtures, so services fit their tickets.
    provider = factory.SubFactory(ProviderFactory, name="HostCo")
    name = factory.Sequence(lambda n: f"vps{n}.example.net")
    kind = "VPS"


def add_balance(client, amount) -> LedgerEntry:
    return LedgerEntry.objects.create(
        client=client, amount=Decimal(amount), kind=LedgerEntry.Kind.PAYMENT
    )


class TicketFactory(factory.django.DjangoModelFactory):
    """A bare ticket row; tests of behaviour open tickets through the actions instead."""

    class Meta:
        model = Ticket

    subject = factory.Sequence(lambda n: f"Ticket subject {n}")
    department = factory.SubFactory(DepartmentFactory)
    provider = factory.LazyAttribute(lambda o: o.department.provider)
    client = factory.SubFactory(ClientFactory)
    created_by = factory.LazyAttribute(lambda o: UserFactory(client=o.client))
    waiting_since = factory.LazyFunction(timezone.now)
    last_message_at = factory.LazyFunction(timezone.now)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    ticket = factory.SubFactory(TicketFactory)
    author = factory.LazyAttribute(lambda o: o.ticket.created_by)
    kind = Message.Kind.INCOMING
    body = factory.Sequence(lambda n: f"Message **{n}**")
    html = factory.LazyAttribute(lambda o: render_markdown(o.body, ticket_id=o.ticket.pk))


class ReplyTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "replies.ReplyTemplate"

    name = factory.Sequence(lambda n: f"Template {n}")
    body = "Hello {user.first_name}, about #{ticket.id}."
    scope = "common"
    owner = factory.SubFactory(UserFactory)
    order = factory.Sequence(lambda n: n)

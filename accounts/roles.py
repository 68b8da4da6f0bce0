from enum import IntEnum

from django.utils.translation import gettext_lazy as _


class Role(IntEnum):
    """Access levels, ordered so that a higher role may do what a lower staff role may."""

    USER = 1
    ADMIN = 2
    ROOT = 3

    @property
    def group_name(self) -> str:
        return self.name.lower()

    @property
    def label(self):
        return {Role.USER: _("client"), Role.ADMIN: _("staff"), Role.ROOT: _("root")}[self]

    @classmethod
    def highest_of(cls, group_names) -> "Role":
        present = [role for role in cls if role.group_name in group_names]
        return max(present, default=cls.USER)


def role_group(role: Role):
    """The Django group of a role. Created on demand: a database flush (transactional
    tests) removes the groups the data migration made."""
    from django.contrib.auth.models import Group

    return Group.objects.get_or_create(name=role.group_name)[0]

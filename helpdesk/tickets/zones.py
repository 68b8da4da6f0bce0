"""Time zones a department's business hours can be kept in."""

from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def zone_names() -> list[str]:
    return sorted(available_timezones())


def validate_time_zone(name: str) -> None:
    if name and name not in zone_names():
        raise ValidationError(
            _("“%(name)s” is not a time zone; use a name such as Europe/Madrid."),
            params={"name": name},
            code="time_zone",
        )


def department_zone(department) -> ZoneInfo:
    return ZoneInfo(department.time_zone or settings.TIME_ZONE)

"""One API call: who makes it and its parameters, parsed safely. Every parsing problem is
an ActionError of type `value` naming the parameter, never an exception that escapes."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from helpdesk.errors import ActionError
from helpdesk.ids import parse_ids
from helpdesk.numbers import parse_whole
from helpdesk.paging import Page

MAX_PAGE_SIZE = 1000
MAX_PAGE_NUMBER = 1_000_000
DEFAULT_PAGE_SIZE = 100
MAX_IDS = 1000


@dataclass
class Call:
    request: object
    user: object
    params: object  # a QueryDict of GET and POST together
    session: object = None
    files: object = None  # request.FILES
    token_id: int | None = None  # the API token the caller logged in with, if any
    cookies: dict | None = None  # cookies the answer sets (the `auth` session cookie)

    def get(self, name: str, default: str = "") -> str:
        return self.params.get(name, default)

    def has(self, name: str) -> bool:
        return name in self.params

    @property
    def committing(self) -> bool:
        """BILLmanager's `sok`: any non-empty value commits; without it a form shows."""
        return bool(self.get("sok"))

    def flag(self, name: str):
        """An on/off parameter: True, False, or None when absent."""
        if not self.has(name):
            return None
        value = self.get(name).strip().lower()
        if value not in ("on", "off", "yes", "no", "1", "0", ""):
            raise ActionError(_("Use on or off."), field=name)
        return value in ("on", "yes", "1")

    def ids(self, name: str = "elid") -> list[int]:
        """An id or a list of ids: "1, 2" and "1,2" both work."""
        value = self.get(name)
        if not value.strip():
            raise ActionError(_("Say which object: %(name)s is missing.") % {"name": name},
                              field=name)  # fmt: skip
        parsed = parse_ids([value])
        if parsed.junk:
            raise ActionError(_("%(name)s must be a number or a comma-separated list of numbers.")
                              % {"name": name}, field=name)  # fmt: skip
        if parsed.impossible or len(parsed.ids) > MAX_IDS:
            raise ActionError(_("%(name)s holds an impossible id.") % {"name": name}, field=name)
        return parsed.ids

    def id(self, name: str = "elid") -> int:
        numbers = self.ids(name)
        if len(numbers) != 1:
            raise ActionError(_("Give exactly one id in %(name)s.") % {"name": name}, field=name)
        return numbers[0]

    def optional_id(self, name: str):
        """An id, or None when the parameter is empty or `null` (JavaScript clients send
        a cleared select as "null")."""
        return self.id(name) if self.get(name).strip() not in ("", "null") else None

    def uploads(self) -> list:
        """Attachments `file_1` … `file_N` (any `file*` field), in their number order."""
        names = sorted(self.files, key=lambda key: (len(key), key))
        return [upload for key in names if key.startswith("file") for upload in
                self.files.getlist(key)]  # fmt: skip

    def page(self) -> Page:
        return Page(
            number=self.positive("p_num", 1, MAX_PAGE_NUMBER),
            size=self.positive("p_cnt", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
        )

    def positive(self, name: str, default: int, maximum: int) -> int:
        if not self.get(name).strip():
            return default
        number = parse_whole(self.get(name))
        if number is None or not 1 <= number <= maximum:
            raise ActionError(_("%(name)s must be a whole number from 1 to %(max)s.")
                              % {"name": name, "max": maximum}, field=name)  # fmt: skip
        return number

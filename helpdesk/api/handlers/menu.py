"""`menu` (the caller's main menu: which lists of the support section this session may
open; client areas show a section only when the menu names it) and `avatar` (the picture
beside a message, which client areas load from the address in the message's `avatar`)."""

from django.shortcuts import redirect
from django.templatetags.static import static

from helpdesk.api import lookups, registry
from helpdesk.api.registry import anyone, function

SECTIONS = {
    "support": ("clientticket", "clientticket_archive", "ticket", "ticket_all",
                "ticket_favorite", "abuse_task", "anstempl", "report.support"),
}  # fmt: skip


@function("menu", who=anyone)
def menu(call):
    sections = []
    for section, names in SECTIONS.items():
        nodes = [{"$name": name} for name in names if registry.allows(name, call.user)]
        if nodes:
            sections.append({"$name": section, "node": nodes})
    return {"mainmenu": {"node": sections}}


AVATARS = {"support": "img/avatar-support.svg", "client": "img/avatar-client.svg"}


@function("avatar", who=anyone, public=True)
def avatar(call):
    """The same picture for every member of a side (`support` or `client`): no login, so
    it tells nothing about a person."""
    picture = AVATARS.get(call.get("elid"))
    if picture is None:
        raise lookups.missed("elid", [call.get("elid")[:20]])
    return redirect(static(picture))

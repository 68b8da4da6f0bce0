"""What the demo people write: hosting-support conversations as Markdown templates.

Placeholders are `{domain}`, `{service}`, `{ip}`, `{name}` (the client's first name),
`{agent}` (the staff member's first name) and `{provider}`. They are filled by plain
replacement, not `str.format`, because nginx and zone snippets are full of braces.
"""

from dataclasses import dataclass

TECH = "Technical support"
SALES = "Sales"
BILLING = "Billing"


@dataclass(frozen=True)
class Topic:
    key: str
    department: str
    subjects: tuple[str, ...]
    openings: tuple[str, ...]
    replies: tuple[str, ...]
    followups: tuple[str, ...]
    notes: tuple[str, ...] = ()


def fill(template: str, **values) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", str(value))
    return template


SIGNATURE = "\n\n— {agent}, {provider} support"

THANKS = (
    "Thank you, that solved it!",
    "All good now, thanks for the quick help.",
    "Works. You can close this.",
    "Perfect, thanks **a lot**!",
)

CLOSING_REPLIES = (
    "Glad it works. I'm closing this ticket; just write here if anything comes back." + SIGNATURE,
    "You're welcome! Closing the ticket." + SIGNATURE,
)

NUDGES = (
    "Any news? It is still happening.",
    "Forgot to mention: it started right after we changed the DNS.",
    "**Urgent** — our customers are calling us about it.",
)

SECOND_QUESTIONS = (
    "By the way, unrelated: can I get an invoice for last year in one PDF?",
    "One more thing, not related: how do I add a second user to our panel account?",
)

WRONG_REPLY = (
    "Hello {name},\n\nI checked the server `198.51.100.250` and everything looks fine from "
    "here." + SIGNATURE
)
HIDDEN_REPLY_NOTE = "Hid my previous reply: it named another client's server address."

VIOLATION_NOTES = (
    "Outgoing spam from {service}: 1,200 complaints from the feedback loop in one hour.",
    "Phishing page under https://{domain}/secure-login/ reported by a bank.",
    "Abusive language towards staff in the ticket.",
)

CHARGE_COMMENTS = ("Manual migration of two extra sites", "Database recovery outside the plan")

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http.multipartparser import MultiPartParserError

# What reading a request's parameters can raise on a malformed or oversized body.
UNREADABLE_REQUEST = (MultiPartParserError, SuspiciousOperation, BadRequest, UnicodeDecodeError)


class ActionError(Exception):
    """A refused operation, with a sentence a person can act on.

    `code` is BILLmanager's error type (`value`, `access`, `missed`, `exists`, `auth`) and
    `field` the parameter or object it is about; the API and the browser views both turn
    it into their own kind of error message.
    """

    def __init__(self, message, *, code="value", field=""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def __str__(self):
        return str(self.message)


class StaleReply(ActionError):
    """The ticket got a message the author has not seen; the reply was not sent."""

    def __init__(self, message, *, new_messages):
        super().__init__(message, code="exists", field="message")
        self.new_messages = new_messages


def add_action_error(form, error, aliases=None) -> None:
    """Put an action's refusal on the field it is about (BILLmanager's parameter names are
    translated by `aliases`), else on the whole form."""
    field = (aliases or {}).get(error.field, error.field)
    form.add_error(field if field in form.fields else None, str(error.message))

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

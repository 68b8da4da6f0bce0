from accounts.submit_once import FIELD, new_token


def with_token(data=None) -> dict:
    """Form data as the page sends it: with a fresh one-time form token."""
    return {**(data or {}), FIELD: new_token()}

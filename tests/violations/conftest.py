"""The API test client for the abuse tests that read /billmgr."""

from tests.api.conftest import api, session_for  # noqa: F401 (fixtures)

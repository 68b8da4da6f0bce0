"""The hand-made week of the report tests."""

from tests.reports.conftest import week  # noqa: F401

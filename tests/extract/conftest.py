"""Fixtures for the extract tests."""

from __future__ import annotations

import pytest

from tests.extract.pages import PAGES


@pytest.fixture(params=list(PAGES))
def key(request: pytest.FixtureRequest) -> str:
    """Every demo page in turn."""
    return request.param

"""Fixtures: the demo world in both versions, each served on 127.0.0.1 by a real DemoServer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from newscrawl.demo.server import DemoServer
from newscrawl.demo.world import DemoWorld

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="session")
def world() -> DemoWorld:
    return DemoWorld()


@pytest.fixture(scope="session")
def server(world: DemoWorld) -> Iterator[DemoServer]:
    with DemoServer(world) as running:
        yield running


@pytest.fixture(scope="session")
def updated_server() -> Iterator[DemoServer]:
    with DemoServer(DemoWorld(version="updated")) as running:
        yield running

"""The outlet register (`outlets.toml`): news outlets and agencies, their names and domains.

Shared data, like `anchors.py`: the extract stage reads the agencies' names from it to
recognise credit lines and datelines, the provenance stage resolves attributions, links and
credits to outlets. Names live in the data file, so adding an outlet needs no code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

REGISTER = Path(__file__).parent / "outlets.toml"

CreditKind = Literal["wire", "photo"]


@dataclass(frozen=True)
class Outlet:
    """A news outlet or agency."""

    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    agency: bool
    # How the outlet signs other pages' content: "wire" in datelines and sign-offs
    # ("WASHINGTON (AP) —", "— Reuters"), "photo" in photo credits only ("Jane Doe | Getty").
    credit: CreditKind | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def home(self) -> str:
        return self.domains[0]


def read_outlets(path: Path = REGISTER) -> tuple[Outlet, ...]:
    """Every outlet of the register at `path` (by default the one shipped with newscrawl)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Outlet(
            o["name"],
            tuple(o.get("aliases", ())),
            tuple(o["domains"]),
            o.get("agency", False),
            o.get("credit"),
        )
        for o in data["outlet"]
    )


def credit_names(*kinds: CreditKind) -> list[str]:
    """Every name (aliases included) of the outlets that sign credits of `kinds`, longest
    first, so that a regex alternation built from them prefers "AP Photo" to "AP"."""
    names = (n for o in read_outlets() if o.credit in kinds for n in o.names)
    return sorted(names, key=len, reverse=True)

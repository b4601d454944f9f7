"""Parts of hostile worlds for crawl tests: a small world of pages, and a scripted resolver."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscrawl.demo.world import Resource
from newscrawl.spiders.resolver import GuardedResolver

if TYPE_CHECKING:
    from collections.abc import Mapping

# Each name's answers still to give, shared by every ScriptedResolver of the process, as one
# system resolver would be.
_script: dict[str, list[list[str]]] = {}


class SmallWorld:
    """A `Resolver` of a few pages (anything else is a 404)."""

    def __init__(self, pages: Mapping[str, Resource]) -> None:
        self.pages = dict(pages)

    def resolve(self, url: str, request_headers: Mapping[str, str]) -> Resource:
        return self.pages.get(url, Resource(404, (("Content-Type", "text/plain"),), b"no"))


def html(body: str, head: str = "") -> Resource:
    page = f"<html><head><title>t</title>{head}</head><body>{body}</body></html>"
    return Resource(200, (("Content-Type", "text/html; charset=utf-8"),), page.encode())


def scripted_lookup(host: str) -> list[str]:
    """The system resolver, as the JSON file named by SCRIPTED_DNS scripts it: each name's
    answers in turn (the last one repeats; an empty answer is a failed lookup). Every lookup
    is written down in the file next to it, `.asked`."""
    path = Path(os.environ["SCRIPTED_DNS"])
    if not _script:
        _script.update(json.loads(path.read_text()))
    with path.with_suffix(".asked").open("a") as asked:
        asked.write(host + "\n")
    answers = _script.get(host) or [[]]
    answer = answers.pop(0) if len(answers) > 1 else answers[0]
    if not answer:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return answer


class ScriptedResolver(GuardedResolver):
    """The crawl's resolver with the system resolver replaced by `scripted_lookup`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs, lookup=scripted_lookup)

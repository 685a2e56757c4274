"""robots.txt names only routes that exist: a listed path that answers 404 tells crawlers (and readers of the file)
about pages the platform does not have."""

import re

import pytest
from django.urls import Resolver404, resolve

from defdays.core.access import iter_url_rules
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


def _routes_filled(year: int) -> list[str]:
    return ["/" + route.replace("<year:year>", str(year)) for route, *_ in iter_url_rules()]


def _exists(path: str, routes: list[str]) -> bool:
    """The path is a page, or the literal start of at least one route (e.g. /2013/sessions/ for session pages)."""
    try:
        resolve(path)
        return True
    except Resolver404:
        return any(route.split("<", 1)[0].startswith(path) for route in routes)


def test_every_path_in_robots_txt_is_a_route(client, edition):
    EditionFactory(year=2014)
    text = client.get("/robots.txt").content.decode()
    paths = re.findall(r"^(?:Allow|Disallow): (\S+)$", text, re.M)
    assert "/2013/" in " ".join(paths) and "/2014/" in " ".join(paths)
    routes = _routes_filled(2013) + _routes_filled(2014)
    missing = [path for path in paths if not _exists(path.rstrip("$"), routes)]
    assert missing == []


def test_robots_txt_keeps_crawlers_off_manage_links(client, edition):
    text = client.get("/robots.txt").content.decode()
    assert "Allow: /2013/open-session/$" in text and "Allow: /2013/open-session/\n" not in text

"""/sitemap.xml: each app registers the Django `Sitemap` of its public pages in AppConfig.ready(), so core knows
no domain app. A section lists only what an anonymous visitor may open now: it asks the app's own public
selectors, never a looser query, so nothing closed, drafted, scheduled or embargoed is ever named here."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

_SECTIONS: dict[str, type[Sitemap]] = {}


def register(name: str, sitemap: type[Sitemap]) -> None:
    _SECTIONS[name] = sitemap


def sections() -> dict[str, type[Sitemap]]:
    return dict(_SECTIONS)

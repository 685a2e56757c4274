"""A draft, a scheduled and an embargoed canary never appear on any URL of the site before their time, for any
viewer: every URL pattern (tests/security/crawl.py) as every role; organisers only outside their own news pages,
where writing and previewing drafts is the point."""

import pytest

from defdays.editions.models import Edition
from tests.news.conftest import CANARY_WORDS, make_canaries
from tests.security.crawl import ROLE_KEYS, build_demo, client_for, concrete_urls

pytestmark = pytest.mark.django_db

# Where organisers see their drafts (and the organisers' audit log, which names posts by id only).
ORGANISERS_OWN = ("news:orga", "news:orga_new", "news:orga_post", "news:orga_preview", "news:orga_unpublish")


def test_no_canary_on_any_url_for_any_viewer():
    build_demo()
    make_canaries(Edition.objects.get(year=2013))
    urls = concrete_urls()
    leaks = []
    for role_key in [None, "norole", *ROLE_KEYS]:
        client = client_for(role_key)
        for name, url, _rule in urls:
            if name in {"accounts:logout"}:
                continue
            if role_key == "organiser" and name in ORGANISERS_OWN:
                continue
            text = client.get(url).content.decode(errors="replace")
            leaks += [(role_key, url, word) for word in CANARY_WORDS if word in text]
    assert leaks == []

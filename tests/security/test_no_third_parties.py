"""Nothing loads from another host: every template source, every static file, and every page as every role."""

from pathlib import Path

import pytest

import defdays
from tests.security.crawl import ROLE_KEYS, build_demo, client_for, concrete_urls, external_references

SOURCE = Path(defdays.__file__).resolve().parent


def test_the_checker_catches_each_kind_of_external_reference():
    samples = [
        '<script src="https://cdn.example.com/x.js"></script>',
        '<link rel="stylesheet" href="https://fonts.example.com/css">',
        '<img srcset="//img.example.com/a.png 2x">',
        "body { background: url('https://tracker.example.com/p.gif') }",
        '@import "https://fonts.example.com/font.css";',
        '<form action="https://elsewhere.example.com/">',
    ]
    for sample in samples:
        assert external_references(sample), sample
    assert external_references('<link rel="stylesheet" href="/static/defdays/site.css">') == []
    assert external_references('<a href="https://www.example.org/">a plain link</a>') == []


def test_no_template_or_static_file_points_to_another_host():
    offenders = []
    for path in (
        list(SOURCE.rglob("templates/**/*.html"))
        + list(SOURCE.rglob("static/**/*.css"))
        + list(SOURCE.rglob("static/**/*.js"))
    ):
        if external_references(path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(SOURCE)))
    assert offenders == []


@pytest.mark.django_db
def test_no_rendered_page_points_to_another_host_for_any_role():
    build_demo()
    urls = concrete_urls()
    offenders = []
    for role_key in [None, *ROLE_KEYS]:
        client = client_for(role_key)
        for name, url, _rule in urls:
            if name == "accounts:logout":
                continue
            response = client.get(url)
            if response.get("Content-Type", "").startswith("text/html"):
                found = external_references(response.content.decode())
                if found:
                    offenders.append((role_key, name, found))
    assert offenders == []

"""The country report: versions, bylines, the embargo on both addresses, the PDF's text and metadata, and
Markdown that tries to run something."""

import io
import re
from datetime import timedelta

import pypdf
import pytest
from django.test import Client
from django.utils import timezone

from defdays.award.embargo import announcement_hooks
from defdays.award.models import AwardCycle
from defdays.reports import selectors, services
from defdays.reports.models import CountryReport
from tests.conftest import sign_in

REPORT = """## Introduction

Defenders in Testland work under pressure.[^first]

### Arrests in the capital

Forty-one arrests were recorded.[^second]

## Recommendations

Release everyone detained.[^third]

[^first]: Footnote alpha: interviews, 2012.
[^second]: Footnote bravo: court records.
[^third]: Footnote charlie: our own documentation.
"""
HEADINGS = ["Introduction", "Arrests in the capital", "Recommendations"]
NOTES = [
    "Footnote alpha: interviews, 2012.",
    "Footnote bravo: court records.",
    "Footnote charlie: our own documentation.",
]
TITLE = "Defending rights in Testland"


@pytest.fixture
def people(make_user, edition):
    return {
        "organiser": make_user("organiser", edition=edition, public_name="Orga Person"),
        "author": make_user(edition=edition, public_name="Realname Authorperson"),
        "plain_author": make_user(edition=edition, public_name="Second Realname"),
        "defender": make_user("defender", edition=edition),
        "attendee": make_user("attendee", edition=edition),
        "jury": make_user("jury", edition=edition),
    }


def _write(edition, people, body=REPORT, *, approve=True):
    services.author_add(edition=edition, user=people["author"], pseudonym="Aster", by=people["organiser"])
    services.author_add(edition=edition, user=people["plain_author"], pseudonym="", by=people["organiser"])
    services.version_save(
        edition=edition, title=TITLE, country="Testland", body=body, base_number=0, by=people["author"]
    )
    if approve:
        services.version_approve(edition=edition, number=1, by=people["organiser"])


def _announce(edition):
    cycle, _ = AwardCycle.objects.get_or_create(edition=edition)
    cycle.announced_at = timezone.now() - timedelta(minutes=1)
    cycle.save()


def _client(user=None):
    return sign_in(Client(), user) if user is not None else Client()


def _pdf(response):
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def _positions(text, needles):
    positions = [text.find(needle) for needle in needles]
    assert -1 not in positions, (needles, positions)
    return positions


@pytest.mark.django_db
def test_pdf_text_holds_the_title_the_headings_and_the_footnotes_in_order(edition, people):
    _write(edition, people)
    _announce(edition)
    reader = _pdf(Client().get("/2013/award/report.pdf"))
    cover, contents, *text_pages = (page.extract_text() for page in reader.pages)
    assert TITLE in cover and "Aster" in cover and "Civil Rights Defenders" in cover
    assert _positions(contents, HEADINGS) == sorted(_positions(contents, HEADINGS))
    # Each entry carries the page its heading is on (target-counter): all three are on the first text page.
    laid_out = reader.pages[1].extract_text(extraction_mode="layout")
    for heading in HEADINGS:
        assert re.search(rf"{heading}\s+3\s*$", laid_out, re.MULTILINE), laid_out
    text = "\n".join(text_pages)
    headings = _positions(text, HEADINGS)
    notes = _positions(text, NOTES)
    assert headings == sorted(headings)
    assert notes == sorted(notes)
    # Page numbers from the @page counters: "3 / 3" at the foot of the text's page.
    assert f"{len(reader.pages)} / {len(reader.pages)}" in reader.pages[-1].extract_text()


@pytest.mark.django_db
def test_pdf_metadata_holds_the_title_and_no_author_or_software(edition, people):
    _write(edition, people)
    _announce(edition)
    reader = _pdf(Client().get("/2013/award/report.pdf"))
    assert dict(reader.metadata) == {"/Title": TITLE}
    assert reader.xmp_metadata is None
    raw = bytes(Client().get("/2013/award/report.pdf").content)
    for secret in (b"Realname", b"Authorperson", b"Orga Person", b"WeasyPrint", b"/Producer", b"/Creator", b"/Author"):
        assert secret not in raw


@pytest.mark.django_db
def test_both_addresses_are_404_before_the_announcement_except_for_authors_and_organisers(edition, people):
    _write(edition, people)
    outsiders = [None, people["defender"], people["attendee"], people["jury"]]
    insiders = [people["author"], people["plain_author"], people["organiser"]]
    for url in ("/2013/award/report/", "/2013/award/report.pdf"):
        for user in outsiders:
            assert _client(user).get(url).status_code == 404, (url, user)
        for user in insiders:
            assert _client(user).get(url).status_code == 200, (url, user)
    page = _client(people["author"]).get("/2013/award/report/").content.decode()
    assert "Draft, version 1" in page and "noindex" in page

    _announce(edition)
    for url in ("/2013/award/report/", "/2013/award/report.pdf"):
        for user in outsiders:
            assert _client(user).get(url).status_code == 200, (url, user)
    page = Client().get("/2013/award/report/").content.decode()
    assert TITLE in page and "Draft" not in page


@pytest.mark.django_db
def test_announced_but_not_approved_stays_404_and_later_drafts_stay_unpublished(edition, people):
    _write(edition, people, approve=False)
    _announce(edition)
    assert Client().get("/2013/award/report/").status_code == 404
    assert Client().get("/2013/award/report.pdf").status_code == 404
    services.version_approve(edition=edition, number=1, by=people["organiser"])
    services.version_save(
        edition=edition,
        title=TITLE,
        country="Testland",
        body="Unreviewed draft text.",
        base_number=1,
        by=people["author"],
    )
    page = Client().get("/2013/award/report/").content.decode()
    assert "Forty-one arrests" in page and "Unreviewed draft text" not in page


@pytest.mark.django_db
def test_the_page_has_a_table_of_contents_and_names_authors_only_by_their_byline(edition, people):
    from defdays.accounts import visibility

    _write(edition, people)
    _announce(edition)
    page = Client().get("/2013/award/report/").content.decode()
    for heading in HEADINGS:
        assert f'href="#s-{heading.lower().replace(" ", "-")}"' in page
    assert 'href="#notes"' in page and 'id="notes"' in page
    assert "Aster" in page and "Civil Rights Defenders" in page
    assert "Realname" not in page
    # An author who asks to be hidden signs as the organisation, on the page and in a fresh PDF.
    visibility.set_hidden(people["author"].pk, True, by="self")
    assert "Aster" not in Client().get("/2013/award/report/").content.decode()
    assert "Aster" not in _pdf(Client().get("/2013/award/report.pdf")).pages[0].extract_text()


def _elements(html):
    """Every tag and (attribute, value) in `html`, as a browser's parser reads them."""
    from html.parser import HTMLParser

    tags, attributes = [], []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)
            attributes.extend((name, value or "") for name, value in attrs)

    Collect().feed(html)
    return tags, attributes


HOSTILE = """# Hostile

<script>alert("page")</script>

[click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)

<img src=x onerror=alert(1)> <a href="javascript:alert(2)">raw</a>

![tracker](https://tracker.example/pixel.png)

Text[^n]

[^n]: A note with <script>alert("note")</script> and [a link](javascript:alert(3)).
"""


@pytest.mark.django_db
def test_markdown_with_script_and_javascript_links_stays_harmless_in_html_and_pdf(edition, people):
    _write(edition, people, body=HOSTILE)
    _announce(edition)
    page = Client().get("/2013/award/report/").content.decode()
    tags, attributes = _elements(page[page.index('<article class="report-body">') :])
    assert "script" not in tags and "iframe" not in tags
    assert not [name for name, _value in attributes if name.startswith("on")]
    links = [value.strip().lower() for name, value in attributes if name in {"href", "src"}]
    assert not [link for link in links if not link.startswith(("#", "/", "https:", "http:", "mailto:"))], links
    assert not [link for name, link in attributes if name == "src" and not link.startswith("/")]
    assert "<script>" in page.replace("&lt;script&gt;", "<script>")  # the typed tag is shown as text

    reader = _pdf(Client().get("/2013/award/report.pdf"))
    catalog = reader.trailer["/Root"]
    assert "/OpenAction" not in catalog and "/AA" not in catalog
    assert "/JavaScript" not in catalog.get("/Names", {})
    for page_obj in reader.pages:
        for annotation in page_obj.get("/Annots") or []:
            action = annotation.get_object().get("/A", {})
            assert action.get("/S") != "/JavaScript"
            assert not str(action.get("/URI", "")).lower().startswith(("javascript", "data"))
    raw = bytes(Client().get("/2013/award/report.pdf").content)
    assert b"/JavaScript" not in raw
    assert "<script>" in "".join(p.extract_text() for p in reader.pages)  # shown as text, never run


def test_the_pdf_fetches_nothing_but_this_sites_static_files():
    from defdays.reports.pdf import LocalOnlyFetcher
    from defdays.reports.rendering import STATIC_PREFIX

    fetcher = LocalOnlyFetcher()
    assert fetcher(STATIC_PREFIX + "reports/report_pdf.css").url.endswith("report_pdf.css")
    for url in (
        "https://tracker.example/pixel.png",
        "http://127.0.0.1:8000/admin/",
        "file:///etc/passwd",
        "data:text/css,body{}",
        STATIC_PREFIX + "../../settings.py",
        STATIC_PREFIX + "reports/nothing-here.css",
    ):
        with pytest.raises(ValueError):
            fetcher(url)


@pytest.mark.django_db
def test_every_save_is_a_new_version_and_a_stale_save_is_refused(edition, people):
    _write(edition, people, approve=False)
    services.version_save(
        edition=edition,
        title=TITLE,
        country="Testland",
        body=REPORT.replace("Forty-one", "Forty-two"),
        base_number=1,
        by=people["plain_author"],
    )
    with pytest.raises(services.StaleEdit):
        services.version_save(
            edition=edition, title=TITLE, country="Testland", body="x", base_number=1, by=people["author"]
        )
    report = CountryReport.objects.get(edition=edition)
    assert list(report.versions.values_list("number", flat=True)) == [2, 1]
    diff = selectors.version_diff(report.versions.get(number=1), report.versions.get(number=2))
    assert [(d.kind, d.text) for d in diff if d.kind in {"added", "removed"}] == [
        ("removed", "Forty-one arrests were recorded.[^second]"),
        ("added", "Forty-two arrests were recorded.[^second]"),
    ]
    author = _client(people["author"])
    page = author.get("/me/report/2013/versions/2/").content.decode()
    assert "Forty-one arrests" in page and "Forty-two arrests" in page and "<del>" in page and "<ins>" in page


@pytest.mark.django_db
def test_drafts_versions_and_comments_are_for_authors_and_organisers_only(edition, people):
    _write(edition, people, approve=False)
    author = _client(people["author"])
    response = author.post("/me/report/2013/versions/1/comment/", {"body": "Needs a source for the arrests."})
    assert response.status_code == 302
    assert "Needs a source" in _client(people["organiser"]).get("/me/report/2013/versions/1/").content.decode()
    response = author.post(
        "/me/report/2013/",
        {"title": TITLE, "country": "Testland", "body": REPORT + "\nSource added.", "base_number": 1},
    )
    assert response.status_code == 302
    assert CountryReport.objects.get(edition=edition).versions.count() == 2
    for user in (people["defender"], people["jury"], people["attendee"]):
        client = _client(user)
        for url in ("/me/report/2013/", "/me/report/2013/versions/1/"):
            assert client.get(url).status_code == 404
        assert client.post("/me/report/2013/versions/1/comment/", {"body": "x"}).status_code == 404
        assert (
            client.post("/me/report/2013/", {"title": "x", "country": "x", "body": "x", "base_number": 2}).status_code
            == 404
        )
    assert CountryReport.objects.get(edition=edition).versions.count() == 2


@pytest.mark.django_db
def test_organisers_give_authorship_and_approve_with_a_confirmation(edition, people):
    organiser = _client(people["organiser"])
    response = organiser.post("/orga/2013/report/", {"email": people["defender"].email, "pseudonym": "Nightjar"})
    assert response.status_code == 302
    assert selectors.is_author(people["defender"], selectors.report_of(edition))
    defender = _client(people["defender"])
    assert defender.get("/me/report/2013/").status_code == 200
    defender.post("/me/report/2013/", {"title": TITLE, "country": "Testland", "body": REPORT, "base_number": 0})
    first = organiser.post("/orga/2013/report/approve/", {"number": 1})
    assert first.status_code == 200 and CountryReport.objects.get(edition=edition).approved_version is None
    organiser.post("/orga/2013/report/approve/", {"number": 1, "confirm": "yes"})
    assert CountryReport.objects.get(edition=edition).approved_version.number == 1


@pytest.mark.django_db
def test_the_announcement_hook_records_the_publication(edition, people):
    from defdays.audit.models import AuditEvent

    _write(edition, people)
    for hook in announcement_hooks():
        hook(edition)
    assert AuditEvent.objects.filter(action="reports.published", edition=edition).count() == 1


@pytest.mark.django_db
def test_an_organiser_writes_the_first_version_of_a_report_that_does_not_exist_yet(edition, people):
    organiser = _client(people["organiser"])
    assert _client(people["author"]).get("/me/report/2013/").status_code == 404
    assert organiser.get("/me/report/2013/").status_code == 200
    response = organiser.post(
        "/me/report/2013/", {"title": TITLE, "country": "Testland", "body": REPORT, "base_number": 0}
    )
    assert response.status_code == 302
    assert CountryReport.objects.get(edition=edition).versions.get().saved_by == people["organiser"]
    stale = organiser.post(
        "/me/report/2013/", {"title": TITLE, "country": "Testland", "body": "Mine", "base_number": 0}
    )
    assert stale.status_code == 200 and "newer version" in stale.content.decode()
    assert CountryReport.objects.get(edition=edition).versions.count() == 1


@pytest.mark.django_db
def test_the_pdf_is_built_once_per_version_and_a_cached_draft_never_reaches_a_visitor(edition, people, monkeypatch):
    from defdays.reports import pdf

    # The real build, counted.
    builds = []
    real_build = pdf.build_pdf

    def counting_build(reading):
        builds.append(reading.version.number)
        return real_build(reading)

    monkeypatch.setattr(pdf, "build_pdf", counting_build)
    _write(edition, people)
    author = _client(people["author"])
    assert "no-store" in author.get("/2013/award/report.pdf")["Cache-Control"]
    assert Client().get("/2013/award/report.pdf").status_code == 404  # the cached draft stays with its editors
    _announce(edition)
    first = Client().get("/2013/award/report.pdf").content
    assert Client().get("/2013/award/report.pdf").content == first
    assert builds == [1, 1]  # the draft once, the published version once
    services.version_save(
        edition=edition, title="Second title", country="Testland", body=REPORT, base_number=1, by=people["author"]
    )
    services.version_approve(edition=edition, number=2, by=people["organiser"])
    assert _pdf(Client().get("/2013/award/report.pdf")).metadata["/Title"] == "Second title"
    assert builds == [1, 1, 2]

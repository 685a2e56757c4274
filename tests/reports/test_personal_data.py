"""The report's part of a person's data: exported, erased, purged; the published text stays."""

import pytest

from defdays.reports import personal_data, selectors, services
from defdays.reports.models import ORGANISATION_BYLINE, CountryReport, ReportAuthor, ReviewComment


@pytest.fixture
def written(make_user, edition):
    organiser = make_user("organiser", edition=edition)
    author = make_user(edition=edition, public_name="Canary Authorname")
    services.author_add(edition=edition, user=author, pseudonym="Petrel", by=organiser)
    version = services.version_save(
        edition=edition, title="T", country="C", body="## Text\n\nBody.", base_number=0, by=author
    )
    services.comment_add(version=version, body="Canary comment text", by=author)
    return author


@pytest.mark.django_db
def test_export_holds_authorship_versions_and_comments(written):
    data = personal_data.export_for(written)
    assert data["authorships"][0]["listed_as"] == "Petrel"
    assert data["versions_saved"][0]["version"] == 1
    assert data["review_comments"][0]["comment"] == "Canary comment text"


@pytest.mark.django_db
def test_erasure_removes_the_person_and_keeps_the_text(written, edition):
    from defdays.people.services import erase

    erase(written)
    report = CountryReport.objects.get(edition=edition)
    assert not ReportAuthor.objects.exists() and not ReviewComment.objects.exists()
    assert report.versions.get().saved_by is None and report.versions.get().body.startswith("## Text")
    assert selectors.bylines(report) == (ORGANISATION_BYLINE,)


@pytest.mark.django_db
def test_purge_forgets_authors_and_comments(written, edition):
    counts = personal_data.purge_edition(edition, dry_run=True)
    assert counts == {"report authors": 1, "review comments": 1}
    assert ReportAuthor.objects.exists()
    personal_data.purge_edition(edition, dry_run=False)
    assert not ReportAuthor.objects.exists() and not ReviewComment.objects.exists()
    assert CountryReport.objects.get(edition=edition).versions.get().saved_by is None

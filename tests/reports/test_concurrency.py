import functools

import pytest

from defdays.reports import services
from defdays.reports.models import CountryReport
from tests.concurrency import at_once


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_authors_saving_from_the_same_version_make_one_new_version(make_user, edition):
    """The report's row lock orders two saves started from version 1: the second sees version 2 and is told
    its text is stale. Without the lock both would read "latest is 1": one would fail on the unique number, or,
    numbered apart, one author's edit would silently replace the other's."""
    organiser = make_user("organiser", edition=edition)
    authors = [make_user(edition=edition) for _ in range(2)]
    services.version_save(edition=edition, title="T", country="C", body="v1", base_number=0, by=organiser)

    def save(author, text):
        try:
            services.version_save(edition=edition, title="T", country="C", body=text, base_number=1, by=author)
            return "saved"
        except services.StaleEdit:
            return "stale"

    outcomes = at_once(*(functools.partial(save, a, f"edit {i}") for i, a in enumerate(authors)))
    assert sorted(outcomes) == ["saved", "stale"]
    report = CountryReport.objects.get(edition=edition)
    assert list(report.versions.values_list("number", flat=True)) == [2, 1]

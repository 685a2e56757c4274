"""A conflicted juror finds nothing of that nominee (404 everywhere); nobody sees another juror's score before
submitting their own; every read of a nomination or its files is audited."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from defdays.audit.models import AuditEvent
from defdays.audit.services import Action
from defdays.award import services
from defdays.core.uploads import clean_upload
from tests.award.conftest import nominate
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

SECRET_COMMENT = "comment-canary-5512"


def _png():
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(out, format="PNG")
    return clean_upload(SimpleUploadedFile("evidence.png", out.getvalue()))


def _urls(year, nomination):
    stored = nomination.files.first()
    kwargs = {"year": year, "pk": nomination.pk}
    return [
        ("get", reverse("award:nomination", kwargs=kwargs)),
        ("get", reverse("award:file", kwargs={**kwargs, "uid": stored.uid})),
        ("get", reverse("award:scores", kwargs=kwargs)),
        ("get", reverse("award:notes", kwargs=kwargs)),
        ("post", reverse("award:scores", kwargs=kwargs)),
        ("post", reverse("award:notes", kwargs=kwargs)),
        ("post", reverse("award:conflict", kwargs=kwargs)),
    ]


def test_a_conflicted_juror_gets_404_on_page_files_scores_and_notes(client, world):
    nomination = nominate(world.cycle, "Gamma Conflicted", files=[_png()])
    conflicted, other = world.jurors[0], world.jurors[1]
    services.declare_conflict(nomination, juror=conflicted)
    data = {"score_0": "5", "score_1": "5", "score_2": "5", "text": "note"}

    sign_in(client, other)
    for method, url in _urls(world.edition.year, nomination)[:4]:
        assert getattr(client, method)(url).status_code == 200, url

    sign_in(client, conflicted)
    for method, url in _urls(world.edition.year, nomination):
        response = getattr(client, method)(url, data) if method == "post" else client.get(url)
        assert response.status_code == 404, url
    listing = client.get(reverse("award:nominations", kwargs={"year": world.edition.year}))
    assert "Gamma Conflicted" not in listing.content.decode()
    assert "Alpha Nominee" in listing.content.decode()
    assert not nomination.score_sheets.filter(juror=conflicted).exists()
    assert not nomination.notes.exists()


def test_declaring_a_conflict_after_scoring_takes_the_score_out(world):
    nomination = world.nominations["Alpha Nominee"]
    juror = world.jurors[0]
    services.submit_scores(nomination, juror=juror, values={"Courage": 5, "Impact": 5, "Risk": 5}, comments={})
    services.declare_conflict(nomination, juror=juror)
    assert not nomination.score_sheets.exists()


def test_a_juror_sees_no_other_score_before_submitting_their_own(client, world):
    nomination = world.nominations["Alpha Nominee"]
    first, second = world.jurors[0], world.jurors[1]
    services.submit_scores(
        nomination, juror=first, values={"Courage": 2, "Impact": 3, "Risk": 4}, comments={"Courage": SECRET_COMMENT}
    )
    url = reverse("award:scores", kwargs={"year": world.edition.year, "pk": nomination.pk})
    sign_in(client, second)
    before = client.get(url).content.decode()
    assert SECRET_COMMENT not in before
    assert first.public_name not in before
    assert "once you have submitted your own" in before

    response = client.post(url, {"score_0": "5", "score_1": "4", "score_2": "3", "comment_0": "mine"})
    assert response.status_code == 302
    after = client.get(url).content.decode()
    assert SECRET_COMMENT in after and first.public_name in after


def test_scores_must_cover_every_criterion_from_1_to_5(client, world):
    nomination = world.nominations["Alpha Nominee"]
    sign_in(client, world.jurors[0])
    url = reverse("award:scores", kwargs={"year": world.edition.year, "pk": nomination.pk})
    assert client.post(url, {"score_0": "6", "score_1": "4", "score_2": "3"}).status_code == 400
    assert client.post(url, {"score_0": "5", "score_1": "4"}).status_code == 400
    assert not nomination.score_sheets.exists()


def test_organisers_see_the_ranking_with_mean_spread_count_and_missing(client, world):
    alpha, beta = world.nominations["Alpha Nominee"], world.nominations["Beta Nominee"]
    j1, j2, j3 = world.jurors
    services.submit_scores(alpha, juror=j1, values={"Courage": 5, "Impact": 5, "Risk": 5}, comments={})
    services.submit_scores(alpha, juror=j2, values={"Courage": 3, "Impact": 3, "Risk": 3}, comments={})
    services.submit_scores(beta, juror=j1, values={"Courage": 2, "Impact": 2, "Risk": 2}, comments={})
    services.declare_conflict(beta, juror=j3)
    from defdays.award.selectors import ranking

    rows = ranking(world.edition)
    assert [row.name for row in rows] == ["Alpha Nominee", "Beta Nominee"]
    assert (rows[0].mean, rows[0].spread, rows[0].count) == (4.0, 1.0, 2)
    assert rows[0].missing == [j3.public_name]
    assert rows[1].missing == [j2.public_name] and rows[1].conflicted == [j3.public_name]
    sign_in(client, world.organiser)
    page = client.get(reverse("award:ranking", kwargs={"year": world.edition.year})).content.decode()
    assert "4.00" in page and j3.public_name in page


def test_jurors_cannot_open_the_organisers_ranking(client, world):
    sign_in(client, world.jurors[0])
    assert client.get(reverse("award:ranking", kwargs={"year": world.edition.year})).status_code == 403


def test_every_read_of_a_nomination_or_its_files_is_audited(client, world):
    nomination = nominate(world.cycle, "Delta Read", files=[_png()])
    sign_in(client, world.jurors[0])
    for _method, url in _urls(world.edition.year, nomination)[:4]:
        client.get(url)
    events = AuditEvent.objects.filter(actor=world.jurors[0])
    assert events.filter(action=Action.NOMINATION_READ, target_id=str(nomination.pk)).count() == 3
    assert events.filter(action=Action.NOMINATION_FILE_READ).count() == 1
    assert not any("Delta" in str(event.detail) for event in AuditEvent.objects.all())


def test_shortlist_decision_and_laureate(client, world):
    alpha = world.nominations["Alpha Nominee"]
    sign_in(client, world.organiser)
    year = world.edition.year
    client.post(reverse("award:shortlist", kwargs={"year": year, "pk": alpha.pk}), {"shortlisted": "1"})
    response = client.post(
        reverse("award:decide", kwargs={"year": year}),
        {"laureate": alpha.pk, "votes_for": 3, "votes_against": 0, "votes_abstained": 0},
    )
    assert response.status_code == 302
    world.cycle.refresh_from_db()
    assert world.cycle.laureate_id == alpha.pk and world.cycle.votes_for == 3
    beta = world.nominations["Beta Nominee"]  # not shortlisted: refused
    client.post(
        reverse("award:decide", kwargs={"year": year}),
        {"laureate": beta.pk, "votes_for": 3, "votes_against": 0, "votes_abstained": 0},
    )
    world.cycle.refresh_from_db()
    assert world.cycle.laureate_id == alpha.pk

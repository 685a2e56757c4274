"""The organisers' dashboard at /orga/<year>/: server-drawn accessible charts, counts only, no names, small groups
of people shown as "< 5", organisers only, and a cost that does not grow with the edition."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from defdays.accounts.models import User
from defdays.core.small_counts import SMALL, group_count, masked_total
from defdays.dashboard.charts import Series, stacked_chart
from defdays.editions.models import Edition
from defdays.invitations.models import Invitation
from defdays.opensession.models import Booking
from tests.security.crawl import build_demo, client_for
from tests.security.test_query_counts import _grow

pytestmark = pytest.mark.django_db

SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def _home(client, year=2013):
    return client.get(reverse("editions:orga_home", kwargs={"year": year}))


def test_small_groups_of_people_show_as_fewer_than_five():
    assert [group_count(n).shown for n in (0, 1, 4, 5, 12)] == ["0", "< 5", "< 5", "5", "12"]
    assert SMALL == 5
    # A total beside a breakdown would give a hidden count back (total minus the others).
    assert masked_total([12, 3]).masked and masked_total([12, 3]).shown != "15"
    assert masked_total([12, 5]).shown == "17"


def test_a_breakdown_by_country_hides_small_counts_in_the_drawing_and_the_table():
    one = Series(key="0", label="People")
    chart = stacked_chart(
        id="chart-test",
        title="Participants by country",
        description="How many participants come from each country.",
        series=[one],
        rows=[("Country A", {"0": 1}), ("Country B", {"0": 4}), ("Country C", {"0": 20})],
        row_heading="Country",
        people_by_group=True,
    )
    a, b, c = chart.rows
    assert a.segments == b.segments == []  # 1 and 4 are drawn alike: as nothing
    assert [a.total, b.total, c.total] == ["< 5", "< 5", "20"]
    html = render_to_string("dashboard/_chart.html", {"chart": chart})
    assert html.count("&lt; 5") >= 4  # two in the drawing, two in the table
    assert not re.search(r">\s*[1-4]\s*<", html)  # the small numbers themselves appear nowhere


@pytest.fixture
def demo():
    build_demo()
    return Edition.objects.get(year=2013)


def _names_of_people(edition) -> list[str]:
    names = [u.public_name for u in User.objects.all()]
    names += [i.public_name for i in Invitation.objects.filter(edition=edition).select_related("data_key")]
    names += [b.name for b in Booking.objects.filter(open_session__edition=edition).select_related("data_key")]
    return [name for name in names if name]


def test_the_dashboard_draws_accessible_charts_that_name_nobody(demo):
    page = _home(client_for("organiser"))
    assert page.status_code == 200
    html = page.content.decode()
    svgs = SVG.findall(html)
    assert len(svgs) >= 4, "invitations, registrations, open session and trainings each draw a chart"
    for svg in svgs:
        chart_id = re.search(r'aria-labelledby="([\w-]+)-title \1-desc"', svg).group(1)
        assert 'role="img"' in svg
        assert f'<title id="{chart_id}-title">' in svg and f'<desc id="{chart_id}-desc">' in svg
        assert f'id="{chart_id}-caption"' in html  # the table with the same numbers
    names = _names_of_people(demo)
    assert len(names) > 10
    drawn = "\n".join(svgs)
    assert [name for name in names if name in drawn] == []
    assert "<script" not in html
    assert "Award" in html and "Announced on" in html  # the 2013 demo's laureate was announced at the ceremony
    # The links the home had stay there, below the state of the edition.
    assert reverse("registration:participants", kwargs={"year": 2013}) in html


def test_only_organisers_see_the_dashboard(demo):
    for role in ("programme", "volunteer", "jury"):
        page = _home(client_for(role))
        assert page.status_code == 200
        assert "<svg" not in page.content.decode() and "State of the edition" not in page.content.decode()
    assert "State of the edition" in _home(client_for("organiser")).content.decode()


def _queries(client) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert _home(client).status_code == 200
    return len(ctx.captured_queries)


def test_the_dashboard_costs_the_same_queries_on_ten_times_the_demo(demo):
    client = client_for("organiser")
    small = min(_queries(client), _queries(client))
    _grow(demo, 10)
    assert min(_queries(client), _queries(client)) <= small


def test_after_the_retention_purge_the_dashboard_shows_the_numbers_that_remain(client_as, edition):
    from defdays.registration.models import RetainedCount

    RetainedCount.objects.create(edition=edition, role="defender", status="approved", number=12)
    RetainedCount.objects.create(edition=edition, role="stakeholder", status="approved", number=3)
    html = _home(client_as("organiser")).content.decode()
    assert "after the retention purge" in html and "No registrations yet." not in html
    assert re.search(r"<td>15</td>", html)

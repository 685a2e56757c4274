"""Public programme pages and exports. What appears depends on the viewer, through selectors.programme_for."""

import hashlib

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from defdays.core import page_cache
from defdays.core.access import PUBLIC, access
from defdays.core.links import absolute_url
from defdays.programme import exports, seats, selectors, session_notes


def _programme_or_404(request):
    programme = selectors.programme_for(request.user, request.edition)
    if programme is None:
        raise Http404
    return programme


def _base_url(request):
    return absolute_url("/", request).rstrip("/")


def _whole_page(request, programme, kind, build, *, early=True):
    """Anonymous visitors all get the same page (core.page_cache), under the public audience's key. Signed-in
    viewers get the cached fragment inside a page of their own (their navigation, their CSRF token). `early`:
    the key is the programme's (the generation) and the path alone."""
    return page_cache.anonymous_page(request, f"{programme.cache_key}:page:{kind}", build, early=early)


def _standing(request, programme):
    """A signed-in person who sees only the open programme is told why (approval pending, withdrawn ...)."""
    from defdays.registration.status import status_panel

    if not request.user.is_authenticated or programme.audience != "public":
        return None
    return status_panel(request.user, request.edition)


def _empty(request):
    return render(request, "programme/not_published.html", {"edition": request.edition})


@access(PUBLIC)
def schedule(request, year):
    """The list view: every day, every session the viewer may see."""
    programme = selectors.programme_for(request.user, request.edition)
    if programme is None:
        return _empty(request)

    def page():
        fragment = selectors.cached_render(
            programme,
            "list",
            get_language(),
            lambda: render_to_string(
                "programme/_list.html", {"edition": request.edition, "days": selectors.days_of(programme)}
            ),
        )
        return render(
            request,
            "programme/schedule.html",
            {
                "edition": request.edition,
                "programme": programme,
                "fragment": mark_safe(fragment),
                "view": "list",
                "standing": _standing(request, programme),
            },
        )

    return _whole_page(request, programme, "list", page)


@access(PUBLIC)
def schedule_day(request, year, day):
    """The day grid: rooms across, start times down."""
    programme = selectors.programme_for(request.user, request.edition)
    if programme is None:
        return _empty(request)
    days = request.edition.days()
    if not 1 <= day <= len(days):
        raise Http404
    date = days[day - 1]

    def render_grid():
        rooms, rows, unplaced = selectors.day_grid(programme, date)
        return render_to_string(
            "programme/_grid.html",
            {"edition": request.edition, "date": date, "rooms": rooms, "rows": rows, "unplaced": unplaced},
        )

    def page():
        fragment = selectors.cached_render(programme, f"grid{day}", get_language(), render_grid)
        return render(
            request,
            "programme/schedule.html",
            {
                "edition": request.edition,
                "programme": programme,
                "fragment": mark_safe(fragment),
                "view": "grid",
                "day_index": day,
                "date": date,
                "standing": _standing(request, programme),
            },
        )

    return _whole_page(request, programme, f"grid{day}", page)


@access(PUBLIC)
def schedule_now(request, year):
    programme = _programme_or_404(request)
    now = timezone.now().astimezone(request.edition.tz)
    running, upcoming = selectors.now_and_next(programme, now)
    return render(
        request,
        "programme/now.html",
        {"edition": request.edition, "programme": programme, "now": now, "running": running, "upcoming": upcoming},
    )


@access(PUBLIC)
def schedule_changes(request, year):
    return render(
        request,
        "programme/changes.html",
        {"edition": request.edition, "versions": selectors.changelogs_for(request.user, request.edition)},
    )


def _export(request, kind, content_type, build, filename):
    programme = _programme_or_404(request)
    base_url = _base_url(request)
    # Conference apps poll these files: an unchanged programme costs them (and us) a 304 and no body.
    etag = '"{}"'.format(hashlib.sha256(f"{programme.cache_key}:{kind}:{base_url}".encode()).hexdigest()[:32])
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
        response["ETag"] = etag
        return response
    body = selectors.cached_render(programme, f"{kind}:{base_url}", "-", lambda: build(programme, base_url=base_url))
    response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # The same for every anonymous request to this host and path under this generation (the base URL is the
    # host's, which the early key holds).
    page_cache.answer_early_next_time(request)
    return response


@access(PUBLIC)
def schedule_ics(request, year):
    return _export(request, "ics", "text/calendar; charset=utf-8", exports.ical, f"defdays-{year}.ics")


@access(PUBLIC)
def schedule_xml(request, year):
    return _export(request, "xml", "application/xml; charset=utf-8", exports.frab_xml, "schedule.xml")


@access(PUBLIC)
def schedule_json(request, year):
    return _export(request, "json", "application/json; charset=utf-8", exports.json_export, "schedule.json")


@access(PUBLIC)
def session_detail(request, year, slug):
    programme = selectors.programme_for(request.user, request.edition)
    published = programme.session(slug) if programme else None
    if published is None:  # one the viewer may not see is simply absent
        raise Http404

    def page():
        visible = selectors.visible_session(request.user, request.edition, slug)
        working = visible.working
        in_agenda = False
        if request.user.is_authenticated and working is not None:
            in_agenda = working.pk in selectors.agenda_session_ids(request.user, request.edition)
        return render(
            request,
            "programme/session.html",
            {
                "edition": request.edition,
                "session": visible.data,
                "room": visible.room,
                "track": visible.track,
                "in_agenda": in_agenda,
                "can_add": working is not None and request.user.is_authenticated,
                "seats": _seats_for(request, working),
                "notes": session_notes.notes_for(request.edition, visible.data),
            },
        )

    if not page_cache.cacheable(request):
        return page()
    # A training's page shows its seat counts, which change without a publish: they are part of the key, read in
    # one plain statement; the working-copy row is read only when the page is built.
    seat_state = seats.public_state(request.edition, published["id"])
    return _whole_page(request, programme, f"session:{slug}:{seat_state}", page, early=False)


def _seats_for(request, working):
    """Training seat counts and the viewer's own seat state (None when the session has no seat cap)."""
    if working is None or not working.seat_cap:
        return None
    return seats.state_for(working, request.user if request.user.is_authenticated else None)


@access(PUBLIC)
def speaker_detail(request, year, slug):
    programme = _programme_or_404(request)
    speaker = programme.speaker(slug)
    if speaker is None:  # not named anywhere this viewer can see: the same 404 as a missing speaker
        raise Http404
    sessions = [selectors.with_datetimes(programme.session(s)) for s in speaker["sessions"]]
    return _whole_page(
        request,
        programme,
        f"speaker:{slug}",
        lambda: render(
            request, "programme/speaker.html", {"edition": request.edition, "speaker": speaker, "sessions": sessions}
        ),
    )

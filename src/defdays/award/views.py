"""Award pages. Public: the award of a year (the laureate after the announcement), the laureates' archive, the
laureate's photo, the nomination forms. Jury and organisers: nominations, files, scores, notes; organisers
alone: settings, links, ranking, shortlist, decision, announcement. Every nomination the viewer may not open is
a 404 (selectors.nomination_for), and every read of one is audited (services.record_read)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from defdays.award import page_links, selectors, services
from defdays.award.forms import (
    DecisionForm,
    LaureateProfileForm,
    NominationForm,
    NoteForm,
    ScoreForm,
    SettingsForm,
)
from defdays.award.models import AwardCycle, FilePurpose, Source
from defdays.core import ratelimit
from defdays.core.access import ORGANISERS, PUBLIC, access, roles
from defdays.core.clients import client_network
from defdays.core.links import absolute_url
from defdays.core.roles import RoleName
from defdays.core.uploads import attachment_response, image_response

AWARD_STAFF = roles(RoleName.ORGANISER, RoleName.JURY)


# --- Public ----------------------------------------------------------------------------------------------------


def _cycle(edition) -> AwardCycle | None:
    return AwardCycle.objects.filter(edition=edition).first()


@require_GET
@access(PUBLIC)
def award_page(request, year):
    edition = request.edition
    cycle = _cycle(edition)
    laureate = selectors.public_laureate(edition)
    context = {
        "edition": edition,
        "laureate": laureate,
        "links": page_links.links_for(edition) if laureate else [],
        "accepting_public": cycle is not None and cycle.public_form and cycle.accepting(),
        "deadline": cycle.deadline if cycle is not None and cycle.accepting() else None,
    }
    return render(request, "award/award.html", context)


@require_GET
@access(PUBLIC)
def laureates(request):
    from defdays.editions.selectors import visible_editions

    return render(request, "award/laureates.html", {"laureates": selectors.laureates(visible_editions(request.user))})


@require_GET
@access(PUBLIC)  # the photo exists for the public only after the announcement and with the laureate's consent
def laureate_photo(request, year):
    photo = selectors.public_photo(request.edition)
    if photo is None:
        raise Http404
    return image_response(photo)


def _nomination_page(request, cycle, *, source, token=""):
    form = NominationForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if (
            form.is_valid()
            and source == Source.PUBLIC
            and not ratelimit.allow(f"nominate:{client_network(request)}", settings.DEFDAYS_SIGNUP_LIMIT_PER_HOUR, 3600)
        ):
            # The public form's limit is the open-session sign-up's: many nominations from one network are a
            # flood (or a probe of the jury's attention), refused with nothing written.
            form.add_error(None, _("Too many nominations from your network in the last hour. Nothing was saved. "
                                   "Please try again later, or write to the contact person."))  # fmt: skip
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.submit_nomination(
                    cycle,
                    nominee_name=data["nominee_name"],
                    country=data["country"],
                    field_of_work=data["field_of_work"],
                    why=data["why"],
                    risks=data["risks"],
                    nominator_contact=data["nominator_contact"],
                    files=data["files"],
                    source=source,
                    token=token,
                    nominated_by=request.user if request.user.is_authenticated else None,
                )
            except services.NominationsClosed:
                raise Http404 from None
            return redirect("award:nominate_thanks", year=cycle.edition.year)
        else:
            status = 400
    return render(
        request,
        "award/nominate.html",
        {"edition": cycle.edition, "form": form, "deadline": cycle.deadline},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@access(PUBLIC)  # open only while the organisers take public nominations; else 404
def nominate_public(request, year):
    cycle = _cycle(request.edition)
    if cycle is None or not cycle.public_form or not cycle.accepting():
        raise Http404
    return _nomination_page(request, cycle, source=Source.PUBLIC)


@never_cache
@require_http_methods(["GET", "POST"])
@access(PUBLIC)  # guarded by the single-use token: used, expired or unknown is a plain 404
def nominate_invited(request, year, token):
    cycle = _cycle(request.edition)
    if cycle is None or not cycle.accepting() or services.usable_link(cycle, token) is None:
        raise Http404
    return _nomination_page(request, cycle, source=Source.INVITED, token=token)


@require_GET
@access(PUBLIC)
def nominate_thanks(request, year):
    return render(request, "award/nominate_thanks.html", {"edition": request.edition})


# --- Jury and organisers ---------------------------------------------------------------------------------------


def _nomination_or_404(request, pk):
    nomination = selectors.nomination_for(request.user, request.edition, pk)
    if nomination is None:
        raise Http404
    return nomination


def _common(request, nomination, tab):
    return {
        "edition": request.edition,
        "nomination": nomination,
        "tab": tab,
        "is_organiser": selectors.is_organiser(request.user, request.edition),
        "is_juror": selectors.is_juror(request.user, request.edition),
    }


@never_cache
@require_GET
@access(AWARD_STAFF)
def nominations(request, year):
    edition = request.edition
    cycle = services.cycle_for(edition)
    rows = []
    for nomination in selectors.nominations_for(request.user, edition):
        rows.append(
            {
                "nomination": nomination,
                "name": selectors.open_field(nomination, "nominee_name"),
                "country": selectors.open_field(nomination, "country"),
                "scored": selectors.own_sheet(request.user, nomination) is not None,
            }
        )
    return render(
        request,
        "award/jury_list.html",
        {
            "edition": edition,
            "cycle": cycle,
            "rows": rows,
            "is_juror": selectors.is_juror(request.user, edition),
            "is_organiser": selectors.is_organiser(request.user, edition),
        },
    )


@never_cache
@require_GET
@access(AWARD_STAFF)
def nomination_detail(request, year, pk):
    nomination = _nomination_or_404(request, pk)
    services.record_read(request.user, nomination, what="page")
    files = list(nomination.files.filter(purpose=FilePurpose.EVIDENCE))
    return render(request, "award/nomination.html", {**_common(request, nomination, "page"), "files": files})


@never_cache
@require_GET
@access(AWARD_STAFF)
def nomination_file(request, year, pk, uid):
    stored = selectors.file_for(request.user, request.edition, pk, uid)
    if stored is None:
        raise Http404
    services.record_read(request.user, stored.nomination, file=stored)
    return attachment_response(stored)


@never_cache
@require_http_methods(["GET", "POST"])
@access(AWARD_STAFF)
def nomination_scores(request, year, pk):
    nomination = _nomination_or_404(request, pk)
    is_juror = selectors.is_juror(request.user, request.edition)
    criteria = nomination.cycle.criteria
    form = None
    if is_juror:
        form = ScoreForm(request.POST or None, criteria=criteria)
        if request.method == "POST" and form.is_valid():
            services.submit_scores(nomination, juror=request.user, values=form.values(), comments=form.comments())
            messages.success(request, _("Your scores are saved."))
            return redirect("award:scores", year=year, pk=pk)
    elif request.method == "POST":
        raise Http404
    services.record_read(request.user, nomination, what="scores")
    sheets = selectors.sheets_for(request.user, nomination)
    own = selectors.own_sheet(request.user, nomination) if is_juror else None
    if form is not None and own is not None and not form.is_bound:
        comments = next((s.comments for s in sheets or [] if s.mine), {})
        form = ScoreForm(
            initial={
                **{f"score_{i}": own.values.get(c) for i, c in enumerate(criteria)},
                **{f"comment_{i}": comments.get(c, "") for i, c in enumerate(criteria)},
            },
            criteria=criteria,
        )
    return render(
        request,
        "award/scores.html",
        {**_common(request, nomination, "scores"), "form": form, "sheets": sheets, "criteria": criteria},
        status=400 if form is not None and form.errors else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@access(AWARD_STAFF)
def nomination_notes(request, year, pk):
    nomination = _nomination_or_404(request, pk)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_note(nomination, author=request.user, text=form.cleaned_data["text"])
        return redirect("award:notes", year=year, pk=pk)
    services.record_read(request.user, nomination, what="notes")
    return render(
        request,
        "award/notes.html",
        {**_common(request, nomination, "notes"), "form": form, "notes": selectors.notes_for(request.user, nomination)},
    )


@require_POST
@access(roles(RoleName.JURY))
def declare_conflict(request, year, pk):
    nomination = _nomination_or_404(request, pk)
    services.declare_conflict(nomination, juror=request.user)
    messages.success(request, _("Your conflict of interest is recorded. You will not see this nomination again."))
    return redirect("award:nominations", year=year)


# --- Organisers ------------------------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def orga_award(request, year):
    # The times are typed and shown in the edition's time zone, whatever the server's.
    with timezone.override(request.edition.tz):
        return _orga_award(request, year)


def _orga_award(request, year):
    edition = request.edition
    cycle = services.cycle_for(edition)
    initial = {
        "nominations_open": cycle.nominations_open,
        "deadline": cycle.deadline,
        "public_form": cycle.public_form,
        "criteria": "\n".join(cycle.criteria),
        "announce_at": cycle.announce_at or services.ceremony_start(edition),
    }
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_settings(
            cycle,
            nominations_open=data["nominations_open"],
            deadline=data["deadline"],
            public_form=data["public_form"],
            criteria=data["criteria"],
            announce_at=data["announce_at"],
            actor=request.user,
        )
        messages.success(request, _("Saved."))
        return redirect("award:orga", year=year)
    return render(
        request,
        "award/orga.html",
        {
            "edition": edition,
            "cycle": cycle,
            "form": form,
            "links": cycle.nominator_links.all()[:20],
            "new_link": request.session.pop("award_new_link", None),
            "now": timezone.now(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@access(ORGANISERS)
def orga_new_link(request, year):
    cycle = services.cycle_for(request.edition)
    raw = services.create_nominator_link(cycle, actor=request.user)
    # Shown once on the next page, never stored: the session holds it for that one redirect.
    request.session["award_new_link"] = absolute_url(
        reverse("award:nominate_invited", kwargs={"year": year, "token": raw}), request
    )
    return redirect("award:orga", year=year)


@require_POST
@access(ORGANISERS)
def orga_announce(request, year):
    cycle = services.cycle_for(request.edition)
    if services.announce(cycle, actor=request.user):
        messages.success(request, _("The laureate is announced."))
    else:
        messages.error(request, _("Nothing to announce: name the laureate first (or it is announced already)."))
    return redirect("award:orga", year=year)


@never_cache
@require_GET
@access(ORGANISERS)
def orga_ranking(request, year):
    edition = request.edition
    cycle = services.cycle_for(edition)
    rows = selectors.ranking(edition)
    shortlist = [(row.nomination.pk, row.name) for row in rows if row.nomination.shortlisted]
    laureate = cycle.laureate
    return render(
        request,
        "award/ranking.html",
        {
            "edition": edition,
            "cycle": cycle,
            "rows": rows,
            "decision_form": DecisionForm(
                shortlist=shortlist,
                initial={
                    "laureate": cycle.laureate_id,
                    "votes_for": cycle.votes_for,
                    "votes_against": cycle.votes_against,
                    "votes_abstained": cycle.votes_abstained,
                },
            ),
            "profile_form": LaureateProfileForm(
                initial={
                    "biography": selectors.open_field(laureate, "biography") if laureate else "",
                    "photo_consent": laureate.photo_consent if laureate else False,
                }
            ),
            "laureate_name": selectors.open_field(laureate, "nominee_name") if laureate else "",
        },
    )


@require_POST
@access(ORGANISERS)
def orga_shortlist(request, year, pk):
    nomination = _nomination_or_404(request, pk)
    try:
        services.set_shortlisted(nomination, shortlisted=request.POST.get("shortlisted") == "1", actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("award:ranking", year=year)


@require_POST
@access(ORGANISERS)
def orga_decide(request, year):
    edition = request.edition
    cycle = services.cycle_for(edition)
    shortlist = [(n.pk, str(n.pk)) for n in selectors.nominations_for(request.user, edition).filter(shortlisted=True)]
    form = DecisionForm(request.POST, shortlist=shortlist)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_decision(
                cycle,
                laureate=selectors.nomination_for(request.user, edition, data["laureate"]),
                votes_for=data["votes_for"],
                votes_against=data["votes_against"],
                votes_abstained=data["votes_abstained"],
                actor=request.user,
            )
            messages.success(request, _("The decision is recorded."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("The decision was not recorded: choose a shortlisted nominee and give the votes."))
    return redirect("award:ranking", year=year)


@require_POST
@access(ORGANISERS)
def orga_profile(request, year):
    cycle = services.cycle_for(request.edition)
    form = LaureateProfileForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.save_laureate_profile(
                cycle,
                biography=form.cleaned_data["biography"],
                photo=form.cleaned_data["photo"],
                photo_consent=form.cleaned_data["photo_consent"],
                actor=request.user,
            )
            messages.success(request, _("The laureate's public profile is saved."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("award:ranking", year=year)

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from defdays.audit import services as audit
from defdays.core.access import ORGANISERS, SIGNED_IN, access
from defdays.core.confirm import confirmation_page, confirmed
from defdays.core.listing import listing, selected_ids
from defdays.core.spreadsheets import csv_text
from defdays.registration import selectors, services
from defdays.registration.forms import ApprovalSettingForm, OwnRegistrationForm, PipelineFilterForm
from defdays.registration.models import ParticipationStatus, RegistrationSettings


@access(ORGANISERS)
def participants(request, year):
    edition = request.edition
    filters = PipelineFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    rows = selectors.pipeline(
        edition, status=chosen.get("status", ""), role=chosen.get("role", ""), search=chosen.get("q", "")
    )
    found = listing(request, rows)
    counts = selectors.counts_by_status(edition)
    rules = RegistrationSettings.for_edition(edition)
    retained = selectors.retained_counts(edition)
    return render(
        request,
        "registration/participants.html",
        {
            "edition": edition,
            "rows": found.rows,
            "listing": found,
            "filters": filters,
            "retained": retained,
            "retained_total": sum(row.number for row in retained),
            "status_counts": [(value, label, counts[value]) for value, label in ParticipationStatus.choices],
            "total": sum(counts.values()),
            "settings_form": ApprovalSettingForm(initial={"approval_required": rules.approval_required}),
            "query": request.GET.urlencode(),
            "same_name": selectors.sharing_a_name_in(edition),
        },
    )


@require_POST
@access(ORGANISERS)
def decide(request, year, uid):
    participation = selectors.participation_for_staff(request.edition, uid)
    step = request.POST.get("step", "")
    if participation is None or step not in ("approve", "decline", "check_in"):
        raise Http404
    try:
        services.decide(participation, step, actor=request.user)
        messages.success(request, _("Saved."))
    except services.TransitionRefused:
        messages.error(request, _("That step does not follow from the current status."))
    return redirect("registration:participants", year=year)


BULK_STEPS = {"approve", "decline"}


@require_POST
@access(ORGANISERS)
def bulk_decide(request, year):
    step = request.POST.get("step", "")
    if step not in BULK_STEPS:
        raise Http404
    back = reverse("registration:participants", kwargs={"year": year})
    chosen = list(selectors.participations_for_staff(request.edition, selected_ids(request)))
    if not chosen:
        messages.info(request, _("Choose at least one person in the list first."))
        return redirect(back)
    allowed_from, _target = services.TRANSITIONS[step]
    applies = [p for p in chosen if p.status in allowed_from]
    if not confirmed(request):
        names = ", ".join(p.user.public_name for p in applies)
        consequences = [
            (
                _("Approve %(n)d registrations: %(names)s.")
                if step == "approve"
                else _("Decline %(n)d registrations: %(names)s.")
            )
            % {"n": len(applies), "names": names or "—"}
        ]
        if step == "decline":
            consequences.append(_("Those declined lose their training seats and no longer see the closed part."))
        if len(applies) < len(chosen):
            consequences.append(
                _("%(n)d of the chosen people are left as they are: the step does not follow from their status.")
                % {"n": len(chosen) - len(applies)}
            )
        return confirmation_page(
            request,
            title=_("Approve the chosen registrations?")
            if step == "approve"
            else _("Decline the chosen registrations?"),
            consequences=consequences,
            confirm_label=_("Approve %(n)d") % {"n": len(applies)}
            if step == "approve"
            else _("Decline %(n)d") % {"n": len(applies)},
            cancel_url=back,
            hidden=[("step", step), *(("selected", p.uid) for p in chosen)],
        )
    done, refused = services.decide_many(chosen, step, actor=request.user)
    messages.success(
        request, _("Saved: %(done)d changed, %(refused)d left as they were.") % {"done": done, "refused": refused}
    )
    return redirect(back)


@require_POST
@access(ORGANISERS)
def approval_setting(request, year):
    form = ApprovalSettingForm(request.POST)
    if form.is_valid():
        services.set_approval_required(request.edition, form.cleaned_data["approval_required"], actor=request.user)
        messages.success(request, _("Saved."))
    return redirect("registration:participants", year=year)


@access(ORGANISERS)
def participant_detail(request, year, uid):
    participation = selectors.participation_for_staff(request.edition, uid)
    if participation is None:
        raise Http404
    audit.record(audit.Action.RESTRICTED_READ, request=request, target=participation, fields="access-needs")
    return render(
        request, "registration/participant_detail.html", {"edition": request.edition, "participation": participation}
    )


@access(ORGANISERS)
def export_csv(request, year):
    edition = request.edition
    retained = selectors.retained_counts(edition)
    if retained:  # after the retention purge only the counts exist, and only they are exported
        header = ["role", "status", "count"]
        body = [[row.role, row.status, row.number] for row in retained]
    else:
        header = ["public name", "role", "status", "days", "photo consent", "code of conduct version", "registered at"]
        body = [
            [
                p.user.public_name,
                p.role,
                p.status,
                " ".join(p.days),
                p.photo_consent,
                p.code_of_conduct_version,
                p.created_at.isoformat(),
            ]
            for p in selectors.pipeline(edition)
        ]
    audit.record(audit.Action.EXPORT, request=request, kind="participants.csv", rows=len(body))
    response = HttpResponse(csv_text(header, body), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participants-{edition.year}.csv"'
    return response


def _own_or_404(request):
    participation = selectors.own_participation(request.user, request.edition)
    if participation is None:
        raise Http404
    return participation


@require_http_methods(["GET", "POST"])
@access(SIGNED_IN)
def mine(request, year):
    participation = _own_or_404(request)
    edition = request.edition
    form = OwnRegistrationForm(
        request.POST or None,
        edition=edition,
        initial={
            "days": participation.days,
            "photo_consent": participation.photo_consent,
            "access_needs": participation.access_needs or "",
        },
    )
    if request.method == "POST" and participation.status != ParticipationStatus.WITHDRAWN and form.is_valid():
        data = form.cleaned_data
        services.update_own(
            participation, days=data["days"], photo_consent=data["photo_consent"], access_needs=data["access_needs"]
        )
        messages.success(request, _("Your registration is updated."))
        return redirect("registration:mine", year=year)
    return render(
        request,
        "registration/mine.html",
        {
            "edition": edition,
            "participation": participation,
            "form": form,
            "withdrawn": participation.status == ParticipationStatus.WITHDRAWN,
            "may_rejoin": services.registration_open(edition),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@access(SIGNED_IN)
def withdraw(request, year):
    participation = _own_or_404(request)
    if participation.status == ParticipationStatus.WITHDRAWN:
        return redirect("registration:mine", year=year)
    if not confirmed(request):
        return confirmation_page(
            request,
            title=_("Withdraw from %(title)s?") % {"title": request.edition.title},
            consequences=[
                _("The organisers see that you are not coming."),
                _("Your training seats and waitlist places in this edition are given to the next people waiting."),
                _("You no longer see the closed part of the programme."),
                _("Until the conference ends you can ask to come back; seats you gave back are not kept for you."),
            ],
            confirm_label=_("Withdraw"),
            cancel_url=reverse("registration:mine", kwargs={"year": year}),
        )
    services.withdraw(participation, actor=request.user)
    messages.success(request, _("You have withdrawn. The organisers will see that you are not coming."))
    return redirect("registration:mine", year=year)


@require_POST
@access(SIGNED_IN)
def rejoin(request, year):
    participation = _own_or_404(request)
    try:
        participation = services.rejoin(participation, actor=request.user)
    except services.TransitionRefused:
        messages.error(request, _("Coming back is no longer possible for this edition."))
        return redirect("registration:mine", year=year)
    if participation.status == ParticipationStatus.REGISTERED:
        messages.success(request, _("You asked to come back. An organiser will look at your registration."))
    else:
        messages.success(request, _("Welcome back. Your registration is active again."))
    return redirect("registration:mine", year=year)

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from defdays.core.access import ORGANISERS, PUBLIC, access
from defdays.core.confirm import confirmation_page, confirmed
from defdays.core.listing import listing, looks_like_email, search_term, selected_ids
from defdays.invitations import selectors, services
from defdays.invitations.forms import ImportUploadForm, InviteForm, RedeemForm
from defdays.invitations.models import FILTER_CHOICES, ImportStatus, InvitationRole
from defdays.registration import documents
from defdays.registration.models import RegistrationSettings
from defdays.registration.services import CodeOfConductChanged

PAGE_SIZE = 100


@access(ORGANISERS)
def invitation_list(request, year):
    edition = request.edition
    status = request.GET.get("status", "")
    role = request.GET.get("role", "")
    status = status if status in dict(FILTER_CHOICES) else ""
    role = role if role in InvitationRole.values else ""
    search = search_term(request)
    email = search if looks_like_email(search) else ""
    found = listing(
        request, selectors.invitation_list(edition, status=status, role=role, email=email), per_page=PAGE_SIZE
    )
    counts = selectors.counts(edition)
    return render(
        request,
        "invitations/list.html",
        {
            "edition": edition,
            "page": found.page,
            "listing": found,
            "search": search,
            "search_refused": bool(search) and not email,
            "status": status,
            "role": role,
            "status_counts": [(value, label, counts[value]) for value, label in FILTER_CHOICES],
            "roles": InvitationRole.choices,
            "total": sum(counts.values()),
        },
    )


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def invite(request, year):
    edition = request.edition
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_invitation(
                edition, actor=request.user, base_url=services.base_url_from(request), **form.cleaned_data
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field, errors)
        else:
            messages.success(request, _("Invitation created; the email is on its way."))
            return redirect("invitations:list", year=edition.year)
    return render(request, "invitations/invite.html", {"edition": edition, "form": form})


def _invitation_or_404(request, pk):
    invitation = selectors.invitation_for_staff(request.edition, pk)
    if invitation is None:
        raise Http404
    return invitation


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def revoke(request, year, pk):
    invitation = _invitation_or_404(request, pk)
    if not confirmed(request):
        return confirmation_page(
            request,
            title=_("Revoke the invitation of %(name)s?") % {"name": invitation.name_for_staff},
            consequences=[
                _("The link in the invitation email to %(name)s stops working at once.")
                % {"name": invitation.name_for_staff},
                _("They are not told. To invite them again, create a new invitation."),
            ],
            confirm_label=_("Revoke the invitation"),
            cancel_url=reverse("invitations:list", kwargs={"year": year}),
        )
    if services.revoke(invitation, actor=request.user):
        messages.success(request, _("Invitation revoked: its link no longer works."))
    else:
        messages.info(request, _("This invitation was already redeemed or revoked."))
    return redirect("invitations:list", year=year)


@require_POST
@access(ORGANISERS)
def resend(request, year, pk):
    invitation = _invitation_or_404(request, pk)
    if services.resend(invitation, actor=request.user, base_url=services.base_url_from(request)):
        messages.success(request, _("A new link is on its way; the old link no longer works."))
    else:
        messages.info(request, _("Only invitations not yet redeemed or revoked can be sent again."))
    return redirect("invitations:list", year=year)


SENDABLE = ("pending", "sent")


@require_POST
@access(ORGANISERS)
def bulk_resend(request, year):
    back = reverse("invitations:list", kwargs={"year": year})
    chosen = list(selectors.invitations_for_staff(request.edition, selected_ids(request, parse=int)))
    if not chosen:
        messages.info(request, _("Choose at least one invitation in the list first."))
        return redirect(back)
    sendable = [invitation for invitation in chosen if invitation.status in SENDABLE]
    if not confirmed(request):
        consequences = [
            _("Send %(n)d invitations again, each with a new link: %(names)s.")
            % {"n": len(sendable), "names": ", ".join(i.name_for_staff for i in sendable) or "—"},
            _("The links sent before stop working at once."),
        ]
        if len(sendable) < len(chosen):
            consequences.append(
                _("%(n)d of the chosen invitations are redeemed or revoked and are left alone.")
                % {"n": len(chosen) - len(sendable)}
            )
        return confirmation_page(
            request,
            title=_("Send the chosen invitations again?"),
            consequences=consequences,
            confirm_label=_("Send %(n)d again") % {"n": len(sendable)},
            cancel_url=back,
            hidden=[("selected", invitation.pk) for invitation in chosen],
        )
    queued, skipped = services.resend_many(chosen, actor=request.user, base_url=services.base_url_from(request))
    messages.success(
        request,
        _("%(queued)d new links on their way; %(skipped)d left alone.") % {"queued": queued, "skipped": skipped},
    )
    return redirect(back)


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def import_upload(request, year):
    edition = request.edition
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = services.start_import(edition, form.cleaned_data["text"], actor=request.user)
        return redirect("invitations:import_job", year=edition.year, job=job.uid)
    return render(
        request,
        "invitations/import_upload.html",
        {"edition": edition, "form": form},
        status=400 if form.errors else 200,
    )


def _job_or_404(request, job):
    found = selectors.import_job(request.edition, job)
    if found is None:
        raise Http404
    return found


@access(ORGANISERS)
def import_job(request, year, job):
    from defdays.invitations.importer import COLUMN_LABELS, REASONS

    found = _job_or_404(request, job)
    report = [
        dict(
            item,
            message=REASONS.get(item["reason"], item["reason"]),
            column=COLUMN_LABELS.get(item["field"], item["field"]),
        )
        for item in found.report[:1000]
    ]
    return render(
        request,
        "invitations/import_job.html",
        {
            "edition": request.edition,
            "job": found,
            "report": report,
            "more": max(0, len(found.report) - 1000),
            "refresh": found.running,
            "statuses": ImportStatus,
        },
    )


@require_POST
@access(ORGANISERS)
def import_confirm(request, year, job):
    found = _job_or_404(request, job)
    if not services.confirm_import(found, actor=request.user, base_url=services.base_url_from(request)):
        messages.info(request, _("This import cannot be confirmed now."))
    return redirect("invitations:import_job", year=year, job=found.uid)


@require_POST
@access(ORGANISERS)
def import_cancel(request, year, job):
    found = _job_or_404(request, job)
    if services.cancel_import(found, actor=request.user):
        messages.success(request, _("Import cancelled; the uploaded file is deleted."))
    return redirect("invitations:list", year=year)


def _unavailable(request):
    # One page, one status for used, expired, revoked, unknown and malformed tokens.
    return render(request, "invitations/unavailable.html", status=404)


@require_http_methods(["GET", "POST"])
@access(PUBLIC)
def redeem(request, token):
    invitation = services.redeemable(token)
    if invitation is None:
        edition = services.redeemed_by(token, request.user) if request.method == "POST" else None
        if edition is not None:  # a double submit by the person who just redeemed it
            return redirect("registration:mine", year=edition.year)
        return _unavailable(request)
    edition = invitation.edition
    account = services.existing_account(invitation)
    if account is not None and request.user != account:
        return render(
            request, "invitations/sign_in_first.html", {"login_url": f"{reverse('accounts:login')}?next={request.path}"}
        )
    rules = RegistrationSettings.for_edition(edition)
    form = RedeemForm(
        request.POST or None,
        edition=edition,
        needs_password=account is None,
        initial={"public_name": invitation.public_name, "code_of_conduct_version": rules.code_of_conduct_version},
    )
    shown, changed = rules.code_of_conduct_version, False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.redeem(
                token,
                viewer=request.user,
                public_name=data.get("public_name", ""),
                password=data.get("password1"),
                days=data["days"],
                photo_consent=data["photo_consent"],
                access_needs=data["access_needs"],
                code_of_conduct_version=data["code_of_conduct_version"],
                photo_policy_version=rules.photo_policy_version,
            )
        except services.InvitationUnavailable:
            return _unavailable(request)
        except CodeOfConductChanged as refused:
            shown, changed = refused.current, True
            form = form.with_new_code_of_conduct(shown)
        else:
            return _redeemed(request, user, edition)
    return render(
        request,
        "invitations/redeem.html",
        {
            "form": form,
            "edition": edition,
            "invitation": invitation,
            "rules": rules,
            "code_of_conduct_version": shown,
            "code_of_conduct_changed": changed,
            "code_of_conduct_html": documents.code_of_conduct_html(edition, shown) if changed else None,
        },
        status=409 if changed else 400 if form.errors else 200,
    )


def _redeemed(request, user, edition):
    if request.user != user:  # sign the new person in (replacing any other session in this browser)
        login(request, user, backend="defdays.accounts.backends.EmailIndexBackend")
    messages.success(request, _("Welcome. Your registration is recorded."))
    return redirect("registration:mine", year=edition.year)

"""The organisers' export pages: ask, approve (a second organiser), download once."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from defdays.core.access import access, roles
from defdays.core.roles import RoleName
from defdays.exports import registry, selectors, services
from defdays.exports.forms import ApprovalForm, ExportRequestForm

# Who may export anything at all; which kinds and columns each may take is the registry's (kinds_for), never
# this page's. Only organisers approve (services.approve_export).
EXPORTERS = roles(RoleName.ORGANISER, RoleName.TRAVEL, RoleName.VOLUNTEER)


def _kind(request, kinds):
    """The kind asked for (?kind=), among the viewer's own; the first of theirs otherwise. None: nothing to export."""
    wanted = request.GET.get("kind", "")
    return next((k for k in kinds if k.key == wanted), kinds[0] if kinds else None)


@require_http_methods(["GET", "POST"])
@access(EXPORTERS)
def index(request, year):
    viewer_roles = services.roles_for_export(request.user, request.edition)
    kinds = registry.kinds_for(viewer_roles)
    kind = _kind(request, kinds)
    if kind is None:
        raise Http404
    columns = registry.exportable_columns(kind, viewer_roles)
    form = ExportRequestForm(request.POST or None, columns=columns, initial={"columns": list(kind.default)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                export = services.request_export(
                    actor=request.user,
                    edition=request.edition,
                    kind_key=kind.key,
                    columns=[c.key for c in columns if c.key in data["columns"]],
                    file_format=data["file_format"],
                    code=data.get("code", ""),
                )
            except services.CodeNotAccepted:
                field = "code" if "code" in form.fields else None
                form.add_error(field, _("That code was not accepted. Enter the code your app shows now."))
            except services.ExportRefused:
                form.add_error(None, _("That export is not available to you."))
            else:
                if export.restricted:
                    messages.success(request, _("Requested. Another organiser must now approve it."))
                return redirect("exports:detail", year=year, uid=export.uid)
        status = 400
    return render(
        request,
        "exports/index.html",
        {
            "edition": request.edition,
            "form": form,
            "kind": kind,
            "kinds": kinds,
            "mine": selectors.own_requests(request.user, request.edition),
            "waiting": selectors.awaiting_approval(request.user, request.edition),
            "valid_hours": int(services.VALID_FOR.total_seconds() // 3600),
        },
        status=status,
    )


def _labels(export):
    kind = registry.kind(export.kind)
    return [(kind.column(key).label, kind.column(key).restricted) for key in export.columns if kind.column(key)]


@require_http_methods(["GET", "POST"])
@access(EXPORTERS)
def detail(request, year, uid):
    """The requester's status page (and download button), or another organiser's approval page."""
    export = selectors.request_for(request.user, request.edition, uid)
    if export is None:
        raise Http404
    own = export.requested_by_id == request.user.pk
    form = ApprovalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "refuse":
                services.refuse_export(actor=request.user, edition=request.edition, uid=uid)
                messages.success(request, _("The export request is refused."))
                return redirect("exports:index", year=year)
            if form.is_valid():
                services.approve_export(
                    approver=request.user, edition=request.edition, uid=uid, code=form.cleaned_data["code"]
                )
                messages.success(request, _("Approved. The requester can now download it, once."))
                return redirect("exports:index", year=year)
        except services.CodeNotAccepted:
            form.add_error("code", _("That code was not accepted. Enter the code your app shows now."))
        except services.ExportRefused:
            form.add_error(
                None,
                _("You asked for this export yourself: another organiser must approve it.")
                if own
                else _("This request can no longer be approved."),
            )
        status = 400
    return render(
        request,
        "exports/detail.html",
        {
            "edition": request.edition,
            "export": export,
            "own": own,
            "form": form,
            "fields": _labels(export),
            "expired": services.expired(export),
            "kind": registry.kind(export.kind),
        },
        status=status,
    )


@require_POST
@access(EXPORTERS)
def download(request, year, uid):
    # POST only: a one-time file must not be used up by a link preview or a browser's prefetch.
    file = services.download_export(actor=request.user, edition=request.edition, uid=uid)
    if file is None:
        raise Http404
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from defdays.audit import services as audit
from defdays.badges import selectors, services
from defdays.badges.forms import BatchForm, ScanForm
from defdays.core.access import ORGANISERS, SIGNED_IN, access, roles
from defdays.core.roles import RoleName

# The desk: volunteers and organisers. What it shows is services.Scan, nothing more.
CHECK_IN_DESK = roles(RoleName.ORGANISER, RoleName.VOLUNTEER)


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def batches(request, year):
    edition = request.edition
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        batch = services.start_batch(edition=edition, layout=form.cleaned_data["layout"], actor=request.user)
        return redirect("badges:batch", year=year, batch=batch.uid)
    return render(
        request,
        "badges/batches.html",
        {
            "edition": edition,
            "form": form,
            "batches": selectors.batches(edition),
            "printable": services.printable(edition).count(),
            "left_out": services.left_out_count(edition),
        },
        status=400 if form.errors else 200,
    )


def _batch_or_404(request, batch):
    found = selectors.batch(request.edition, batch)
    if found is None:
        raise Http404
    return found


@access(ORGANISERS)
def batch(request, year, batch):
    found = _batch_or_404(request, batch)
    return render(request, "badges/batch.html", {"edition": request.edition, "batch": found, "refresh": found.running})


@access(ORGANISERS)
def batch_pdf(request, year, batch):
    found = _batch_or_404(request, batch)
    data = found.open_pdf()
    if data is None:
        raise Http404
    audit.record(audit.Action.BADGES_DOWNLOADED, request=request, target=found, badges=found.total)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="badges-{request.edition.year}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
@access(CHECK_IN_DESK)
def check_in(request, year):
    edition = request.edition
    trainings = list(selectors.desk_trainings(edition))
    form = ScanForm(request.POST or None, trainings=trainings)
    result = None
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.get("training")
        session = selectors.desk_training(edition, chosen) if chosen else None
        result = services.scan(edition=edition, code=form.cleaned_data["code"], actor=request.user, session=session)
        # A fresh, empty field for the next person; the training stays chosen.
        form = ScanForm(initial={"training": chosen}, trainings=trainings)
    return render(
        request,
        "badges/check_in.html",
        {
            "edition": edition,
            "form": form,
            "result": result,
            "training": next((s for s in trainings if str(s.uid) == form["training"].value()), None),
        },
        status=400 if form.errors else 200,
    )


@access(SIGNED_IN)
def certificate(request, uid):
    found = selectors.certificate(request.user, uid)
    if found is None:
        raise Http404
    from defdays.badges.pdf import certificate_pdf

    edition = found.participation.edition
    data = certificate_pdf(
        edition=edition,
        public_name=request.user.public_name,
        session=found.session,
        day=services.local_day(found.session.start, edition),
    )
    audit.record(audit.Action.CERTIFICATE_DOWNLOADED, request=request, target=found, edition=edition)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="certificate.pdf"'
    return response

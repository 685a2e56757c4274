from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from defdays.core.access import ORGANISERS, SIGNED_IN, access
from defdays.core.confirm import confirmation_page, confirmed
from defdays.core.listing import listing
from defdays.mailings import audiences, selectors, services
from defdays.mailings.forms import ComposeForm
from defdays.mailings.models import Audience, DeliveryStatus, MessageStatus


def _with_counts(messages):
    # An aggregate drops Meta.ordering, and pages of an unordered list can repeat or skip rows: order again.
    return messages.annotate(
        **{f"n_{value}": Count("deliveries", filter=Q(deliveries__status=value)) for value in DeliveryStatus.values}
    ).order_by("-created_at", "-id")


@access(ORGANISERS)
def message_list(request, year):
    found = listing(request, _with_counts(selectors.messages_of(request.edition)), per_page=25)
    return render(request, "mailings/list.html", {"edition": request.edition, "listing": found})


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def compose(request, year):
    edition = request.edition
    may_include_hidden = services.may_include_hidden(request.user, edition)
    form = ComposeForm(request.POST or None, edition=edition, may_include_hidden=may_include_hidden)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if confirmed(request):
            message = services.message_send(edition=edition, actor=request.user, **data)
            return redirect("mailings:progress", year=year, uid=message.uid)
        count = len(
            audiences.recipients(
                edition, data["audience"], training=data["training"], include_hidden=data["include_hidden"]
            )
        )
        consequences = [
            ngettext(
                "%(n)d person gets this message, each in an email of their own.",
                "%(n)d people get this message, each in an email of their own.",
                count,
            )
            % {"n": count},
            _("Each email is written in the recipient's language and encrypted to their OpenPGP key if they gave one."),
            _("A copy stays readable on each recipient's own page."),
        ]
        if not data["include_hidden"]:
            consequences.append(_("People who are hidden are left out."))
        return confirmation_page(
            request,
            title=_("Send “%(title)s” to %(audience)s?")
            % {"title": data["title"], "audience": Audience(data["audience"]).label.lower()},
            consequences=consequences,
            confirm_label=ngettext("Send to %(n)d person", "Send to %(n)d people", count) % {"n": count},
            cancel_url=reverse("mailings:list", kwargs={"year": year}),
            hidden=[(name, value) for name, value in form.data.items() if name in form.fields and value],
            template="mailings/confirm_send.html",
            extra={
                "sample": services.sample(
                    edition=edition, title=data["title"], body=data["body"], language=get_language()
                ),
                "recipients": count,
            },
        )
    return render(
        request,
        "mailings/compose.html",
        {"edition": edition, "form": form},
        status=400 if form.errors else 200,
    )


@access(ORGANISERS)
def progress(request, year, uid):
    message = selectors.message_in(request.edition, uid)
    if message is None:
        raise Http404
    counts = services.progress_counts(message)
    done = counts[DeliveryStatus.SENT] + counts[DeliveryStatus.FAILED]
    total = sum(counts.values())
    return render(
        request,
        "mailings/progress.html",
        {
            "edition": request.edition,
            "message": message,
            "counts": [(value, label, counts[value]) for value, label in DeliveryStatus.choices],
            "done": done,
            "total": total,
            "percent": int(100 * done / total) if total else 100,
            "refresh": message.status == MessageStatus.SENDING and counts[DeliveryStatus.QUEUED] > 0,
            "waiting": counts[DeliveryStatus.RETRYING],
        },
    )


@access(SIGNED_IN)
def own_messages(request):
    found = listing(request, selectors.own_copies(request.user), per_page=20)
    return render(request, "mailings/mine.html", {"listing": found})

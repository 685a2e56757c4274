"""One pattern for a step that cannot be undone: the first POST (or a GET) shows what will happen and to whom;
only a second POST that carries confirm=yes does it. A button in a table row therefore never acts on one click,
and the page works without JavaScript (no confirm() dialog)."""

from django.shortcuts import render


def confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get("confirm") == "yes"


def confirmation_page(
    request,
    *,
    title,
    consequences,
    confirm_label,
    cancel_url,
    hidden=(),
    form=None,
    template="core/confirm.html",
    extra=None,
    status=200,
):
    context = {
        "page_title": title,
        "consequences": list(consequences),
        "confirm_label": confirm_label,
        "cancel_url": cancel_url,
        "hidden": list(hidden),
        "form": form,
        **(extra or {}),
    }
    return render(request, template, context, status=status)

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from defdays.core import generation, navigation, page_cache
from defdays.core.access import ANY_STAFF, ORGANISERS, PLATFORM_ADMIN, PUBLIC, access
from defdays.editions import home_sections, orga_sections, services
from defdays.editions.forms import EditionForm, NewEditionForm
from defdays.editions.selectors import current_edition, visible_editions


@access(PUBLIC)
def current_home(request):
    edition = current_edition()
    if edition is None:
        return render(request, "editions/no_edition.html")
    request.edition = edition
    return _home(request, edition)


@access(PUBLIC)
def edition_home(request, year):
    return _home(request, request.edition)


def _home(request, edition):
    # The same page for every anonymous visitor: built once a minute per process (core.page_cache). An edition
    # saved anywhere, and every news write, bump the generation and retire it.
    def build():
        sections = home_sections.sections_for(request, edition)
        return render(request, "editions/home.html", {"edition": edition, "sections": sections})

    return page_cache.anonymous_page(request, f"editions:home:{edition.pk}:{generation.current()}", build, early=True)


@access(PUBLIC)
def archive(request):
    return render(request, "editions/archive.html", {"editions": visible_editions(request.user)})


@access(ANY_STAFF)
def orga_home(request, year):
    return render(
        request,
        "editions/orga_home.html",
        {
            "edition": request.edition,
            "my_roles": request.user.roles_in(request.edition),
            "orga_cards": navigation.items_for(request, request.edition, area="orga"),
            "sections": orga_sections.sections_for(request),
        },
    )


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def orga_edition(request, year):
    """The edition's public details: dates, texts, contact person, status (draft / published / archived)."""
    form = EditionForm(request.POST or None, instance=request.edition)
    if request.method == "POST" and form.is_valid():
        edition = services.save_edition(request.edition, fields=form.cleaned_data, actor=request.user)
        messages.success(request, _("Saved."))
        return redirect("editions:orga_edition", year=edition.year)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "page_title": _("Edition details"),
            "submit_label": _("Save"),
            "intro": _("What the public pages say. A draft is seen by its organisers only."),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@access(ORGANISERS)
def orga_make_current(request, year):
    services.make_current(request.edition, actor=request.user)
    messages.success(request, _("This edition is now the one shown at the site's address."))
    return redirect("editions:orga_home", year=year)


@require_http_methods(["GET", "POST"])
@access(PLATFORM_ADMIN)
def create_edition(request):
    form = EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        edition = services.save_edition(None, fields=form.cleaned_data, actor=request.user)
        messages.success(request, _("Edition created as you set it. You are its organiser."))
        return redirect("editions:orga_home", year=edition.year)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "page_title": _("New edition"),
            "submit_label": _("Create"),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def orga_next_edition(request, year):
    """Next year's edition from this one: rooms, tracks, session types and seat rules, the open session and the
    registration rules, the texts and the contact person. No person, invitation, registration, booking or session."""
    source = request.edition
    form = NewEditionForm(request.POST or None, initial=NewEditionForm.initial_from(source))
    if request.method == "POST" and form.is_valid():
        edition = services.new_edition_from(source, fields=form.cleaned_data, actor=request.user)
        messages.success(
            request, _("Edition created as a draft from %(year)d. You are its organiser.") % {"year": year}
        )
        return redirect("editions:orga_home", year=edition.year)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "page_title": _("New edition from %(year)d") % {"year": year},
            "submit_label": _("Create the new edition"),
            "intro": _(
                "Copies the rooms, tracks, session types and training seat rules, the open session (with sign-up "
                "closed), the registration rules, the texts and the contact person. Never people, invitations, "
                "registrations, bookings or sessions. The new edition starts as a draft."
            ),
        },
        status=400 if form.errors else 200,
    )

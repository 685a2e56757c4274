from django.shortcuts import render

from defdays.core import navigation
from defdays.core.access import ANY_STAFF, PUBLIC, access
from defdays.editions.selectors import current_edition, visible_editions


@access(PUBLIC)
def current_home(request):
    edition = current_edition()
    if edition is None:
        return render(request, "editions/no_edition.html")
    request.edition = edition
    return render(request, "editions/home.html", {"edition": edition})


@access(PUBLIC)
def edition_home(request, year):
    return render(request, "editions/home.html", {"edition": request.edition})


@access(PUBLIC)
def archive(request):
    return render(request, "editions/archive.html", {"editions": visible_editions(request.user)})


@access(PUBLIC)
def contact(request, year):
    return render(request, "editions/contact.html", {"edition": request.edition})


@access(ANY_STAFF)
def orga_home(request, year):
    return render(request, "editions/orga_home.html", {
        "edition": request.edition,
        "my_roles": request.user.roles_in(request.edition),
        "orga_cards": navigation.items_for(request, request.edition, area="orga"),
    })

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from defdays.core.access import ORGANISERS, PUBLIC, access
from defdays.core.uploads import UploadRefused, image_response
from defdays.photos import forms, selectors, services


@require_GET
@access(PUBLIC)
def gallery(request, year):
    edition = request.edition
    return render(
        request, "photos/gallery.html", {"edition": edition, "photos": selectors.gallery(request.user, edition)}
    )


@require_GET
@access(PUBLIC)  # and then photos.rules, on every request: a photo nobody may see now is 404 like an unknown one
def image(request, year, uid):
    photo = selectors.photo_for(request.user, request.edition, uid)
    if photo is None:
        raise Http404
    response = image_response(photo)
    response["Vary"] = "Cookie"
    return response


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def orga_list(request, year):
    edition = request.edition
    people = selectors.taggable_people(edition)
    form = forms.UploadForm(request.POST or None, request.FILES or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            photo = services.photo_upload(
                edition=edition,
                upload=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
                people=list(form.cleaned_data["people"]),
                actor=request.user,
            )
        except UploadRefused as exc:
            form.add_error("image", exc)
        else:
            messages.success(request, _("The photo is uploaded. It is not published yet."))
            return redirect("photos:orga_photo", year=edition.year, pk=photo.pk)
    return render(
        request,
        "photos/orga_list.html",
        {"edition": edition, "form": form, "photos": selectors.photos_for_organisers(edition)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def orga_photo(request, year, pk):
    edition = request.edition
    photo = selectors.photo_for_organisers(edition, pk)
    if photo is None:
        raise Http404
    people = selectors.taggable_people(edition)
    action = request.POST.get("action")
    form = forms.PhotoForm(
        request.POST if action == "save" else None,
        people=people,
        initial={"alt_text": photo.alt_text, "people": [tag.user_id for tag in photo.tags.all()]},
    )
    if request.method == "POST":
        if action == "save" and form.is_valid():
            services.photo_tag(
                photo=photo, people=list(form.cleaned_data["people"]), alt_text=form.cleaned_data["alt_text"],
                actor=request.user,
            )  # fmt: skip
            messages.success(request, _("Saved."))
        elif action == "publish":
            try:
                services.photo_publish(
                    photo=photo, actor=request.user, everyone_tagged=request.POST.get("everyone_tagged") == "on"
                )
            except (services.PublishRefused, services.TagsNotConfirmed) as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The photo is published."))
        elif action == "unpublish":
            services.photo_unpublish(photo=photo, actor=request.user)
            messages.success(request, _("The photo is no longer published."))
        elif action == "delete":
            services.photo_delete(photo=photo, actor=request.user)
            messages.success(request, _("The photo is deleted."))
            return redirect("photos:orga_list", year=edition.year)
        if action != "save" or form.is_valid():
            return redirect("photos:orga_photo", year=edition.year, pk=photo.pk)
    return render(request, "photos/orga_photo.html", {"edition": edition, "photo": photo, "form": form})


@require_GET
@access(ORGANISERS)
def orga_image(request, year, pk):
    photo = selectors.photo_for_organisers(request.edition, pk)
    if photo is None:
        raise Http404
    return image_response(photo)

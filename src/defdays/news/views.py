from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from defdays.core import markdown, uploads
from defdays.core.access import ORGANISERS, PUBLIC, access
from defdays.core.confirm import confirmation_page, confirmed
from defdays.news import selectors, services
from defdays.news.feeds import NewsFeed, TagFeed
from defdays.news.forms import ImageForm, PostForm, ScheduleForm

_news_feed = NewsFeed()
_tag_feed = TagFeed()


def _page(request, posts):
    return Paginator(posts, selectors.PAGE_SIZE).get_page(request.GET.get("page"))


@require_GET
@access(PUBLIC)
def index(request):
    return render(request, "news/index.html", {"page": _page(request, selectors.public_posts()), "tag": None})


@require_GET
@access(PUBLIC)
def tag(request, slug):
    found = selectors.public_tag(slug)
    if found is None:
        raise Http404
    posts = selectors.public_posts().filter(tags=found)
    return render(request, "news/index.html", {"page": _page(request, posts), "tag": found})


@require_GET
@access(PUBLIC)
def post(request, slug):
    found = selectors.public_post(slug)
    if found is None:  # a draft, a post before its time and an embargoed one answer like a missing one
        raise Http404
    return render(request, "news/post.html", _post_context(found))


def _post_context(found, *, preview=False):
    return {
        "post": found,
        "body": markdown.render(found.body),
        "byline": selectors.byline(found),
        "preview": preview,
    }


@require_GET
@access(PUBLIC)
def feed(request):
    return _news_feed(request)


@require_GET
@access(PUBLIC)
def tag_feed(request, slug):
    return _tag_feed(request, slug=slug)


@require_GET
@access(PUBLIC)  # the post decides: public once published, its organisers before (selectors.image_for)
def image(request, uid):
    found = selectors.image_for(request.user, uid)
    if found is None:
        raise Http404
    return uploads.image_response(found)


# Organisers


def _state(post) -> str:
    now = timezone.now()
    if post.status != "published":
        return _("Draft")
    if post.publish_at > now:
        return _("Scheduled")
    if post.embargoed and not selectors.public_posts().filter(pk=post.pk).exists():
        return _("Waiting for the award announcement")
    return _("Published")


@require_GET
@access(ORGANISERS)
def orga_list(request, year):
    posts = [(p, _state(p)) for p in selectors.orga_posts(request.edition)]
    return render(request, "news/orga_list.html", {"edition": request.edition, "posts": posts})


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def orga_edit(request, year, pk=None):
    edition = request.edition
    found = None
    if pk is not None:
        found = selectors.orga_post(edition, pk)
        if found is None:
            raise Http404
    initial = {"about_edition": True}
    if found is not None:
        initial = {
            "title": found.title,
            "slug": found.slug,
            "summary": found.summary,
            "body": found.body,
            "byline": found.byline,
            "tags": ", ".join(t.name for t in found.tags.all()),
            "about_edition": found.edition_id is not None,
            "embargoed": found.embargoed,
        }
    form = PostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.post_save(post=found, edition=edition, fields=form.fields_value(), actor=request.user)
        except services.NewsError as exc:
            form.add_error("slug" if isinstance(exc, services.SlugTaken) else "tags", str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("news:orga_post", year=edition.year, pk=saved.pk)
    context = {
        "edition": edition,
        "form": form,
        "post": found,
        "state": _state(found) if found else None,
        "is_public": found is not None and selectors.public_posts().filter(pk=found.pk).exists(),
        "schedule_form": ScheduleForm(tz=edition.tz),
        "image_form": ImageForm(),
        "images": list(found.images.all()) if found else [],
    }
    return render(request, "news/orga_edit.html", context, status=400 if form.errors else 200)


def _orga_post_or_404(request, pk):
    found = selectors.orga_post(request.edition, pk)
    if found is None:
        raise Http404
    return found


@require_GET
@access(ORGANISERS)
def orga_preview(request, year, pk):
    found = _orga_post_or_404(request, pk)
    context = _post_context(found, preview=True) | {"state": _state(found), "edition": request.edition}
    return render(request, "news/post.html", context)


@require_POST
@access(ORGANISERS)
def orga_publish(request, year, pk):
    found = _orga_post_or_404(request, pk)
    edition = request.edition
    at = None
    if request.POST.get("when") == "schedule":
        with timezone.override(edition.tz):
            form = ScheduleForm(request.POST, tz=edition.tz)
            valid = form.is_valid()
        if not valid:
            for error in form.errors.get("publish_at", []):
                messages.error(request, error)
            return redirect("news:orga_post", year=year, pk=found.pk)
        at = form.cleaned_data["publish_at"]
    try:
        services.post_publish(post=found, at=at, actor=request.user, edition=edition)
    except services.ScheduledInThePast as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Scheduled.") if at else _("Published."))
    return redirect("news:orga_post", year=year, pk=found.pk)


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def orga_unpublish(request, year, pk):
    found = _orga_post_or_404(request, pk)
    if not confirmed(request):
        return confirmation_page(
            request,
            title=_("Take this post off the site?"),
            confirm_label=_("Unpublish"),
            consequences=[
                _("“%(title)s” becomes a draft: its page, its place in the feeds and the sitemap are gone.")
                % {"title": found.title},
                _("Feed readers and search engines may keep the copy they already fetched."),
            ],
            cancel_url=reverse("news:orga_post", kwargs={"year": year, "pk": found.pk}),
        )
    services.post_unpublish(post=found, actor=request.user, edition=request.edition)
    messages.success(request, _("The post is a draft again."))
    return redirect("news:orga_post", year=year, pk=found.pk)


@require_POST
@access(ORGANISERS)
def orga_image(request, year, pk):
    found = _orga_post_or_404(request, pk)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        services.image_add(
            post=found,
            clean=form.cleaned_data["image"],
            alt=form.cleaned_data["alt"],
            actor=request.user,
            edition=request.edition,
        )
        messages.success(request, _("Picture added. Paste its line into the text where it belongs."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("news:orga_post", year=year, pk=found.pk)

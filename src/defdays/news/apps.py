from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "defdays.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from defdays.award import embargo
        from defdays.core import navigation, sitemaps
        from defdays.editions import home_sections
        from defdays.news import selectors, services
        from defdays.news.sitemaps import NewsSitemap

        if services.publish_with_announcement not in embargo.announcement_hooks():
            embargo.on_announcement(services.publish_with_announcement)
        sitemaps.register("news", NewsSitemap)

        def edition_news(request, edition):
            posts = selectors.posts_of_edition(edition)
            if not posts:
                return None
            return home_sections.HomeSection("news/_edition_section.html", {"posts": posts}, order=40)

        home_sections.register("news", edition_news)
        navigation.register(_("News"), "news:index", order=70, needs_edition=False)
        navigation.register(
            _("News"),
            "news:orga",
            area="orga",
            order=60,
            description=_("Write, preview, schedule and unpublish posts."),
        )

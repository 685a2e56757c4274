"""The project's URLs. Each app owns its paths (see its urls.py); the public scheme is in docs/architecture.md."""

from django.urls import include, path, register_converter

from defdays.core.converters import IdConverter, YearConverter

register_converter(YearConverter, "year")
register_converter(IdConverter, "id")

urlpatterns = [
    path("", include("defdays.core.urls")),
    path("", include("defdays.audit.urls")),
    path("", include("defdays.accounts.urls")),
    path("", include("defdays.editions.urls")),
    path("", include("defdays.people.urls")),
    path("", include("defdays.invitations.urls")),
    path("", include("defdays.registration.urls")),
    path("", include("defdays.opensession.urls")),
    path("", include("defdays.programme.urls")),
    path("", include("defdays.contact.urls")),
    path("", include("defdays.news.urls")),
    path("", include("defdays.mailings.urls")),
    path("", include("defdays.exports.urls")),
    path("", include("defdays.award.urls")),
    path("", include("defdays.reports.urls")),
    path("", include("defdays.networking.urls")),
    path("", include("defdays.safety.urls")),
    path("", include("defdays.photos.urls")),
    path("", include("defdays.travel.urls")),
    path("", include("defdays.visas.urls")),
    path("", include("defdays.badges.urls")),
]

handler400 = "defdays.core.views.bad_request"
handler403 = "defdays.core.views.permission_denied"
handler404 = "defdays.core.views.page_not_found"
handler500 = "defdays.core.views.server_error"

from django.urls import path

from defdays.core import views

app_name = "core"

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.health, name="health"),
    path("livez", views.live, name="live"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("i18n/setlang/", views.set_language, name="set_language"),
]

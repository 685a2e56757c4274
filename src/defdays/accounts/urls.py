from django.urls import path

from defdays.accounts import orga_views, views

app_name = "accounts"

urlpatterns = [
    path("account/login/", views.login_view, name="login"),
    path("account/logout/", views.logout_view, name="logout"),
    path("account/2fa/", views.verify_view, name="verify"),
    path("account/2fa/setup/", views.setup_2fa_view, name="setup_2fa"),
    path("account/2fa/recovery-codes/", views.recovery_codes_view, name="recovery_codes"),
    path("account/password/", views.password_change_view, name="password_change"),
    path("account/password/reset/", views.password_reset_view, name="password_reset"),
    path("account/reset/<uidb64>/<token>/", views.password_reset_confirm_view, name="password_reset_confirm"),
    path("me/", views.me_view, name="me"),
    path("orga/<year:year>/roles/", orga_views.roles_view, name="orga_roles"),
]

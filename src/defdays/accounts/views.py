import time
from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from defdays.accounts import me_sections, password_reset, services
from defdays.accounts.forms import (
    LoginForm,
    NewPasswordForm,
    PasswordChangeForm,
    PasswordResetRequestForm,
    ReauthenticateForm,
    SetupTokenForm,
    TokenForm,
)
from defdays.accounts.models import Authenticator
from defdays.audit import services as audit
from defdays.core import edition_lookup, navigation
from defdays.core.access import PASSWORD_STEP, PUBLIC, SIGNED_IN, access
from defdays.core.clients import client_network
from defdays.core.links import absolute_url
from defdays.core.roles import STAFF_ROLES

# After this many wrong second-factor codes the half-open session is ended.
MAX_SECOND_FACTOR_FAILURES = 5
# Between the password-and-code step of enrolment and the new device's first code: the pending device's id and
# when it was shown. Only this session, within this time, may see its secret again after a mistyped code.
ENROLMENT_SESSION_KEY = "enrolment_started"
ENROLMENT_SECONDS = 10 * 60


def totp_secret_base32(device) -> str:
    """The secret as authenticator apps take it when typed in by hand."""
    return b32encode(device.bin_key).decode().rstrip("=")


def _failed_once_more(request, step: str):
    """Count a wrong code or password in this session; at the limit end the session (the locked-out page).

    Shared by the 2FA step and the re-authentication before a 2FA change, so that an open session cannot be used
    to guess the owner's password or codes without limit either.
    """
    failures = request.session.get("second_factor_failures", 0) + 1
    request.session["second_factor_failures"] = failures
    if failures < MAX_SECOND_FACTOR_FAILURES:
        return None
    audit.record(audit.Action.LOCKED_OUT, actor=request.user, target=request.user, step=step)
    logout(request)
    return render(request, "accounts/locked_out.html", status=429)


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _landing(user) -> str:
    """Where a person arrives after signing in: staff at their work area (the organisers' home of the current
    edition, else their latest edition with a staff role), everyone else at /me/."""
    if user.is_staff_account():
        current = edition_lookup.current_edition()
        held = user.roles.filter(role__in=STAFF_ROLES).select_related("edition").order_by("-edition__year")
        if current is not None and (user.is_superuser or held.filter(edition=current).exists()):
            return reverse("editions:orga_home", kwargs={"year": current.year})
        latest = held.first()
        if latest is not None:
            return reverse("editions:orga_home", kwargs={"year": latest.edition.year})
    return reverse("accounts:me")


@access(PUBLIC)
def login_view(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, email=form.cleaned_data["email"], password=form.cleaned_data["password"])
        if user is None:
            audit.record(audit.Action.LOGIN_FAILED)
            # The same words for an unknown email and a wrong password.
            form.add_error(None, _("That email and password do not match an account."))
        else:
            login(request, user)  # rotates the session key
            audit.record(audit.Action.LOGIN, actor=user, target=user)
            next_url = _safe_next(request, _landing(user))
            if user.is_staff_account():
                step = "accounts:verify" if services.confirmed_totp_device(user) else "accounts:setup_2fa"
                return redirect(f"{reverse(step)}?next={next_url}")
            return redirect(next_url)
    return render(
        request,
        "accounts/login.html",
        {
            "form": form,
            "next": _safe_next(request, ""),
            "page_title": _("Sign in"),
            "submit_label": _("Sign in"),
        },
    )


@access(PASSWORD_STEP)
def verify_view(request):
    user = request.user
    if user.is_verified():
        return redirect(_safe_next(request, _landing(user)))
    if services.confirmed_totp_device(user) is None:
        return redirect("accounts:setup_2fa")
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        device = services.verify_second_factor(user, form.cleaned_data["token"]) if form.is_valid() else None
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            request.session.pop("second_factor_failures", None)
            audit.record(audit.Action.OTP_VERIFIED, actor=user, target=user)
            return redirect(_safe_next(request, _landing(user)))
        audit.record(
            audit.Action.OTP_FAILED,
            actor=user,
            target=user,
            attempt=request.session.get("second_factor_failures", 0) + 1,
        )
        locked = _failed_once_more(request, "2fa")
        if locked is not None:
            return locked
        form.add_error(None, _("That code was not accepted. Wait for a new code and try again."))
        status = 400
    return render(
        request,
        "accounts/verify.html",
        {
            "form": form,
            "next": _safe_next(request, ""),
            "page_title": _("Second step: your code"),
            "intro": _(
                "Staff accounts open the organisers' data, so they need a second factor. Enter the 6-digit code "
                "from your authenticator app, or one of your recovery codes."
            )
            if user.is_staff_account()
            else _(
                "Your account is protected by a second step. Enter the 6-digit code from your authenticator app, or "
                "one of your recovery codes."
            ),
            "submit_label": _("Verify"),
        },
        status=status,
    )


def _enrolment_in_progress(request) -> Authenticator | None:
    """The pending device this session re-authenticated for, while that is recent."""
    device_id, started = request.session.get(ENROLMENT_SESSION_KEY, (None, 0))
    if device_id is None or time.time() - started > ENROLMENT_SECONDS:
        return None
    return Authenticator.objects.filter(pk=device_id, user=request.user, confirmed=False).first()


def _show_new_secret(request, device, form):
    # The QR code is drawn here, as inline SVG: the secret never leaves our server for a QR service.
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#111", light="#fff")
    return render(
        request,
        "accounts/setup_2fa.html",
        {
            "form": form,
            "qr_svg": qr_svg,
            "secret": totp_secret_base32(device),
            "next": _safe_next(request, ""),
        },
    )


@access(PASSWORD_STEP)
def setup_2fa_view(request):
    """Enrolment in two steps: password (and a current code, to replace a device), then the new device's code.

    A GET writes nothing and shows no secret; the secret is shown only in answer to the first step.
    """
    user = request.user
    has_device = services.confirmed_totp_device(user) is not None
    if has_device and not user.is_verified():
        return redirect("accounts:verify")
    device = _enrolment_in_progress(request) if request.method == "POST" else None
    if device is not None and "token" in request.POST:
        form = SetupTokenForm(request.POST)
        if form.is_valid():
            codes = services.confirm_totp(user, device, form.cleaned_data["token"].strip())
            if codes is not None:
                request.session.pop(ENROLMENT_SESSION_KEY, None)
                otp_login(request, services.confirmed_totp_device(user))
                request.session.cycle_key()
                return render(
                    request, "accounts/recovery_codes.html", {"codes": codes, "next": _safe_next(request, "")}
                )
            form.add_error("token", _("That code was not accepted. Check the time on your device and try again."))
        return _show_new_secret(request, device, form)
    form = ReauthenticateForm(request.POST or None, needs_code=has_device)
    if request.method == "POST" and form.is_valid():
        device = services.start_enrolment(
            user=user, password=form.cleaned_data["password"], code=form.cleaned_data.get("code", "")
        )
        if device is not None:
            request.session[ENROLMENT_SESSION_KEY] = (device.pk, time.time())
            request.session.pop("second_factor_failures", None)
            return _show_new_secret(request, device, SetupTokenForm())
        locked = _failed_once_more(request, "re-authentication")
        if locked is not None:
            return locked
        form.add_error(None, _("That password or code was not accepted."))
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "next": _safe_next(request, ""),
            "submit_label": _("Continue"),
            "page_title": _("Replace your authenticator") if has_device else _("Set up two-factor sign-in"),
            "intro": _(
                "Confirm it is you: your password and a code from your current authenticator app. The new app "
                "replaces the old one, and you get new recovery codes."
            )
            if has_device
            else _(
                "Your account has a staff role. Before you can open any staff page, link an authenticator app (for "
                "example FreeOTP, Aegis or KeePassXC). First confirm it is you with your password."
            )
            if user.is_staff_account()
            else _(
                "A second step protects your account even if someone learns your password. Link an authenticator app "
                "(for example FreeOTP, Aegis or KeePassXC). First confirm it is you with your password."
            ),
        },
    )


@access(SIGNED_IN)
def recovery_codes_view(request):
    if services.confirmed_totp_device(request.user) is None:
        return redirect("accounts:setup_2fa")
    form = ReauthenticateForm(request.POST or None, needs_code=True)
    if request.method == "POST" and form.is_valid():
        codes = services.regenerate_recovery_codes(
            user=request.user, password=form.cleaned_data["password"], code=form.cleaned_data["code"]
        )
        if codes is not None:
            request.session.pop("second_factor_failures", None)
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
        locked = _failed_once_more(request, "re-authentication")
        if locked is not None:
            return locked
        form.add_error(None, _("That password or code was not accepted."))
    return render(request, "accounts/recovery_codes_confirm.html", {"form": form})


@access(PASSWORD_STEP)
def logout_view(request):
    if request.method == "POST":
        audit.record(audit.Action.LOGOUT, actor=request.user, target=request.user)
        logout(request)  # flushes the session row on the server
        messages.info(request, _("You are signed out."))
        return redirect("editions:current")
    return render(request, "accounts/logout.html")


@access(SIGNED_IN)
def me_view(request):
    roles = request.user.roles.select_related("edition").order_by("-edition__year", "role")
    return render(
        request,
        "accounts/me.html",
        {
            "roles": roles,
            "sections": me_sections.sections_for(request.user),
            # Shown to the person only, on their own page, so they know which address signs in and gets our mail.
            "sign_in_email": request.user.email,
            "has_2fa": services.confirmed_totp_device(request.user) is not None,
            # Other apps add their sections here (registration, agenda, data export ...) via navigation area "me".
            "me_links": navigation.items_for(request, edition_lookup.current_edition(), area="me"),
        },
    )


@access(SIGNED_IN)
def password_change_view(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_password(request.user, form.cleaned_data["new_password1"])
        # Other sessions die with the old password hash; this one ends here too.
        logout(request)
        messages.success(request, _("Your password is changed. Sign in with the new one."))
        return redirect("accounts:login")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "page_title": _("Change password"),
            "submit_label": _("Change password"),
            "intro": _("Changing it signs you out everywhere."),
        },
    )


@access(PUBLIC)
def password_reset_view(request):
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_reset.password_reset_request(
                email=form.cleaned_data["email"], network=client_network(request), base_url=absolute_url("/", request)
            )
        except password_reset.ResetLimited:
            form.add_error(
                None,
                _(
                    "Too many requests for this address or from your network. Nothing was sent. "
                    "Please try again in an hour."
                ),
            )
        else:
            # The same page whether or not the email has an account.
            return render(request, "accounts/password_reset_sent.html")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "page_title": _("Reset password"),
            "submit_label": _("Send me a link"),
        },
        status=429 if form.non_field_errors() else 200,
    )


@access(PUBLIC)
def password_reset_confirm_view(request, uidb64, token):
    user = password_reset.account_of_link(uidb64, token)
    if user is None:
        return render(request, "accounts/password_reset_invalid.html", status=400)
    form = NewPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_password(user, form.cleaned_data["new_password1"], action=audit.Action.PASSWORD_RESET_DONE)
        messages.success(request, _("Your password is set. Sign in with it."))
        return redirect("accounts:login")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "page_title": _("Set a new password"),
            "submit_label": _("Set password"),
        },
    )

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from defdays.accounts import services
from defdays.accounts.forms import RoleGrantForm
from defdays.accounts.models import Role, User
from defdays.accounts.selectors import listable_users, sharing_a_name
from defdays.core.access import ORGANISERS, access
from defdays.core.confirm import confirmation_page, confirmed


@require_http_methods(["GET", "POST"])
@access(ORGANISERS)
def roles_view(request, year):
    """Who holds which role in this edition; grant and revoke (each change is audited)."""
    edition = request.edition
    form = RoleGrantForm(request.POST if request.POST.get("action") == "grant" else None)
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            role_id = request.POST.get("role_id", "")
            role = Role.objects.filter(edition=edition, pk=int(role_id)).first() if role_id.isdigit() else None
            if role is not None and not confirmed(request):
                return _confirm_removal(request, role)
            if role is not None:
                services.revoke_role(role.user, edition, role.role, actor=request.user)
                messages.success(request, _("Role removed."))
            return redirect("accounts:orga_roles", year=edition.year)
        if form.is_valid():
            user = User.objects.find_by_email(form.cleaned_data["email"])
            if user is None:
                form.add_error("email", _("No account has this email."))
            else:
                services.grant_role(user, edition, form.cleaned_data["role"], actor=request.user)
                messages.success(request, _("Role granted."))
                return redirect("accounts:orga_roles", year=edition.year)
    held = Role.objects.filter(edition=edition)
    roles = held.filter(user__in=listable_users()).select_related("user").order_by("role", "user__public_name")
    return render(
        request,
        "accounts/orga_roles.html",
        {
            "edition": edition,
            "roles": roles,
            "form": form,
            "same_name": sharing_a_name(listable_users().filter(pk__in=held.values("user_id"))),
            # Hidden people ("hide me") are listed for the safety team only; here they are a count.
            "hidden_count": held.exclude(user__in=listable_users()).values("user").distinct().count(),
        },
    )


def _confirm_removal(request, role):
    consequences = [
        _("%(name)s no longer holds the role “%(role)s” in %(edition)s.")
        % {"name": role.user.public_name, "role": role.get_role_display(), "edition": request.edition.title},
        _("Pages of this role stop working for them on their next request; their other roles stay."),
        _("The removal is recorded in the audit log. To give the role back, grant it again."),
    ]
    return confirmation_page(
        request,
        title=_("Remove %(name)s's role?") % {"name": role.user.public_name},
        consequences=consequences,
        confirm_label=_("Remove the role"),
        cancel_url=reverse("accounts:orga_roles", kwargs={"year": request.edition.year}),
        hidden=[("action", "revoke"), ("role_id", role.pk)],
    )

"""An erasure that lands while an invitation import is under way: both finish, nothing half-written, and the
erased people's data stays gone."""

import pytest
from django.test import override_settings

from defdays.invitations import services as invitation_services
from defdays.invitations.models import ImportStatus, Invitation
from defdays.invitations.tasks import run_import, validate_import
from defdays.people import services as people_services
from tests.invitations.helpers import invite

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
HEADER = "public name,email,role,language,openpgp key,internal note\n"


def test_invitee_and_organiser_erase_while_the_import_waits_for_the_worker(make_user, edition):
    organiser = make_user("organiser", edition=edition)
    invitation, _token = invite(edition, "earlier.invitee@example.org", public_name="Earlier Invitee")
    invitee = make_user("defender", edition=edition, email="erasing.person@example.org", public_name="Erasing")
    csv = HEADER + (
        "Fresh Face,fresh.face@example.org,defender,en,,\nErasing Again,erasing.person@example.org,stakeholder,en,,\n"
    )
    with override_settings(TASKS=DB_TASKS):
        job = invitation_services.start_import(edition, csv, actor=organiser)
        validate_import.call(job_id=job.pk)
        job.refresh_from_db()
        assert job.status == ImportStatus.VALIDATED and job.valid_rows == 2
        assert invitation_services.confirm_import(job, actor=organiser)

        # The worker has not run the import yet; both people erase their accounts now.
        assert people_services.erase(invitee) is not None
        assert people_services.erase(organiser) is not None

        run_import.call(job_id=job.pk, actor_id=organiser.pk)

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.created_count == 2
    assert job.content_enc is None  # the uploaded file's key is shredded once done
    # The rows were written whole: each new invitation opens with its own key, none with the erased ones'.
    fresh = [
        i
        for i in Invitation.objects.filter(edition=edition).select_related("data_key")
        if i.name_for_staff in ("Fresh Face", "Erasing Again")
    ]
    assert sorted(i.email for i in fresh) == ["erasing.person@example.org", "fresh.face@example.org"]
    invitee.refresh_from_db()
    organiser.refresh_from_db()
    assert not invitee.is_active and not organiser.is_active
    assert invitee.data_key.shredded_at is not None and organiser.data_key.shredded_at is not None
    # An unrelated earlier invitation is untouched.
    invitation.refresh_from_db()
    assert invitation.email == "earlier.invitee@example.org"

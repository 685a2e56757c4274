"""Issue 15: after an invalid submit the form opens on an error summary that links to each field and takes the
focus without JavaScript (autofocus), and the invalid field itself is marked for assistive technology."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_an_invalid_sign_up_opens_on_a_linked_error_summary(client, open_session):
    response = client.post(
        "/2013/open-session/", {"session": open_session.pk, "name": " ", "email": "not-an-email", "language": "en"}
    )
    body = response.content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', body, re.S)
    assert summary, "no error summary"
    assert "autofocus" in summary.group(0) and 'role="alert"' in summary.group(0)
    pk = open_session.pk
    assert f'href="#id_s{pk}_email"' in summary.group(1) and f'href="#id_s{pk}_name"' in summary.group(1)
    # The summary comes before the form's first field, so on a phone it is what shows first.
    assert body.index('class="error-summary"') < body.index(f'id="id_s{pk}_name"')
    email_input = re.search(rf'<input[^>]*id="id_s{pk}_email"[^>]*>', body).group(0)
    assert 'aria-invalid="true"' in email_input


def test_a_valid_form_has_no_summary(client, open_session):
    body = client.get("/2013/open-session/").content.decode()
    assert "error-summary" not in body

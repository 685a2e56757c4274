from django_tasks import task

from defdays.accounts import password_reset


@task()
def send_password_reset(email_index: str, base_url: str = "") -> bool:
    """Look the account up by the keyed index of the address asked for; send its reset link or do nothing."""
    return password_reset.password_reset_send(index=email_index, base_url=base_url)

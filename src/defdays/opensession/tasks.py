from django_tasks import task


@task()
def sign_up_from_request(
    session_id: int, key_id: str, email: str, name: str, language: str, base_url: str = ""
) -> bool | None:
    """Carry out one sign-up form post: the lookup, the pending booking or the neutral repeat email."""
    from defdays.opensession import services

    result = services.sign_up_from_request(
        session_id=session_id, key_id=key_id, email=email, name=name, language=language, base_url=base_url
    )
    return None if result is None else result.emailed

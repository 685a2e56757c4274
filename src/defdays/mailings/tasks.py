from django_tasks import task


@task()
def send_message(message_id: int) -> int:
    """Send a queued message to each of its recipients; runs again by itself for those whose server refused."""
    from defdays.mailings.services import deliveries_send

    return deliveries_send(message_id=message_id)

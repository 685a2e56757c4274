from defdays.mail.outbox import OutgoingEmail  # noqa: F401  (the model lives beside its store and destroy)

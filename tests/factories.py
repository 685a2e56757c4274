"""Test data builders. Users get a data key and an encrypted email like real ones (through the manager)."""

from datetime import date

import factory

from defdays.accounts.models import User
from defdays.editions.models import Edition, EditionStatus


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("year",)

    year = 2013
    title = factory.LazyAttribute(lambda o: f"Defenders' Days {o.year}")
    slug = factory.LazyAttribute(lambda o: f"defenders-days-{o.year}")
    status = EditionStatus.PUBLISHED
    is_current = False
    start_date = factory.LazyAttribute(lambda o: date(o.year, 4, 2))
    end_date = factory.LazyAttribute(lambda o: date(o.year, 4, 5))
    main_day = factory.LazyAttribute(lambda o: date(o.year, 4, 4))
    city = "Stockholm"
    organiser_name = "Civil Rights Defenders"
    description = "A conference for human rights defenders at risk."
    aims = "Recognition\nUnderstanding\nNetworking"
    closed_part_info = "For defenders at risk and stakeholders."
    open_session_info = "Open to everyone."
    invitation_info = "By invitation."
    contact_name = "Ms Kim Matthis"
    contact_email = "kim.matthis@example.org"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    public_name = factory.Sequence(lambda n: f"Person {n}")

    @classmethod
    def _create(cls, model_class, *args, email=None, password="correct horse battery staple", **kwargs):
        email = email or f"person{User.objects.count() + 1}-{id(kwargs)}@example.org"
        return model_class.objects.create_user(email, password, **kwargs)

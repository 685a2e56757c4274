"""Every field of every defdays model has a sensitivity class; the check catches one that has none."""

import pytest
from django.apps import apps
from django.db import models

from defdays.core import sensitivity
from defdays.core.sensitivity import Sensitivity


def test_every_field_of_every_model_is_classified():
    assert sensitivity.unclassified() == []
    labels = {label for label, _, _ in sensitivity.inventory()}
    assert {"accounts.User", "core.DataKey", "audit.AuditEvent", "editions.Edition"} <= labels


def test_every_encrypted_column_is_classified_restricted():
    """An `Encrypted` attribute's column holds restricted data by definition: it must say so."""
    from defdays.core.fields import Encrypted

    for model in sensitivity.defdays_models():
        for attr in vars(model).values():
            if isinstance(attr, Encrypted):
                where = f"{model._meta.label}.{attr.column}"
                assert model.SENSITIVITY.get(attr.column) == Sensitivity.RESTRICTED, where
                assert isinstance(model._meta.get_field(attr.column), models.BinaryField)


def test_declared_classes_name_real_fields():
    for model in sensitivity.defdays_models():
        concrete = {f.name for f in model._meta.concrete_fields}
        stray = set(getattr(model, "SENSITIVITY", {})) - concrete
        assert not stray, f"{model._meta.label} classifies fields it does not have: {sorted(stray)}"


@pytest.fixture
def unclassified_model():
    """A model of ours that forgets to classify one field, built at run time and removed afterwards."""
    attrs = {
        "__module__": "defdays.people.models",
        "nickname": models.CharField(max_length=50),
        "notes": models.TextField(),
        "SENSITIVITY": {"id": Sensitivity.NONE, "nickname": Sensitivity.PUBLIC},
        "Meta": type("Meta", (), {"app_label": "people"}),
    }
    model = type("ForgetfulProfile", (models.Model,), attrs)
    yield model
    del apps.all_models["people"]["forgetfulprofile"]
    apps.clear_cache()


def test_the_check_catches_an_unclassified_field(unclassified_model):
    assert sensitivity.unclassified() == [("people.ForgetfulProfile", "notes")]

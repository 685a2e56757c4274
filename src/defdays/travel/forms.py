from django import forms
from django.utils.translation import gettext_lazy as _

from defdays.core.forms import VisibleTextField
from defdays.travel import services
from defdays.travel.models import GrantStatus, TravelMode

MODES = [("", "—"), *TravelMode.choices]


class HotelBlockForm(forms.Form):
    name = VisibleTextField(label=_("Hotel"), max_length=200)
    address = VisibleTextField(label=_("Address"), max_length=300, required=False)
    rooms = forms.IntegerField(label=_("Rooms in the block"), min_value=1, max_value=2000)


class ItineraryForm(forms.Form):
    """Times are read in the edition's time zone: the view activates it around the form."""

    arrival_mode = forms.ChoiceField(label=_("Arrival: how"), choices=MODES, required=False)
    arrival_carrier = VisibleTextField(label=_("Arrival: carrier and number"), max_length=60, required=False)
    arrival_at = forms.DateTimeField(
        label=_("Arrival: local date and time"),
        required=False,
        help_text=_("As YYYY-MM-DD HH:MM, local time of the event."),
    )
    departure_mode = forms.ChoiceField(label=_("Departure: how"), choices=MODES, required=False)
    departure_carrier = VisibleTextField(label=_("Departure: carrier and number"), max_length=60, required=False)
    departure_at = forms.DateTimeField(
        label=_("Departure: local date and time"),
        required=False,
        help_text=_("As YYYY-MM-DD HH:MM, local time of the event."),
    )
    hotel_block = forms.ChoiceField(label=_("Hotel"), required=False)
    room = VisibleTextField(label=_("Room"), max_length=40, required=False)

    def __init__(self, *args, blocks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.blocks = {str(fill.block.uid): fill.block for fill in blocks}
        self.fields["hotel_block"].choices = [("", _("No hotel"))] + [
            (str(fill.block.uid), f"{fill.name} ({fill.free})") for fill in blocks
        ]

    def leg(self, prefix):
        data = self.cleaned_data
        if not data.get(f"{prefix}_at"):
            return None
        return services.Leg(mode=data[f"{prefix}_mode"], carrier=data[f"{prefix}_carrier"], at=data[f"{prefix}_at"])

    def block(self):
        return self.blocks.get(self.cleaned_data.get("hotel_block") or "")

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            services.check_legs(self.leg("arrival"), self.leg("departure"))
        except services.TravelError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return data


class GrantForm(forms.Form):
    currency = forms.RegexField(label=_("Currency"), regex=r"^[A-Za-z]{3}$", max_length=3, initial="EUR",
                                help_text=_("Three letters, e.g. EUR or SEK."),
                                error_messages={"invalid": _("Three letters, e.g. EUR or SEK.")})  # fmt: skip
    requested = forms.DecimalField(label=_("Amount requested"), min_value=0, max_digits=10, decimal_places=2)
    approved = forms.DecimalField(
        label=_("Amount approved"), min_value=0, max_digits=10, decimal_places=2, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=GrantStatus.choices)


class ReceiptForm(forms.Form):
    receipt = forms.FileField(label=_("Receipt (PDF, JPEG or PNG)"))

"""Turn an app's export (nested dicts and lists) into rows a template can show without knowing its shape."""

from datetime import datetime

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _


def _label(key) -> str:
    return str(key).replace("_", " ").capitalize()


def _timestamp(value: str) -> str | None:
    """An ISO timestamp as people read it (in the site's time zone), or None if `value` is not one."""
    if len(value) < 19 or value[10:11] != "T":
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%d %H:%M")


def _scalar(value) -> str:
    if isinstance(value, str):
        return _timestamp(value) or value
    if value is None:
        return "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return str(value)


def rows(value, label="") -> dict:
    """{"label", "text"} for a plain value, {"label", "children"} for a dict or a list."""
    if isinstance(value, dict) and value:
        return {"label": label, "children": [rows(item, _label(key)) for key, item in value.items()]}
    if isinstance(value, (list, tuple, dict)):
        if not value:
            return {"label": label, "text": _("none")}
        return {"label": label, "children": [rows(item, str(number)) for number, item in enumerate(value, 1)]}
    return {"label": label, "text": _scalar(value)}


def app_sections(exported_apps: dict) -> list[dict]:
    sections = []
    for label, data in exported_apps.items():
        try:
            title = str(apps.get_app_config(label).verbose_name)
        except LookupError:
            title = _label(label)
        sections.append({"title": title, "tree": rows(data)})
    return sections

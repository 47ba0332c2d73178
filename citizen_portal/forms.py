"""Form pieces shared by the back office and citizen pages."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe); the service checks each one's content."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class QuickSelect(forms.Select):
    """A <select> written out in Python. Django draws every <option> through the template engine: for a hundred
    wards that is most of a page's time (measured: ~15 ms of the report feed for a signed-in citizen). Same
    markup as forms.Select: attributes, option groups, the selected option."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = format_html_join(
                "",
                '<option value="{}"{}{}>{}</option>',
                (
                    (
                        option["value"],
                        flatatt({k: v for k, v in option["attrs"].items() if k != "selected"}),
                        mark_safe(" selected") if option["selected"] else "",
                        option["label"],
                    )
                    for option in options
                ),
            )
            groups.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, html) if group_name else html)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            format_html_join("", "{}", ((group,) for group in groups)),
        )


def home_wards():
    """The home province's wards, by name: every ward picker and filter on citizen pages."""
    from django.conf import settings

    from agencies.models import Ward

    return Ward.objects.filter(province_id=settings.HOME_PROVINCE_CODE).order_by("name")

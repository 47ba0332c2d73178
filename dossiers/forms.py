"""Django forms for the citizen pages, built from a procedure's typed schema (validation stays in the service)."""

from django import forms
from django.conf import settings

from agencies.models import Ward


def _widget_for(field: dict):
    kind = field["type"]
    if kind == "long_text":
        return forms.Textarea(attrs={"rows": 4})
    if kind == "date":
        return forms.DateInput(attrs={"type": "date"})
    if kind in ("number", "citizen_id"):
        return forms.TextInput(attrs={"inputmode": "numeric"})
    if kind == "phone":
        return forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"})
    return forms.TextInput()


def section_form(fields: list[dict], *, data=None, initial=None, verified: dict | None = None) -> forms.Form:
    """One page of the dossier: the fields of one section. Shape only; the service checks the content.
    `verified`: answers from the verified identity, shown but not editable."""
    verified = verified or {}
    form = forms.Form(data=data, initial={**(initial or {}), **verified})
    for field in fields:
        kind = field["type"]
        common = {"label": field["label"], "required": False, "help_text": field.get("help_text", "")}
        if kind == "checkbox":
            form.fields[field["key"]] = forms.BooleanField(**common)
        elif kind == "choice":
            choices = [("", "— Chọn —")] + [(c, c) for c in field["choices"]]
            form.fields[field["key"]] = forms.ChoiceField(choices=choices, **common)
        elif kind == "ward":
            wards = Ward.objects.filter(province_id=settings.HOME_PROVINCE_CODE).order_by("name")
            choices = [("", "— Chọn phường, xã —")] + [(str(w.code), w.name) for w in wards]
            form.fields[field["key"]] = forms.ChoiceField(
                choices=choices, widget=forms.Select(attrs={"data-searchable": ""}), **common
            )
        else:
            form.fields[field["key"]] = forms.CharField(widget=_widget_for(field), **common)
        form.fields[field["key"]].required_by_procedure = field["required"]
        if field["key"] in verified:
            form.fields[field["key"]].widget.attrs["readonly"] = True
            form.fields[field["key"]].help_text = "Theo danh tính đã xác thực qua Tây Ninh ID."
    return form


class UploadForm(forms.Form):
    document = forms.CharField(widget=forms.HiddenInput)
    file = forms.FileField(
        label="Chọn ảnh hoặc tệp",
        error_messages={"required": "Vui lòng chọn tệp.", "empty": "Tệp rỗng, vui lòng chọn lại."},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )


class LookupForm(forms.Form):
    code = forms.CharField(
        label="Mã hồ sơ",
        max_length=64,
        help_text="In trên giấy tiếp nhận, ví dụ H56.01-261129-0001 (chữ hoa hay thường, có gạch hay không đều được).",
        error_messages={"required": "Vui lòng nhập mã hồ sơ."},
    )
    contact = forms.CharField(
        label="Số điện thoại hoặc số CCCD đã dùng khi nộp",
        max_length=20,
        error_messages={"required": "Vui lòng nhập số điện thoại hoặc số CCCD."},
    )

    def clean_code(self) -> str:
        """The code the way it is indexed for lookup: whatever case, spaces or dashes the citizen typed (codes
        read aloud at the counter lose their dashes)."""
        from dossiers.models import Dossier

        return Dossier.lookup_key(self.cleaned_data["code"])

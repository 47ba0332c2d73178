from django import forms

from citizen_portal.forms import QuickSelect, home_wards

WARD_SLOTS = (1, 2, 3)


class SubscriptionForm(forms.Form):
    """Up to three places a citizen cares about (home, parents', work), or the whole province."""

    whole_province = forms.BooleanField(label="Nhận thông báo quan trọng của cả tỉnh", required=False)

    def __init__(self, *args, initial=None, **kwargs):
        initial = dict(initial or {})
        for slot, ward in zip(WARD_SLOTS, initial.pop("wards", []), strict=False):
            initial[f"ward_{slot}"] = ward
        super().__init__(*args, initial=initial, **kwargs)
        for slot in WARD_SLOTS:
            self.fields[f"ward_{slot}"] = forms.ModelChoiceField(
                label="Xã, phường của bạn" if slot == 1 else f"Thêm xã, phường thứ {slot} (không bắt buộc)",
                queryset=home_wards(),
                required=False,
                empty_label="— Chọn xã, phường —",
                widget=QuickSelect(attrs={"data-searchable": ""}),
                error_messages={"invalid_choice": "Xã, phường không hợp lệ. Vui lòng chọn lại trong danh sách."},
            )

    def clean(self):
        data = super().clean()
        data["wards"] = [data[f"ward_{slot}"] for slot in WARD_SLOTS if data.get(f"ward_{slot}")]
        return data

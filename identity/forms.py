from django import forms

from identity.validators import normalize_phone


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label="Số điện thoại",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": "Vui lòng nhập số điện thoại."},
    )

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])


class CodeForm(forms.Form):
    phone = forms.CharField(widget=forms.HiddenInput)
    code = forms.CharField(
        label="Mã gồm 6 chữ số",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"required": "Vui lòng nhập mã.", "min_length": "Mã gồm 6 chữ số."},
    )


class DeskCitizenForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    phone = forms.CharField(label="Số điện thoại", max_length=20)

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label="Tôi hiểu rằng tài khoản sẽ bị xoá và không khôi phục được.",
        error_messages={"required": "Vui lòng đánh dấu xác nhận nếu bạn muốn xoá tài khoản."},
    )


class BirthYearForm(forms.Form):
    birth_year = forms.IntegerField(
        label="Năm sinh (không bắt buộc, chỉ dùng cho thống kê)",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": "Vui lòng nhập năm sinh bằng số, ví dụ 1965."},
    )

from django import forms

from tuition.importer import parse_amount


class LinkChildForm(forms.Form):
    student_code = forms.CharField(
        label="Mã học sinh", max_length=20, help_text="Ghi trên giấy báo học phí hoặc sổ liên lạc của con."
    )
    date_of_birth = forms.DateField(
        label="Ngày sinh của con",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text="Ví dụ: 05/09/2018",
        error_messages={"invalid": "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 05/09/2018."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student_code"].error_messages["required"] = "Hãy nhập mã học sinh."
        self.fields["date_of_birth"].error_messages["required"] = "Hãy nhập ngày sinh của con."


class TuitionFileForm(forms.Form):
    school = forms.ModelChoiceField(label="Trường", queryset=None)
    title = forms.CharField(label="Tên đợt thu", max_length=200, help_text="Ví dụ: Học phí học kỳ I năm học 2026-2027")
    file = forms.FileField(label="Tệp học phí (.xlsx hoặc .csv)")

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()


class BillClassForm(forms.Form):
    school = forms.ModelChoiceField(label="Trường", queryset=None)
    class_name = forms.CharField(label="Lớp", max_length=16)
    term = forms.CharField(label="Kỳ thu", max_length=40, help_text="Ví dụ: Tháng 10/2026 hoặc Học kỳ I 2026-2027")
    due_date = forms.DateField(label="Hạn nộp", required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    lines = forms.CharField(
        label="Các khoản (mỗi dòng: tên khoản = số tiền)",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Ví dụ:\nHọc phí = 300000\nTiền ăn bán trú = 450000",
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools
        if schools.count() == 1:
            self.fields["school"].initial = schools.first()

    def clean_lines(self) -> list[tuple[str, int]]:
        parsed, problems = [], []
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not line.strip():
                continue
            label, _, raw = line.partition("=")
            amount = parse_amount(raw)
            if not label.strip() or not amount:
                problems.append(f"dòng {number} phải có dạng “tên khoản = số tiền”")
            else:
                parsed.append((label.strip(), amount))
        if problems or not parsed:
            raise forms.ValidationError("; ".join(problems) or "Cần ít nhất một khoản.")
        return parsed


class LinkPhoneForm(forms.Form):
    phone = forms.CharField(label="Số điện thoại của phụ huynh", max_length=20)

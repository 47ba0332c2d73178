"""Forms for the citizen's report pages: shape only; the services check the content."""

from django import forms
from django.conf import settings

from agencies.models import Ward
from citizen_portal.forms import QuickSelect, home_wards
from reports.models import Category


def category_choices() -> list:
    """Grouped for a <select>: each group (with its icon) and the things seen under it."""
    groups: dict = {}
    for category in Category.objects.reportable().select_related("parent").order_by("parent__order", "order"):
        label = f"{category.parent.icon} {category.parent.name}".strip()
        groups.setdefault(label, []).append((category.pk, category.name))
    return [("", "— Chọn loại sự việc —"), *groups.items()]


class ReportForm(forms.Form):
    # The photos themselves are handled apart (kept the moment they arrive); this field only carries their errors
    # and gives the error summary a place to link to.
    photos = forms.Field(label="Ảnh sự việc", required=False, widget=forms.HiddenInput)
    category = forms.TypedChoiceField(
        label="Sự việc gì?",
        coerce=int,
        choices=(),
        widget=QuickSelect,
        error_messages={"required": "Chọn loại sự việc."},
    )
    description = forms.CharField(
        label="Mô tả ngắn",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
        help_text="Ví dụ: Cây lớn đổ chắn ngang đường, xe không qua được.",
        error_messages={"required": "Cần mô tả ngắn sự việc."},
    )
    latitude = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    longitude = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)
    # Filled by the page's script from the photo's EXIF before it shrinks the photo (which drops EXIF).
    photo_latitude = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    photo_longitude = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)
    address = forms.CharField(label="Địa chỉ hoặc nơi gần đó", max_length=255, required=False)
    # Always asked on our form: the ward decides which People's Committee answers (routing rules).
    ward = forms.ModelChoiceField(
        label="Xã, phường",
        queryset=Ward.objects.none(),
        empty_label="— Chọn xã, phường —",
        widget=QuickSelect(attrs={"data-searchable": ""}),
        error_messages={
            "required": "Chọn xã, phường nơi xảy ra sự việc.",
            "invalid_choice": "Xã, phường không hợp lệ.",
        },
    )
    show_name = forms.BooleanField(label="Hiện tên tôi trên trang công khai", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()
        self.fields["ward"].queryset = home_wards()


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Bạn hài lòng thế nào?",
        coerce=int,
        choices=[
            (5, "★★★★★ Rất hài lòng"),
            (4, "★★★★ Hài lòng"),
            (3, "★★★ Tạm được"),
            (2, "★★ Chưa hài lòng"),
            (1, "★ Rất không hài lòng"),
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.MultipleChoiceField(
        label="Lý do (không bắt buộc)",
        choices=list(settings.REPORTS["RATING_REASONS"].items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(label="Góp ý", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    reopen_reason = forms.CharField(
        label="Nếu chưa được giải quyết: vì sao cần xem lại?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FeedFilterForm(forms.Form):
    STATUS = [("", "Tất cả"), ("open", "Đang xử lý"), ("closed", "Đã xong")]
    q = forms.CharField(label="Tìm (mã, địa chỉ, nội dung)", required=False, max_length=100)
    group = forms.ChoiceField(label="Loại", required=False, widget=QuickSelect)
    ward = forms.ModelChoiceField(
        label="Xã, phường",
        queryset=Ward.objects.none(),
        required=False,
        empty_label="Tất cả",
        to_field_name="code",
        widget=QuickSelect(attrs={"data-searchable": ""}),
    )
    status = forms.ChoiceField(label="Tình trạng", choices=STATUS, required=False, widget=QuickSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = Category.objects.active().filter(parent__isnull=True, is_public=True)
        self.fields["group"].choices = [("", "Tất cả"), *((g.slug, f"{g.icon} {g.name}".strip()) for g in groups)]
        self.fields["ward"].queryset = home_wards()

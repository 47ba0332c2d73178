"""Forms for the citizen's Q&A pages: shape only; the services check the content."""

from django import forms

from agencies.models import Agency
from citizen_portal.forms import QuickSelect
from qa.models import Topic


class AskForm(forms.Form):
    topic = forms.ModelChoiceField(
        label="Lĩnh vực",
        queryset=Topic.objects.none(),
        empty_label="— Chọn lĩnh vực —",
        widget=QuickSelect,
        error_messages={"required": "Chọn lĩnh vực của câu hỏi.", "invalid_choice": "Lĩnh vực không hợp lệ."},
    )
    title = forms.CharField(
        label="Tiêu đề câu hỏi",
        max_length=200,
        help_text="Ví dụ: Làm giấy khai sinh cho con cần giấy tờ gì?",
        error_messages={"required": "Hãy viết tiêu đề câu hỏi.", "max_length": "Tiêu đề tối đa 200 ký tự."},
    )
    body = forms.CharField(
        label="Nội dung câu hỏi",
        max_length=4000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
        error_messages={
            "required": "Hãy viết nội dung câu hỏi.",
            "min_length": "Hãy viết rõ câu hỏi (ít nhất vài từ).",
            "max_length": "Nội dung tối đa 4.000 ký tự.",
        },
    )
    agency = forms.ModelChoiceField(
        label="Gửi tới cơ quan (không bắt buộc)",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="— Để cổng chuyển tới cơ quan phụ trách lĩnh vực —",
        widget=QuickSelect(attrs={"data-searchable": ""}),
        error_messages={"invalid_choice": "Cơ quan không hợp lệ."},
    )
    show_name = forms.BooleanField(label="Đồng ý hiện tên tôi nếu câu hỏi được công khai", required=False)
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.filter(is_active=True)
        self.fields["agency"].queryset = Agency.objects.active().order_by("name")


class FollowUpForm(forms.Form):
    text = forms.CharField(
        label="Hỏi thêm về câu trả lời này",
        max_length=2000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Hãy viết điều bạn muốn hỏi thêm.", "min_length": "Hãy viết rõ hơn một chút."},
    )

from django import forms

from notifications.models import EXTERNAL_CHANNELS, Channel

# Said the way citizens know these things, not the way Zalo names its products.
PLAIN_LABELS = {
    Channel.ZNS: "Tin nhắn Zalo đến số điện thoại của bạn",
    Channel.OA: "Tin nhắn từ trang Zalo của tỉnh (khi bạn đã quan tâm trang)",
    Channel.EMAIL: "Thư điện tử",
}
CHANNEL_CHOICES = [(str(channel), PLAIN_LABELS.get(channel, Channel(channel).label)) for channel in EXTERNAL_CHANNELS]


class PreferenceForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label="Nhận thông báo qua",
        choices=CHANNEL_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Bỏ chọn tất cả nếu bạn chỉ muốn xem trong Cổng: mọi thông báo luôn có trong mục Thông báo.",
    )
    first_choice = forms.ChoiceField(
        label="Kênh ưu tiên (thử trước)", choices=CHANNEL_CHOICES, widget=forms.RadioSelect, required=False
    )
    essential_only = forms.BooleanField(
        label="Chỉ nhận thông báo quan trọng (kết quả hồ sơ, yêu cầu bổ sung, xác nhận thanh toán)", required=False
    )

    def clean(self):
        data = super().clean()
        channels, first = data.get("channels") or [], data.get("first_choice")
        if first and first not in channels:
            self.add_error("first_choice", "Kênh ưu tiên phải là một trong các kênh bạn chọn nhận.")
        ordered = [first] if first in channels else []
        data["ordered_channels"] = ordered + [
            c for c in (str(x) for x in EXTERNAL_CHANNELS) if c in channels and c != first
        ]
        return data

import pytest

from citizen_portal.text import fold_vietnamese


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hồ sơ", "ho so"),
        ("ho so", "ho so"),
        ("Xã Hưng Điền", "xa hung dien"),
        ("ĐĂNG KÝ  khai sinh\n", "dang ky khai sinh"),
        ("Phường Hoà Thành", "phuong hoa thanh"),
        ("Phường Hòa Thành", "phuong hoa thanh"),  # both accent placements fold the same
        ("", ""),
    ],
)
def test_it_folds_vietnamese_for_search(text, folded):
    assert fold_vietnamese(text) == folded

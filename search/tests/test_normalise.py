import pytest

from search.normalise import content_words, normalise
from search.selectors import parse


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("Đăng kí kết hôn", "dang ki ket hon"),
        ("ĐĂNG KÝ KẾT HÔN!", "dang ki ket hon"),
        ("dang ky ket hon", "dang ki ket hon"),
        ("lý lịch tư pháp", "li lich tu phap"),
        ("lí lịch", "li lich"),
        ("Mỹ Tho", "mi tho"),
        ("quý, quí", "qui qui"),
        ("Điền, đất", "dien dat"),
        ("thủy lợi, tuyển sinh, huy chương", "thuy loi tuyen sinh huy chuong"),  # y after a vowel is not a variant
        ("  hồ   sơ\n", "ho so"),
        ("CT07 / KT3", "ct07 kt3"),
    ],
)
def test_vietnamese_is_folded_to_one_form(typed, normalised):
    assert normalise(typed) == normalised


def test_fillers_are_dropped_only_when_other_words_remain():
    assert content_words("tôi muốn làm giấy khai sinh cho con") == ["lam", "giay", "khai", "sinh", "cho", "con"]
    assert content_words("hộ kinh doanh cá thể") == ["ho", "kinh", "doanh", "ca", "the"]  # "thể" is not a filler
    assert content_words("tôi muốn hỏi") == ["toi", "muon", "hoi"]


def test_a_synonym_becomes_an_alternative_and_claims_its_words():
    parsed = parse("nhập hộ khẩu cho con", synonyms={"ho khau": ["cu tru"], "nhap ho khau": ["dang ki thuong tru"]})
    assert parsed.groups == [[("nhap", "ho", "khau"), ("dang", "ki", "thuong", "tru")], [("cho",)], [("con",)]]
    assert parse("sao y", synonyms={"sao y": ["chung thuc"]}).groups == [[("sao", "y"), ("chung", "thuc")]]


@pytest.mark.parametrize(
    ("typed", "meant", "near"),
    [
        ("hong", "hon", True),  # one letter too many
        ("khia", "khai", True),  # two neighbours swapped
        ("dnag", "dang", True),
        ("sinh", "sinh", True),
        ("tru", "tu", True),
        ("kethon", "ketho", True),
        ("gnad", "dang", False),
        ("abc", "xyz", False),
        ("ketthonn", "kethon", False),  # two letters too many
    ],
)
def test_one_typo_is_forgiven_two_are_not(typed, meant, near):
    from search.selectors import _one_edit_apart

    assert _one_edit_apart(typed, meant) is near

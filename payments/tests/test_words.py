import pytest

from payments.words import amount_in_words


@pytest.mark.parametrize(
    "amount, words",
    [
        (0, "Không đồng"),
        (1_000, "Một nghìn đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (1_000_000, "Một triệu đồng"),
        (1_250_500, "Một triệu hai trăm năm mươi nghìn năm trăm đồng"),
        (21_000_000_000, "Hai mươi mốt tỷ đồng"),
        (120_000, "Một trăm hai mươi nghìn đồng"),
        (105, "Một trăm linh năm đồng"),
        (1_005, "Một nghìn không trăm linh năm đồng"),
        (2_015_021, "Hai triệu không trăm mười lăm nghìn không trăm hai mươi mốt đồng"),
        (3_000_000_004, "Ba tỷ không trăm linh bốn đồng"),
    ],
)
def test_amounts_are_written_as_receipts_write_them(amount, words):
    assert amount_in_words(amount) == words


def test_a_negative_amount_is_refused():
    with pytest.raises(ValueError):
        amount_in_words(-1)

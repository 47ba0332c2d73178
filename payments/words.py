"""Amounts in Vietnamese words, as receipts write them: 120000 → "Một trăm hai mươi nghìn đồng"."""

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
# Group names by power of a thousand; past "tỷ" the names repeat with "tỷ" after them (nghìn tỷ, triệu tỷ).
GROUPS = ["", "nghìn", "triệu"]


def _three_digits(number: int, *, full: bool) -> list[str]:
    """Words for 0 < number < 1000. `full`: a group after a higher one, which says its zero hundreds
    ("một nghìn không trăm linh năm")."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(DIGITS[units])
    return words


def _below_billion(number: int, *, full: bool) -> list[str]:
    words: list[str] = []
    groups = [number // 1_000_000, number // 1000 % 1000, number % 1000]
    for index, group in enumerate(groups):
        if group == 0:
            continue
        words += _three_digits(group, full=full or bool(words))
        name = GROUPS[2 - index]
        if name:
            words.append(name)
    return words


def number_in_words(number: int) -> str:
    if number < 0:
        raise ValueError("amounts are never negative")
    if number == 0:
        return "không"
    billions, rest = divmod(number, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += number_in_words(billions).split() + ["tỷ"]
    if rest:
        words += _below_billion(rest, full=bool(billions))
    return " ".join(words)


def amount_in_words(amount: int) -> str:
    """The amount in dong with a capital first letter: 1250500 → "Một triệu hai trăm năm mươi nghìn năm trăm đồng"."""
    text = f"{number_in_words(amount)} đồng"
    return text[0].upper() + text[1:]

"""Vietnamese as citizens type it, folded to one form on both sides of a search.

"Đăng kí kết hôn", "dang ky ket hon" and "ĐĂNG KÝ KẾT HÔN!" all become "dang ki ket hon": diacritics and đ folded
(citizen_portal.text.fold_vietnamese), punctuation dropped, and the i/y spelling variants unified — a syllable
whose only vowel is a final i or y after a consonant (kí/ký, lí/lý, mĩ/mỹ, quí/quý) is written with i. Syllables
where y follows another vowel (thủy, tuyển, huy) keep it: there the letter is not a variant.
"""

from __future__ import annotations

import re

from citizen_portal.text import fold_vietnamese

_NOT_WORD = re.compile(r"[^0-9a-z]+")
# One consonant cluster then a lone y ends the syllable: ky, ly, my, hy, ty, sy, vy, quy (qu counts as consonant).
_Y_AS_I = re.compile(r"\b(qu|[bcdghklmnprstvx]+)y\b")

# Words that carry no meaning in a citizen's question ("tôi muốn làm … cho con thì cần gì"): dropped from a query
# when it has other words. Kept short on purpose: folded, many fillers are also real words ("thể" of cá thể is
# "the", "đầu" of đầu tư is "dau", "minh" of chứng minh), and "làm", "cho" carry meaning ("làm CCCD", "cho con").
STOPWORDS = frozenset(
    {"toi", "em", "muon", "xin", "hoi", "phai", "thi", "la", "gi", "nao", "sao", "nhu", "o", "va", "voi", "cua"}
    | {"duoc", "khong", "a", "nhe", "oi", "bao", "nhieu", "mot", "nhung", "cac"}
)


def normalise(text: str) -> str:
    folded = _NOT_WORD.sub(" ", fold_vietnamese(text)).strip()
    return _Y_AS_I.sub(r"\1i", folded)


def words(text: str) -> list[str]:
    return normalise(text).split()


def content_words(text: str) -> list[str]:
    """The query's words without the fillers, unless nothing else is left."""
    all_words = words(text)
    kept = [word for word in all_words if word not in STOPWORDS]
    return kept or all_words

"""How well the portal search finds what citizens mean, as a number.

The evaluation set (search/evaluation.json) holds queries written the way people type them — with and without
diacritics, typos, kí/ký variants, old words ("hộ khẩu"), words in another order, whole sentences — each with the
title it should find in one source. hit@1: that title is the source's first result; hit@5: among its first five.
`scripts/search_eval.py` prints the figures and the misses against the demo corpus; a test keeps them above the
targets in CI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from search.selectors import search_source

CASES_FILE = Path(__file__).with_name("evaluation.json")
TARGET_HIT_AT_1 = 0.80
TARGET_HIT_AT_5 = 0.95


@dataclass
class Evaluation:
    total: int = 0
    at_1: int = 0
    at_5: int = 0
    misses: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (query, expected, what came instead)

    @property
    def hit_at_1(self) -> float:
        return self.at_1 / self.total if self.total else 0.0

    @property
    def hit_at_5(self) -> float:
        return self.at_5 / self.total if self.total else 0.0

    @property
    def meets_targets(self) -> bool:
        return self.hit_at_1 >= TARGET_HIT_AT_1 and self.hit_at_5 >= TARGET_HIT_AT_5


def load_cases() -> list[dict]:
    return json.loads(CASES_FILE.read_text(encoding="utf-8"))["cases"]


def evaluate(cases: list[dict] | None = None) -> Evaluation:
    result = Evaluation()
    for case in cases or load_cases():
        titles = [hit.title for hit in search_source(case["source"], case["q"], limit=5)]
        result.total += 1
        if titles[:1] == [case["expect"]]:
            result.at_1 += 1
        if case["expect"] in titles:
            result.at_5 += 1
        if titles[:1] != [case["expect"]]:
            result.misses.append((case["q"], case["expect"], titles))
    return result

"""The API's JSON parser, strict at the edge: what our database and our clients cannot hold is a 400 in the API's
error format here, not a 500 deep inside (NUL characters, lone surrogates, NaN and Infinity, absurd nesting)."""

from __future__ import annotations

import json
import math

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e309 becomes inf
        raise ValueError("number out of range")
    return value


def check_text(value: str) -> None:
    if "\x00" in value:
        raise ValueError("NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate ("\\ud800") cannot be stored or sent anywhere
        raise ValueError("lone surrogate") from error


def _check(value, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise ValueError("nested too deeply")
    if isinstance(value, str):
        check_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(key)
            _check(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check(item, depth + 1)


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read() if stream is not None else b""
        try:
            data = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant, parse_float=_finite_float)
            _check(data)
        except RecursionError as error:
            raise ParseError("Dữ liệu JSON lồng nhau quá sâu.") from error
        except (ValueError, UnicodeDecodeError) as error:
            raise ParseError(f"Dữ liệu JSON không hợp lệ: {error}.") from error
        return data

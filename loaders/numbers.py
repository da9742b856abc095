"""Numbers as the guides write them: Arabic or Chinese numerals, 万/亿 multipliers, currencies.

Money is exact: amounts are `Decimal` yuan (or the stated currency), 1万 = 10⁴, 1亿 = 10⁸.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["NUMBER", "Amount", "cn_int", "parse_amount", "parse_number"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}

CN_NUMERAL = "[零〇一二两三四五六七八九十百千万亿]+"
NUMBER = rf"(?:\d+(?:\.\d+)?|{CN_NUMERAL})"

_CURRENCIES = {"美元": "USD", "欧元": "EUR", "人民币": "CNY", "元": "CNY"}
_AMOUNT = re.compile(
    r"(?P<cap>不超过|不高于|最多|至少|不少于)?"
    r"(?P<num>\d+(?:\.\d+)?)(?P<mult>万|亿)?"
    r"(?P<cur>美元|欧元|元人民币|元|人民币)"
)


def cn_int(text: str) -> int:
    """A Chinese numeral such as 十五, 两, 一万, 二十三 as an int."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch in _BIG:
            section += digit or 0
            total += (section or 1) * _BIG[ch]
            section, digit = 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + (digit or 0)


def parse_number(text: str) -> Decimal:
    """Arabic or Chinese numeral as a Decimal."""
    text = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    return Decimal(cn_int(text))


@dataclass(frozen=True)
class Amount:
    """A sum of money as stated: exact value in units of `currency`."""

    value: Decimal
    currency: str
    qualifier: str | None  # "max" for 不超过, "min" for 至少, None when exact
    text: str

    @property
    def is_cap(self) -> bool:
        return self.qualifier == "max"


def parse_amount(text: str) -> Amount | None:
    """The first amount of money in `text` ("不超过 4500万元", "1250万美元", "8.2亿元")."""
    m = _AMOUNT.search(text)
    if not m:
        return None
    value = Decimal(m.group("num")) * _BIG.get(m.group("mult") or "", 1)
    cur = m.group("cur")
    currency = "CNY" if cur in ("元人民币", "元", "人民币") else _CURRENCIES[cur]
    cap = m.group("cap")
    qualifier = {"不超过": "max", "不高于": "max", "最多": "max", "至少": "min",
                 "不少于": "min"}.get(cap or "")
    if value == value.to_integral_value():
        value = value.to_integral_value()
    return Amount(value=value, currency=currency, qualifier=qualifier, text=m.group(0))

from decimal import Decimal

import pytest

from coopkg.loaders.numbers import cn_int, parse_amount


@pytest.mark.parametrize("text,value", [
    ("一", 1), ("两", 2), ("十", 10), ("十五", 15), ("二十三", 23), ("一万", 10000),
    ("三百", 300), ("两千", 2000),
])
def test_chinese_numerals(text, value):
    assert cn_int(text) == value


@pytest.mark.parametrize("text,value,currency,qualifier", [
    ("不超过4500万元", Decimal(45_000_000), "CNY", "max"),
    ("500万元人民币", Decimal(5_000_000), "CNY", None),
    ("不超过2500万人民币", Decimal(25_000_000), "CNY", "max"),
    ("8.2亿元", Decimal(820_000_000), "CNY", None),
    ("至少1250万美元", Decimal(12_500_000), "USD", "min"),
    ("1.25万元", Decimal(12_500), "CNY", None),
])
def test_amounts_are_exact(text, value, currency, qualifier):
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.value, amount.currency, amount.qualifier) == (value, currency, qualifier)
    assert "E" not in str(amount.value)


def test_no_amount():
    assert parse_amount("若干万元人民币") is None

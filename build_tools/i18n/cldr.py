"""CLDR-backed localization: country and language names, numbers and dates (Babel), and collation (ICU)."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import icu
from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _format_date
from babel.numbers import format_decimal as _format_decimal
from babel.numbers import format_percent as _format_percent

if TYPE_CHECKING:
    from build_tools.model.ui_strings import Catalog


@cache
def locale(lang: str) -> Locale:
    """Babel locale for a site language code (falls back to English)."""
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def country_name(iso2: str, lang: str) -> str:
    """Localized country name from CLDR, or the code itself if unknown."""
    return str(locale(lang).territories.get(iso2.upper(), iso2.upper()))


@cache
def _collator(lang: str) -> icu.Collator:
    """ICU's collator for ``lang``, with CLDR's default collation for it (pinyin for Chinese).

    Browsers order with the same rules (``Intl.Collator(lang)`` is ICU too), so a list sorted here
    and one a page script sorts agree. Collators are safe to share between threads as long as no
    attribute is changed after creation (ICU 53+); none is.
    """
    return icu.Collator.createInstance(icu.Locale(str(locale(lang))))


def sort_key(text: str, lang: str) -> bytes:
    """The key that orders ``text`` among others the way a reader of ``lang`` expects.

    Python's own order is by code point: "Zimbabwe" before "Åland", and Chinese names by their first
    character's Unicode number, which means nothing to a reader (issue 25). This is the language's
    collation from CLDR: accents after the base letter in French, "ä" with "a" in German, Chinese by
    pinyin, Russian and Arabic by their alphabets.
    """
    key: bytes = _collator(lang).getSortKey(text)
    return key


def language_name(code: str, lang: str | None = None) -> str:
    """Localized language name; with ``lang=None`` the language's own name (autonym)."""
    target = locale(lang or code)
    name = locale(code).get_display_name(target) or code
    return name[:1].upper() + name[1:] if (lang or code) not in ("zh", "ja") else name


def exact(value: float | int | Decimal) -> Decimal:
    """A number as the decimal its source wrote: ``1.275`` stays 1.275, never 1.27499999....

    YAML gives floats; ``repr`` of a float is the shortest decimal that reads back as the same
    float, which is the number as entered (``0.002``, ``9.155``). Sums of these decimals are exact
    and keep the precision of their inputs (``1.275 + 5`` is ``6.275``).
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):  # a whole number is shown whole: YAML keeps no trace of "8.00" vs "8"
        return Decimal(int(value)) if value.is_integer() else Decimal(repr(value))
    return Decimal(int(value))


def _exact_pattern(value: Decimal, suffix: str = "") -> str:
    """A CLDR number pattern with exactly the decimals of ``value`` (``10.430`` keeps its three)."""
    exponent = value.as_tuple().exponent
    whole = value == value.to_integral_value()
    digits = -exponent if isinstance(exponent, int) and exponent < 0 and not whole else 0
    return "#,##0" + ("." + "0" * digits if digits else "") + suffix


# Babel's number formatting is slow (a pattern parse per call), and profile pages, charts and open data
# format the same few values thousands of times per language: the formatters are pure, so memoize them.
@lru_cache(maxsize=65536)
def format_number(value: float | int | Decimal | None, lang: str, digits: int | None = None) -> str:
    """Localized number; ``None`` becomes an empty string.

    Without ``digits`` the number keeps every decimal it was entered with (``0.0025`` is never
    ``0.003``); ``digits`` fixes the number of decimals.
    """
    if value is None:
        return ""
    if digits is None:
        number = exact(value)
        return str(_format_decimal(number, format=_exact_pattern(number), locale=locale(lang)))
    fmt = "#,##0." + "0" * digits if digits else "#,##0"
    return str(_format_decimal(value, format=fmt, locale=locale(lang)))


@lru_cache(maxsize=65536)
def format_percent(value: float | int | Decimal | None, lang: str) -> str:
    """Localized percentage from a number of percent points, with the decimals it was entered with.

    ``7.5`` → ``7.5%``, ``1.275`` → ``1.275%``, ``0.002`` → ``0.002%`` (never ``0%``).
    """
    if value is None:
        return ""
    number = exact(value)
    return str(_format_percent(number / 100, format=_exact_pattern(number, "%"), locale=locale(lang)))


def format_date(value: str | _dt.date, lang: str, fmt: str = "long") -> str:
    """Localized date from an ISO string or date."""
    date = _dt.date.fromisoformat(value) if isinstance(value, str) else value
    return str(_format_date(date, format=fmt, locale=locale(lang)))


def translate(catalog: Catalog, lang: str, key: str, **values: object) -> str:
    """``catalog.t`` for pages: a plural string gets the CLDR form of its ``count`` and the count localized.

    ``t('age.years', count=62)`` gives "62 года" in Russian and "٦٢ سنة" in Arabic; a count
    passed already formatted (a string) is shown as it is, with the form chosen by ``n``.
    """
    count = values.get("count")
    if key in catalog.plural_keys and "n" not in values and isinstance(count, (int, float, Decimal)) \
            and not isinstance(count, bool):
        values = {**values, "n": count, "count": format_number(count, lang)}
    return catalog.t(lang, key, **values)

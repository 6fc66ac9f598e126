"""Remove a client's personal data from chat text before it is stored or logged.

Staff paste client details into chat ("Matti 131052-308T, p. 040 123 4567,
asuu Sillitie 5 B 12"). The bot needs the question, never those details, so
everything that reaches the database or a log line passes through `redact`.
Patterns lean towards redacting: a false hit costs a word in a log, a miss
leaks a person. Names are not detected (no reliable pattern); callers must
not store other free text without redacting it.
"""

from __future__ import annotations

import logging
import re

__all__ = [
    "ADDRESS",
    "EMAIL",
    "HETU",
    "PHONE",
    "RedactingFilter",
    "has_hetu",
    "hetu_is_valid",
    "install_log_redaction",
    "redact",
]

HETU = "[henkilötunnus]"
PHONE = "[puhelinnumero]"
EMAIL = "[sähköposti]"
ADDRESS = "[osoite]"

_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"

# Exact shape: DDMMYY, century sign, individual number, check character.
# Redacted whether or not the check character is right: a typo is still a person.
_HETU_SHAPE = re.compile(r"(?<![\w+-])\d{6}[-+ABCDEFYXWVU]\d{3}[0-9A-Z](?!\w)", re.IGNORECASE)
# Looser forms (no or spaced century sign) only when the checksum proves them.
_HETU_LOOSE = re.compile(
    r"(?<![\w+-])(\d{6}) ?[-+ABCDEFYXWVU]? ?(\d{3})([0-9A-Y])(?!\w)", re.IGNORECASE
)

_EMAIL_RE = re.compile(
    r"[\w.!#$%&'*+/=?^`{|}~-]+"  # local part
    r"(?:@|\s?[(\[]\s?(?:at|ät)\s?[)\]]\s?)"  # @ or the (at) / [at] disguise
    r"[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}",
    re.IGNORECASE,
)

_SEP = r"[ \u00a0-]?"  # one optional separator between digits; never '.', '/' or '–'
# International: +358 40 123 4567, +358401234567, 00358 40 ..., +44 (0)20 ...
_PHONE_INTL = (
    rf"(?<![\w+])(?:\+|00)[1-9]\d{{0,2}}(?:{_SEP}\(0?\d{{0,4}}\))?(?:{_SEP}\d){{6,12}}(?!\d)"
)
# Domestic numbers start with 0: 040 123 4567, 09 1234 5678, (09) 123 456,
# 040-1234567, 0800 12345. Seven digits at least, so postal codes stay.
_PHONE_FI = rf"(?<![\w+])(?:\(0\d{{1,3}}\)|0\d)(?:{_SEP}\d){{5,10}}(?!\d)"
_PHONE_RE = re.compile(f"{_PHONE_INTL}|{_PHONE_FI}")
# After a phone word any run of five digits or more is a number ("puh. 876 5432").
_PHONE_KEYWORD_RE = re.compile(
    r"(?P<kw>\b(?:puh(?:elin)?(?:numero|nro)?|p|tel|tfn|gsm|mob|telefon|phone|"
    r"matkapuhelin|numero)\b\.?:?\s*)"
    rf"\+?\d(?:{_SEP}\d){{4,14}}(?!\d)",
    re.IGNORECASE,
)

# Street name endings; Finnish ones also in the place cases ("asuu Sillitiellä 5").
# Genitive and partitive are left out: "kuntien 65-vuotiaat" is not an address.
# Kept to words that are streets, not districts ("Myyrmäki") or bus lines ("linja 5").
_STREET_ENDINGS = "|".join(
    [
        r"ti(?:e|ellä|elle|eltä)",
        r"ka(?:tu|dulla|dulle|dulta)",
        r"kuja(?:lla|lle|lta)?",
        r"pol(?:ku|ulla|ulle|ulta)",
        r"tanhua(?:lla|lle|lta)?",
        r"rin(?:ne|teellä|teelle|teeltä)",
        r"kaar(?:i|ella|elle|elta|re|teella|teelle|teelta)",
        r"rait(?:ti|illa|ille|ilta)",
        r"väylä(?:llä|lle|ltä)?",
        r"aukio(?:lla|lle|lta)?",
        r"esplanadi(?:lla)?",
        r"bulevardi(?:lla)?",
        r"penger|ahde",
        r"vägen|väg|gatan|gata|stigen|gränden|backen|gången|kroken|slingan|bågen|"
        r"allén|platsen|torget|stranden",
    ]
)
_HOUSE = (
    r"\d{1,3}(?![.:,]\d)"  # house number, not a time or decimal
    r"(?![-–]?\s*(?:vuot|%|€|e\b|euro|km|kpl|hlö|henk))"  # nor an age or amount
    r"(?:\s?[-–]\s?\d{1,3})?[A-Za-z]?"  # range 5-7, letter 10a
    r"(?:\s*(?:[A-Za-z]\s*\d{1,3}(?!\d)|as\.?\s*\d{1,3}|h\.?\s*\d{1,3}|[A-Z](?!\w)))?"
    r"(?:\s*(?:as\.?|asunto)\s*\d{1,3})?"  # "B as. 12"
)
_ADDRESS_RE = re.compile(
    rf"(?<![\w-])[\wåäöÅÄÖ][\wåäöÅÄÖ-]*?(?:{_STREET_ENDINGS})\s+{_HOUSE}"
    r"(?:,?\s*\d{5}(?!\d))?",  # a postal code right after belongs to the address
    re.IGNORECASE,
)
# Lower-case staircase letters are only trusted when digits follow ("5 b 12").
# IGNORECASE above would make the lone "[A-Z]" match "i" in "5 i Vanda";
# the case-sensitive check below trims that.
_LONE_LOWER_TAIL = re.compile(r"\s+[a-zåäö]$")


def hetu_is_valid(code: str) -> bool:
    """True when `code` is a henkilötunnus whose check character is right."""
    m = _HETU_LOOSE.fullmatch(code.strip())
    if not m:
        return False
    day, month = int(m.group(1)[:2]), int(m.group(1)[2:4])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    number = int(m.group(1) + m.group(2))
    return _HETU_CHECK[number % 31] == m.group(3).upper()


def _hetu_if_valid(m: re.Match[str]) -> str:
    code = m.group(0)
    if code.isdigit() and code.startswith("0"):
        return code  # a phone number (0401234567); the phone pattern takes it
    return HETU if hetu_is_valid(code) else code


def _address(m: re.Match[str]) -> str:
    text = m.group(0)
    tail = _LONE_LOWER_TAIL.search(text)
    if tail:
        return ADDRESS + text[tail.start() :]
    return ADDRESS


def _redact_hetu(text: str) -> str:
    text = _HETU_SHAPE.sub(HETU, text)
    return _HETU_LOOSE.sub(_hetu_if_valid, text)


def has_hetu(text: str) -> bool:
    """Does `text` hold something `redact` would take for a henkilötunnus? For forms that
    refuse one outright rather than store it redacted."""
    return bool(text) and _redact_hetu(text) != text


def redact(text: str) -> str:
    """Replace identity codes, phone numbers, e-mails and street addresses with tokens."""
    if not text:
        return text
    text = _EMAIL_RE.sub(EMAIL, text)
    text = _redact_hetu(text)
    text = _ADDRESS_RE.sub(_address, text)
    text = _PHONE_KEYWORD_RE.sub(lambda m: m.group("kw") + PHONE, text)
    return _PHONE_RE.sub(PHONE, text)


class RedactingFilter(logging.Filter):
    """Redacts each record's message, arguments and traceback text in place.

    The message is rendered first (`getMessage`) and then redacted, so data
    hidden in a non-string argument (an exception, a dataclass) is caught too.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep both parts, redacted
            message = f"{record.msg} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def install_log_redaction(*logger_names: str) -> RedactingFilter:
    """Attach one `RedactingFilter` to the handlers of the root logger (and of
    `logger_names`, for loggers such as uvicorn's that don't propagate).

    Handler filters see every record a handler emits, including those
    propagated from child loggers; a logger filter would not. Idempotent.
    """
    loggers = [logging.getLogger(), *(logging.getLogger(n) for n in logger_names)]
    shared = RedactingFilter()
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                handler.addFilter(shared)
    return shared

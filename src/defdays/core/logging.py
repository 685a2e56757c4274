"""Logs never carry who attended: emails, addresses and tokens are scrubbed from every record as it is made.

Scrubbing in the record factory (not in one handler) covers every handler and every library's logger.
"""

import logging
import logging.config
import re
import traceback

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IPV4 = re.compile(r"\b(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}\b")
_IPV6 = re.compile(r"\b(?:[0-9a-fA-F]{1,4}:){3,7}[0-9a-fA-F]{1,4}\b")
# Path segments after these prefixes are secrets (invitation, verification, feed and manage tokens).
_TOKEN_PATH = re.compile(r"/(invitation|verify|feed|manage|booking|reset|token|confirm)/[^/\s\"']+", re.IGNORECASE)
# Long random-looking strings: session keys, reset tokens, TOTP secrets.
_LONG_TOKEN = re.compile(r"\b[A-Za-z0-9_\-]{24,}\b")


def scrub(text: str) -> str:
    text = _EMAIL.sub("[email]", text)
    text = _TOKEN_PATH.sub(lambda m: f"/{m.group(1)}/[token]", text)
    text = _IPV4.sub(lambda m: f"{m.group(1)}.{m.group(2)}.x.x", text)
    text = _IPV6.sub("[ipv6]", text)
    return _LONG_TOKEN.sub("[token]", text)


_default_factory = logging.getLogRecordFactory()


def _scrubbing_factory(*args, **kwargs):
    record = _default_factory(*args, **kwargs)
    try:
        message = record.getMessage()
    except Exception:  # a broken format string must not hide the record, nor leak its args
        message = str(record.msg)
    record.msg = scrub(message)
    record.args = ()
    if record.exc_info:
        # Exception texts quote values (an IntegrityError names the duplicate email): format and scrub now,
        # since formatters reuse exc_text when it is set.
        record.exc_text = scrub("".join(traceback.format_exception(*record.exc_info)).rstrip())
    return record


def install_scrubber():
    if logging.getLogRecordFactory() is not _scrubbing_factory:
        logging.setLogRecordFactory(_scrubbing_factory)


def configure(config: dict):
    install_scrubber()
    logging.config.dictConfig(config)

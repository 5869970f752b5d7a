"""Logging, set up once: no token in any log line, nothing people wrote, httpx quiet."""

from __future__ import annotations

import logging

from bot.config import RE_TOKEN

# The least level each noisy library logs at: httpx logs every request URL at
# INFO, and Bot API URLs contain the token; the job scheduler logs every run of
# the alert job (every 10 s) at INFO; stamina warns of every retry it schedules
# with no more than "stamina.retry_scheduled" (the fetch's own error says how
# it ended).
_QUIET = {"httpx": logging.WARNING, "httpcore": logging.WARNING,
          "apscheduler": logging.WARNING, "stamina": logging.ERROR,
          # tornado logs every webhook request (and the address it came from).
          "tornado.access": logging.WARNING,
          # python-telegram-bot logs whole updates and every call's parameters and
          # result at DEBUG: what people wrote, their names and ids. At DEBUG the
          # bot logs structure instead (handlers/tracing.py).
          "telegram": logging.INFO,
          # It logs every RetryAfter with a traceback; bot/limiter.py says what it did.
          "telegram.ext.AIORateLimiter": logging.CRITICAL}
# Errors whose message says all: a traceback would add nothing (a refused token
# ends the bot with one line of its own).
_SAID_ENOUGH = frozenset({"InvalidToken", "TokenRefused"})
# The Bot API out of reach: the error's own line is enough ("httpx.ConnectError:
# All connection attempts failed"), added to the record's.
_NETWORK = frozenset({"NetworkError", "TimedOut"})
# Log lines whose arguments are what Telegram sent (a cut or broken answer, which
# may hold people's messages): logged without them.
_CONTENT_TEMPLATES = ("Can not load invalid JSON data",)


class RedactSecrets(logging.Filter):
    """Replace bot tokens (and given secrets) in log records, whoever logs them."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def _clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        return RE_TOKEN.sub("[redacted]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(_CONTENT_TEMPLATES):
            record.msg, record.args = record.msg.replace("%s", "[content not logged]"), None
        record.msg = self._clean(record.getMessage())
        record.args = None
        if record.exc_info and type(record.exc_info[1]).__name__ in _SAID_ENOUGH:
            record.exc_info = None
        if record.exc_info and type(error := record.exc_info[1]).__name__ in _NETWORK:
            record.msg = self._clean(f"{record.msg} ({type(error).__name__}: {error})")
            record.exc_info = None
        if record.exc_info and record.exc_info[1] is not None:
            # Render the traceback now, cleaned, so no formatter prints it raw.
            record.exc_text = self._clean(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def setup_logging(level: int = logging.INFO, secrets: tuple[str, ...] = (),
                  form: str = "%(asctime)s %(levelname)s %(name)s: %(message)s") -> None:
    """Log to stderr at `level`, in `form` (a command line tool prints "atbot: ...")."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(form))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    # DEBUG is atbot's own (structure, timing): libraries log what they handle at
    # DEBUG (SQL parameters, whole updates), which may be what people wrote.
    root.setLevel(max(level, logging.INFO))
    logging.getLogger("atbot").setLevel(level)
    for name, least in _QUIET.items():
        logging.getLogger(name).setLevel(max(level, least))

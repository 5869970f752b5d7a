"""Logging, set up once: no token in any log line, httpx quiet."""

from __future__ import annotations

import logging

from bot.config import RE_TOKEN

# The least level each noisy library logs at: httpx logs every request URL at
# INFO, and Bot API URLs contain the token; the job scheduler logs every run of
# the alert job (every 10 s) at INFO; stamina warns of every retry it schedules
# with no more than "stamina.retry_scheduled" (the fetch's own error says how
# it ended).
_QUIET = {"httpx": logging.WARNING, "httpcore": logging.WARNING,
          "apscheduler": logging.WARNING, "stamina": logging.ERROR}


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
        record.msg = self._clean(record.getMessage())
        record.args = None
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
    root.setLevel(level)
    for name, least in _QUIET.items():
        logging.getLogger(name).setLevel(least)

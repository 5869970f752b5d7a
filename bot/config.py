"""Settings read once from the environment (and the command line), typed.

Environment variables (see .env.example):

- ATBOT_DB: the release index file (default: atbot.sqlite3 in the user's
  data directory, e.g. ~/.local/share/atbot/ on Linux).
- ATBOT_STATE_DB: what the bot keeps about people (language choices, saved
  searches; default: beside the index, atbot.state.sqlite3 for atbot.sqlite3).
- ATBOT_DATA_DIR: the folder with the lexicon, rules, strings and bundled
  records (default: the `data/` folder that ships with atbot).
- TELEGRAM_BOT_TOKEN: the bot's token from @BotFather (only `atbot run` needs it).
- TELEGRAM_API_BASE_URL: a Bot API server other than api.telegram.org,
  e.g. http://127.0.0.1:8081/bot (the token is appended to it).
- TELEGRAM_WEBHOOK_SECRET: the secret Telegram sends with webhook updates
  (`atbot run --webhook`; default: a new random one at each start).
- ATBOT_LOG_LEVEL: DEBUG, INFO (default), WARNING or ERROR.
- ATBOT_RATE_LIMIT: "off" sends without Telegram's flood limits (30 messages/s):
  for a local Bot API server that has none, and benchmarks/load.py.
- ATBOT_CONTACT_URL: where a site's operator can reach whoever runs this bot;
  every request to a feed or page names it in its User-Agent.
- ATBOT_FEED_MINUTES: how often `atbot run` updates the feeds (default 30).
- ATBOT_GITHUB_API: where named corpora are fetched from (default
  https://api.github.com; tests point it at a local server).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

from bot import __version__

APP_NAME = "atbot"
# How often the running bot updates its feeds, in minutes: by default, and the
# bounds (the lowest, 3 s, is for tests: conditional requests keep it cheap).
DEFAULT_FEED_MINUTES = 30.0
MIN_FEED_MINUTES = 0.05
MAX_FEED_MINUTES = 24 * 60.0
GITHUB_API = "https://api.github.com"
TOKEN_HELP = (
    "Get a token from @BotFather in Telegram (https://t.me/BotFather, /newbot) and set "
    "TELEGRAM_BOT_TOKEN; to try the bot without one, run `atbot chat`."
)
# The shape of a Bot API token: "<bot id>:<35 characters>".
RE_TOKEN = re.compile(r"\d{5,20}:[A-Za-z0-9_-]{30,60}")


class ConfigError(ValueError):
    """A setting is missing or malformed; the message is one line for the user."""


def bundled_data_dir() -> Path:
    """The data folder installed with atbot (wheel) or next to the sources (checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parent / "data"):
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"atbot's data folder is missing (looked in {here / '_data'} and "
                      f"{here.parent / 'data'}); set ATBOT_DATA_DIR")


def default_db_path() -> Path:
    return user_data_path(APP_NAME, appauthor=False) / "atbot.sqlite3"


@dataclass(frozen=True)
class Settings:
    """What every command needs to know; built once by `Settings.from_env`."""

    db_path: Path
    data_dir: Path
    state_path: Path
    contact_url: str = ""
    # ATBOT_STATE_URL: the people state in PostgreSQL (bot/state_pg.py) instead of
    # the SQLite file at state_path.
    state_url: str = ""
    feed_minutes: float = DEFAULT_FEED_MINUTES
    github_api: str = GITHUB_API
    # Whether the index path was chosen (--db, ATBOT_DB): only the default one is
    # built on first use; a chosen one that is missing is a mistake to report.
    db_chosen: bool = False

    @classmethod
    def from_env(cls, db: str | os.PathLike[str] | None = None) -> Settings:
        chosen = db or os.environ.get("ATBOT_DB", "").strip()
        db_path = Path(chosen).expanduser() if chosen else default_db_path()
        state = os.environ.get("ATBOT_STATE_DB", "").strip()
        data_dir = os.environ.get("ATBOT_DATA_DIR", "").strip()
        return cls(
            db_path=db_path,
            data_dir=Path(data_dir).expanduser() if data_dir else bundled_data_dir(),
            state_path=Path(state).expanduser() if state else state_path_beside(db_path),
            contact_url=_contact_url(),
            state_url=_state_url(),
            feed_minutes=_feed_minutes(),
            github_api=os.environ.get("ATBOT_GITHUB_API", "").strip().rstrip("/") or GITHUB_API,
            db_chosen=bool(chosen),
        )

    def check_index_exists(self) -> None:
        """Raise ConfigError if a chosen index file is missing (a typo, a deleted file:
        building a new one there would answer from the one bundled release)."""
        if self.db_chosen and not self.db_path.is_file():
            raise ConfigError(
                f"no index at {self.db_path} (set by --db or ATBOT_DB); build it with "
                f"`atbot ingest thaigov-v2 --db {self.db_path}`, or leave both unset to use "
                "the default index")

    @property
    def user_agent(self) -> str:
        """What every request to a feed, page or corpus says about who sends it."""
        contact = f" (+{self.contact_url})" if self.contact_url else ""
        return f"{APP_NAME}/{__version__}{contact}"


def _contact_url() -> str:
    url = os.environ.get("ATBOT_CONTACT_URL", "").strip()
    if url and not re.fullmatch(r"(https?://|mailto:)\S+", url):
        raise ConfigError(f"ATBOT_CONTACT_URL must be an http(s) or mailto: URL, not {url!r}")
    return url


def _feed_minutes() -> float:
    text = os.environ.get("ATBOT_FEED_MINUTES", "").strip()
    if not text:
        return DEFAULT_FEED_MINUTES
    try:
        minutes = float(text)
    except ValueError:
        minutes = 0.0
    if not MIN_FEED_MINUTES <= minutes <= MAX_FEED_MINUTES:
        raise ConfigError(f"ATBOT_FEED_MINUTES must be a number of minutes from "
                          f"{MIN_FEED_MINUTES:g} to {MAX_FEED_MINUTES:g}, not {text!r}")
    return minutes


def _state_url() -> str:
    url = os.environ.get("ATBOT_STATE_URL", "").strip()
    if url and not url.startswith(("postgresql://", "postgres://")):
        raise ConfigError("ATBOT_STATE_URL is a PostgreSQL address such as "
                          "postgresql://atbot:PASSWORD@localhost/atbot")
    return url


def state_path_beside(db_path: Path) -> Path:
    """atbot.state.sqlite3 for atbot.sqlite3: people's state next to the index."""
    return db_path.with_name(f"{db_path.stem}.state{db_path.suffix or '.sqlite3'}")


@dataclass(frozen=True)
class TelegramSettings:
    """What `atbot run` needs on top of `Settings`."""

    token: str
    base_url: str | None
    rate_limit: bool = True
    # /healthz is 503 when no Bot API call succeeded for this long (ATBOT_HEALTHY_SECONDS).
    healthy_seconds: float = 180.0
    # Telegram user ids allowed /status (ATBOT_ADMINS, comma-separated).
    admins: frozenset[int] = frozenset()

    @classmethod
    def from_env(cls) -> TelegramSettings:
        token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            raise ConfigError(f"TELEGRAM_BOT_TOKEN is not set. {TOKEN_HELP}")
        if not RE_TOKEN.fullmatch(token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (expected "
                f"'123456789:ABC...'). {TOKEN_HELP}"
            )
        base_url = os.environ.get("TELEGRAM_API_BASE_URL", "").strip() or None
        rate_limit = os.environ.get("ATBOT_RATE_LIMIT", "").strip().lower()
        if rate_limit not in ("", "on", "off"):
            raise ConfigError(f"ATBOT_RATE_LIMIT is on (the default) or off, not {rate_limit!r}")
        healthy = os.environ.get("ATBOT_HEALTHY_SECONDS", "").strip() or "180"
        if not healthy.isdigit() or not 1 <= int(healthy) <= 86_400:
            raise ConfigError(f"ATBOT_HEALTHY_SECONDS is whole seconds, 1 to 86400, not "
                              f"{healthy!r}")
        admins = [a.strip() for a in os.environ.get("ATBOT_ADMINS", "").split(",") if a.strip()]
        if not all(a.isdigit() for a in admins):
            raise ConfigError("ATBOT_ADMINS is Telegram user ids separated by commas "
                              "(numbers, such as 123456789,987654321)")
        return cls(token=token, base_url=base_url, rate_limit=rate_limit != "off",
                   healthy_seconds=float(healthy), admins=frozenset(map(int, admins)))

"""The `atbot` command line: run, chat, ask, ingest, feeds, update, backup, restore, stats.

`atbot ...` and `python -m bot ...` are the same program.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import secrets
import sqlite3
import sys
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from bot import __version__
from bot.backup import Copied, backup, restore
from bot.chat import run_chat
from bot.config import ConfigError, Settings, TelegramSettings
from bot.conversation import Conversation
from bot.core import open_core
from bot.data import Data, load_data
from bot.i18n import LANGS
from bot.index import ReleaseIndex
from bot.ingest import DEFAULT_BATCH_SIZE, ingest
from bot.logs import setup_logging
from bot.sources import NAMED_CORPORA, input_size, is_url, resolve_corpus
from bot.sqlite import StoreError, storage_problem
from bot.state import take_over_people_state

if TYPE_CHECKING:
    from telegram.ext import Application

EXIT_USAGE = 2
EXIT_TOKEN_REFUSED = 3
# What each sub-command runs (set with set_defaults on its parser).
Command = Callable[[argparse.Namespace, Settings, Data], Coroutine[Any, Any, int]]


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="FILE",
                        help="index database (default: $ATBOT_DB, else one in your data folder)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="atbot",
        description="Search Thai government releases on anti-human-trafficking work.",
    )
    parser.add_argument("--version", action="version", version=f"atbot {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ingest_cmd = commands.add_parser(
        "ingest", help="index release files, folders, .tar.xz/.tar.gz archives, URLs or "
        "a named corpus (thaigov-v2)",
        description="Index releases. By default only releases about anti-trafficking work "
        "are kept (the rule is data/topics.toml); --all keeps every release. "
        "`atbot ingest thaigov-v2` fetches the whole public corpus (Sep 2020 - Sep 2025).",
    )
    ingest_cmd.add_argument("paths", nargs="+", metavar="PATH",
                            help="a release file, a folder, an archive, an http(s) URL, or "
                            f"the name of a public corpus ({', '.join(NAMED_CORPORA)})")
    ingest_cmd.add_argument("--all", action="store_true", help="index every release")
    ingest_cmd.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                            metavar="N", help="releases per transaction (default %(default)s)")
    ingest_cmd.add_argument("--workers", type=int, default=None, metavar="N",
                            help="processes that segment Thai (default 1; 0: this process)")
    _add_db(ingest_cmd)
    ingest_cmd.set_defaults(run=run_ingest)

    ask = commands.add_parser("ask", help="answer one question")
    ask.add_argument("query", help="the question, in Thai or English")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--limit", type=int, default=5, metavar="N",
                     help="how many releases (default %(default)s)")
    ask.add_argument("--baseline", action="store_true",
                     help="use the plain bm25 baseline (for evaluation only)")
    _add_db(ask)
    ask.set_defaults(run=run_ask)

    run = commands.add_parser(
        "run", help="start the Telegram bot (long polling, or a webhook with --webhook URL)",
        description="Start the Telegram bot. Needs TELEGRAM_BOT_TOKEN (from @BotFather); "
        "TELEGRAM_API_BASE_URL points it at another Bot API server.",
    )
    run.add_argument("--webhook", metavar="URL",
                     help="receive updates at this public https URL instead of polling")
    run.add_argument("--listen", default="127.0.0.1", metavar="ADDRESS",
                     help="address the webhook server listens on (default %(default)s)")
    run.add_argument("--port", type=int, default=8443,
                     help="port the webhook server listens on (default %(default)s)")
    run.add_argument("--secret-token", metavar="TOKEN",
                     help="webhook secret checked on every request (default: "
                     "$TELEGRAM_WEBHOOK_SECRET, else a new random one)")
    run.add_argument("--metrics-port", type=int, metavar="N",
                     help="when polling, serve /healthz and /metrics on this port (a webhook "
                     "serves them on its own port)")
    run.add_argument("--metrics-listen", default="127.0.0.1", metavar="ADDRESS",
                     help="address the metrics server listens on (default %(default)s)")
    _add_db(run)

    chat = commands.add_parser("chat", help="talk to the bot in this terminal (no token needed)")
    chat.add_argument("--lang", choices=LANGS, help="interface language")
    _add_db(chat)
    chat.set_defaults(run=run_terminal_chat)

    _add_feed_commands(commands)

    saving = commands.add_parser(
        "backup", help="copy the index and the people state, even while the bot runs",
        description="Writes a consistent copy of the index to FILE and of the people state "
        "to FILE's name with .state (backup.sqlite3 -> backup.state.sqlite3).")
    saving.add_argument("file", metavar="FILE", type=Path)
    _add_db(saving)
    saving.set_defaults(run=run_backup)
    putting = commands.add_parser(
        "restore", help="check a backup and put it back (stop the bot first)")
    putting.add_argument("file", metavar="FILE", type=Path)
    _add_db(putting)
    putting.set_defaults(run=run_restore)

    stats = commands.add_parser("stats", help="what the index holds")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    _add_db(stats)
    stats.set_defaults(run=run_stats)
    return parser


def _add_feed_commands(commands: Any) -> None:
    feeds = commands.add_parser(
        "feeds", help="the news feeds (RSS, Atom) that `atbot update` reads",
        description="News feeds that `atbot update` (and the running bot, every "
        "ATBOT_FEED_MINUTES) reads for new releases. Check each site's terms first.",
    )
    actions = feeds.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a feed (it is read at the next update)")
    add.add_argument("url", metavar="URL", help="the feed's address (RSS or Atom)")
    add.add_argument("--name", help="a short name (default: from the address)")
    _add_db(add)
    add.set_defaults(run=run_feeds_add)
    listing = actions.add_parser("list", help="the feeds, and how their last update went")
    _add_db(listing)
    listing.set_defaults(run=run_feeds_list)
    remove = actions.add_parser("remove", help="remove a feed (its releases stay)")
    remove.add_argument("feed", metavar="NAME|URL")
    _add_db(remove)
    remove.set_defaults(run=run_feeds_remove)

    update = commands.add_parser("update", help="read every feed once and index what is new")
    _add_db(update)
    update.set_defaults(run=run_update)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    settings: Settings | None = None
    try:
        settings = Settings.from_env(getattr(args, "db", None))
        data = load_data(settings.data_dir)
        if args.command == "run":
            return run_bot(args, settings, data)
        if args.command not in ("ingest", "restore"):  # these two make the index
            settings.check_index_exists()
        run: Command = args.run
        return asyncio.run(run(args, settings, data))
    except (ConfigError, StoreError) as error:
        print(f"atbot: {error}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.Error as error:
        problem = storage_problem(error, settings.db_path if settings else Path("the index"))
        print(f"atbot: {problem}" if problem else f"atbot: database error ({error}); if the "
              "index is damaged, delete it and run `atbot ingest` again", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("atbot: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`atbot ask ... | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as error:  # the index's folder cannot be made or written
        problem = storage_problem(error, settings.db_path if settings else Path("the index"))
        print(f"atbot: {problem or error}", file=sys.stderr)
        return 1


async def run_ingest(args: argparse.Namespace, settings: Settings, data: Data) -> int:
    if args.batch_size < 1:
        raise ConfigError("--batch-size must be at least 1")
    await take_over_people_state(settings.state_path, settings.db_path)
    paths = [resolve_corpus(p, settings.github_api) for p in args.paths]
    index = await ReleaseIndex.open(settings.db_path)
    try:
        with _progress_bar(paths) as bar:
            report = await ingest(
                index, paths, data, all_topics=args.all,
                batch_size=args.batch_size, workers=args.workers,
                progress=bar.update if bar else None, user_agent=settings.user_agent,
            )
    finally:
        await index.close()
    print(f"database:    {settings.db_path}")
    print("\n".join(report.summary_lines()))
    return 1 if report.failed and not report.read else 0


def _progress_bar(paths: Sequence[str]) -> Any:
    """A tqdm bar counting input bytes, on a terminal only."""
    if not sys.stderr.isatty():
        return nullcontext(None)
    from tqdm import tqdm

    sizes = [None if is_url(p) else input_size(p) for p in paths]
    total = None if None in sizes else sum(s or 0 for s in sizes)
    return tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024,
                desc="ingest", file=sys.stderr)


async def run_feeds_add(args: argparse.Namespace, settings: Settings, data: Data) -> int:
    from bot.feeds import RE_FEED_NAME, check_feed_url, feed_name

    url = args.url.strip()
    problem = check_feed_url(url)
    if problem:
        raise ConfigError(problem)
    name = (args.name or "").strip()
    if args.name is not None and not RE_FEED_NAME.fullmatch(name):
        raise ConfigError("a feed's name is 1-40 letters, digits, '.', '_' or '-'")
    async with _index(settings) as index:
        feeds = await index.feeds()
        same = next((f for f in feeds if f.url == url), None)
        if same is not None:
            print(f"already added, as {same.name}: {url}")
            return 0
        if name in {f.name for f in feeds}:
            raise ConfigError(f"a feed is already named {name!r}; choose another --name")
        name = name or feed_name(url, {f.name for f in feeds})
        await index.add_feed(name, url)
    print(f"added {name}: {url}")
    print("It is read at the next `atbot update` (and by `atbot run` every "
          f"{settings.feed_minutes:g} minutes).")
    return 0


async def run_feeds_list(args: argparse.Namespace, settings: Settings, data: Data) -> int:
    async with _index(settings) as index:
        feeds = await index.feeds()
    if not feeds:
        print("no feeds; add one with `atbot feeds add URL` (check the site's terms first)")
    for feed in feeds:
        state = (f"failed: {feed.last_error}" if feed.last_error
                 else "ok" if feed.checked_at else "not read yet")
        print(f"{feed.name}  {feed.url}\n    added {feed.added_at}; last update: "
              f"{feed.checked_at or '-'} ({state})")
    return 0


async def run_feeds_remove(args: argparse.Namespace, settings: Settings, data: Data) -> int:
    async with _index(settings) as index:
        removed = await index.remove_feed(args.feed.strip())
    if removed is None:
        print(f"atbot: no feed named {args.feed!r}; `atbot feeds list` shows them",
              file=sys.stderr)
        return 1
    print(f"removed {removed.name}: {removed.url} (its releases stay in the index)")
    return 0


async def run_update(args: argparse.Namespace, settings: Settings, data: Data) -> int:
    """Read every feed once; one line per feed, then what was indexed."""
    from bot.feeds import update_feeds
    from bot.fetch import FetchPolicy

    setup_logging(logging.WARNING, form="atbot: %(message)s")
    if not settings.contact_url:
        print("atbot: warning: set ATBOT_CONTACT_URL so that sites know how to reach you",
              file=sys.stderr)
    async with _index(settings) as index:
        if not await index.feeds():
            print("no feeds; add one with `atbot feeds add URL` (check the site's terms first)")
            return 0
        results = await update_feeds(index, data, FetchPolicy(settings.user_agent))
    for result in results:
        print(result.line())
    indexed = sum(r.report.indexed for r in results)
    print(f"indexed:     {indexed} new or changed releases, from {len(results)} feeds")
    return 1 if all(r.error for r in results) else 0


@asynccontextmanager
async def _index(settings: Settings) -> AsyncIterator[ReleaseIndex]:
    index = await ReleaseIndex.open(settings.db_path)
    try:
        yield index
    finally:
        await index.close()


async def run_ask(args: argparse.Namespace, settings: Settings, data: Data) -> int:
    core = await open_core(settings, data)
    try:
        limit = max(1, min(args.limit, 50))
        message = core.read(args.query)
        if args.baseline:
            answer = await core.baseline(message, limit=limit)
        else:
            answer = await core.ask(message, limit=limit)
        replies = Conversation(core).replies.answer(answer, answer.lang)
        reply = "\n\n".join(r.plain for r in replies)
        if args.json:
            output = {**answer.as_json(), "reply": reply}
            if message.zawgyi:
                output["zawgyi"] = True  # typed in the Zawgyi encoding, read as Unicode
            print(json.dumps(output, ensure_ascii=False, indent=2))
        else:
            print(reply)
    finally:
        await core.close()
    return 0


def run_bot(args: argparse.Namespace, settings: Settings, data: Data) -> int:
    """Check the token and the index, then poll (or serve a webhook) until stopped."""
    telegram = TelegramSettings.from_env()
    settings.check_index_exists()
    asyncio.run(_check_index(settings, data))
    level = os.environ.get("ATBOT_LOG_LEVEL", "INFO").upper()
    setup_logging(getattr(logging, level, logging.INFO), secrets=(telegram.token,))
    from telegram.error import InvalidToken

    from bot.app import build_application

    application = build_application(settings, telegram, data)
    try:
        _serve(application, args)
    except InvalidToken:
        application.bot_data["token_refused"] = True
    finally:
        core = application.bot_data.pop("core", None)
        if core is not None:  # stopped before its own shutdown could close the stores
            core.close_without_loop()
    if application.bot_data.get("token_refused"):
        # One line, never the token: a supervisor restarts or alerts on exit code 3.
        print("atbot: Telegram refused the bot token (revoked or mistyped?); get a new one "
              "from @BotFather and set TELEGRAM_BOT_TOKEN", file=sys.stderr)
        return EXIT_TOKEN_REFUSED
    return 0


def _serve(application: Application[Any, Any, Any, Any, Any, Any],
           args: argparse.Namespace) -> None:
    """Poll, or serve the webhook, until a stop signal."""
    from bot.app import allowed_updates, close_bot, open_bot
    from bot.web import run_webhook

    if not args.webhook:
        application.bot_data["metrics_port"] = args.metrics_port
        application.bot_data["metrics_listen"] = args.metrics_listen
        application.run_polling(allowed_updates=allowed_updates())
        return
    url = urlparse(args.webhook)
    if url.scheme not in ("https", "http") or not url.netloc:
        raise ConfigError(f"--webhook needs a full URL such as https://example.org/atbot, "
                          f"not {args.webhook!r}")
    secret = (args.secret_token or os.environ.get("TELEGRAM_WEBHOOK_SECRET", "").strip()
              or secrets.token_urlsafe(32))
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
        raise ConfigError("the webhook secret may only hold A-Z, a-z, 0-9, _ and - (1-256)")
    run_webhook(application, listen=args.listen, port=args.port, url=args.webhook,
                path=url.path, secret=secret, allowed_updates=allowed_updates(),
                opened=open_bot, closed=close_bot)


async def _check_index(settings: Settings, data: Data) -> None:
    """Open (and on first use build) the index before going online."""
    core = await open_core(settings, data)
    await core.close()


async def run_terminal_chat(args: argparse.Namespace, settings: Settings, data: Data) -> int:
    core = await open_core(settings, data)
    try:
        await run_chat(core, lang=args.lang)
    finally:
        await core.close()
    return 0


async def run_backup(args: argparse.Namespace, settings: Settings, _data: Data) -> int:
    started = time.monotonic()
    copied = await asyncio.to_thread(backup, settings.db_path, settings.state_path, args.file)
    _print_copied("backed up", copied, time.monotonic() - started)
    return 0


async def run_restore(args: argparse.Namespace, settings: Settings, _data: Data) -> int:
    started = time.monotonic()
    copied = await asyncio.to_thread(restore, args.file, settings.db_path, settings.state_path)
    _print_copied("restored", copied, time.monotonic() - started)
    return 0


def _print_copied(done: str, copied: Copied, seconds: float) -> None:
    for path, size in copied.files:
        print(f"{done}: {path} ({size / 1_048_576:.1f} MB)")
    print(f"in {seconds:.1f} s")


async def run_stats(args: argparse.Namespace, settings: Settings, data: Data) -> int:
    core = await open_core(settings, data)
    try:
        stats = await core.stats()
    finally:
        await core.close()
    report = {
        "database": stats.path,
        "releases": stats.releases,
        "languages": stats.languages,
        "first_date": stats.first_date.isoformat() if stats.first_date else None,
        "last_date": stats.last_date.isoformat() if stats.last_date else None,
        "size_bytes": stats.size_bytes,
        "last_ingest": stats.last_ingest,
        "awaiting_review": data.awaiting_review(),
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    languages = ", ".join(f"{lang} {n}" for lang, n in sorted(stats.languages.items()))
    print(f"database:    {stats.path}")
    print(f"releases:    {stats.releases} ({languages or 'none'})")
    print(f"dates:       {report['first_date'] or '-'} to {report['last_date'] or '-'}")
    print(f"size:        {stats.size_bytes / 1_048_576:.1f} MB")
    print(f"last ingest: {stats.last_ingest or '-'}")
    review = data.awaiting_review()
    print("awaiting native review: " + ("; ".join(f"{lang}: {', '.join(what)}"
                                                  for lang, what in review.items()) or "-"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

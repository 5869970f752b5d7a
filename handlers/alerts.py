"""Scheduled jobs (python-telegram-bot's JobQueue): alerts, feed updates, and the
help cards a stopped run could not deliver (sent once, at start).

Every CHECK_SECONDS the bot looks for releases indexed since its last look
(by itself or by another process) and queues alerts (bot/alerts.py); then it
sends every queued alert and deletes it once Telegram took it. A chat that
blocked the bot or no longer exists loses its subscriptions; an alert that
failed for another reason (network, flood limits) waits for the next round.
Every ATBOT_FEED_MINUTES the bot reads its feeds (bot/feeds.py).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.metrics import ALERTS_SENT, FEED_ERRORS, FEED_UPDATES
from handlers.common import conversation, send_to

if TYPE_CHECKING:
    from bot.fetch import FetchPolicy

logger = logging.getLogger("atbot")

# BadRequest texts that mean the chat is gone for good.
_GONE = ("chat not found", "user is deactivated", "group chat was deactivated",
         "peer_id_invalid", "bot was kicked")


async def leads(context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether this process runs the jobs that must run once among the replicas on
    one PostgreSQL state (alone, it always does): it may take over from one that
    died at any round."""
    lead = context.bot_data.get("lead")
    return lead is None or bool(await lead.holds())


async def resend_help_cards(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the help cards the last run held and could not deliver, if still worth it."""
    if not await leads(context):
        return
    talk = conversation(context)
    for held, chat_id, reply in await talk.cards_to_resend():
        try:
            await send_to(context.bot, chat_id, reply)
        except TelegramError as error:
            logger.warning("a held help card was not delivered (%s)", type(error).__name__)
        else:
            logger.info("a help card held by the last run was delivered")
        await talk.card_sent(held)


async def send_alerts(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Queue alerts for new releases, then send every queued one."""
    if not await leads(context):
        return
    talk = conversation(context)
    queued = await talk.collect_alerts()
    if queued:
        logger.info("alerts queued for %d chats", queued)
    for alert in await talk.pending_alerts():
        reply = await talk.alert(alert)
        try:
            if reply is not None:
                await send_to(context.bot, alert.chat_id, reply)
                ALERTS_SENT.inc()
        except Forbidden:
            logger.info("a chat blocked the bot: its subscriptions are removed")
            await talk.chat_gone(alert.chat_id)
            continue
        except BadRequest as error:
            if any(text in str(error).lower() for text in _GONE):
                logger.info("a chat no longer exists: its subscriptions are removed")
                await talk.chat_gone(alert.chat_id)
                continue
            # Telegram refuses this message: sending it again would fail again.
            logger.warning("alert refused (%s); dropped", error)
        except TelegramError as error:
            logger.warning("alert not sent (%s); trying again next round", error)
            return
        await talk.alert_sent(alert.id)


async def read_feeds(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Read every feed once and index what is new (alerts follow at their next round)."""
    if not await leads(context):
        return
    policy: FetchPolicy = context.bot_data["fetch_policy"]
    results = await conversation(context).update_feeds(policy)
    FEED_UPDATES.inc()
    context.bot_data["last_feed_update"] = datetime.now(UTC)
    for result in results:
        if result.error:
            FEED_ERRORS.inc()
            logger.warning("feed %s", result.line())
    if results:
        logger.info("feeds updated: %d releases indexed from %d feeds",
                    sum(r.report.indexed for r in results), len(results))

"""A Telegram Bot API server on 127.0.0.1 for end-to-end tests.

It speaks the HTTP protocol python-telegram-bot uses (POST /bot<token>/<method>,
form or JSON parameters, {"ok": ..., "result": ...} answers), keeps the
updates a test feeds it for getUpdates, records every call the bot makes,
and can misbehave on the next calls of a method: fail them (429 with
retry_after, 5xx), answer slowly, cut the answer's body, or reset the
connection without answering.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

BOT_USER = {
    "id": 7000000001, "is_bot": True, "first_name": "AT Bot", "username": "atbot_test_bot",
    "can_join_groups": True, "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int
    at: float = field(default_factory=time.monotonic)


@dataclass
class _Failure:
    status: int
    retry_after: int | None
    count: int


class FakeBotAPI:
    """Start with `with FakeBotAPI(token) as api:`; `api.base_url` is for TELEGRAM_API_BASE_URL."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.requested_paths: list[str] = []
        self.sent: dict[tuple[int, int], dict[str, Any]] = {}
        self._updates: list[dict[str, Any]] = []
        self._failures: dict[str, _Failure] = {}
        self._held: dict[str, float] = {}
        # Group administrators (chat id, user id), and chats that blocked the bot.
        self.admins: set[tuple[int, int]] = set()
        self.blocked: set[int] = set()
        self._cut: set[str] = set()
        self._reset: dict[str, int] = {}
        self._ids = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._lock = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # --- lifecycle -------------------------------------------------------------

    def __enter__(self) -> FakeBotAPI:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        with self._lock:
            self._lock.notify_all()
        self._server.shutdown()
        self._server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    # --- what tests do -----------------------------------------------------------

    def push(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        with self._lock:
            update = {"update_id": next(self._update_ids), **update}
            self._updates.append(update)
            self._lock.notify_all()
            return int(update["update_id"])

    def fail_next(self, method: str, status: int, *, retry_after: int | None = None,
                  count: int = 1) -> None:
        with self._lock:
            self._failures[method] = _Failure(status, retry_after, count)

    def cut_next(self, method: str) -> None:
        """Answer the next call of `method` (done as asked) with half its JSON body."""
        with self._lock:
            self._cut.add(method)

    def reset_next(self, method: str, count: int = 1) -> None:
        """Reset the connection (TCP RST) of the next `count` calls of `method` once their
        request is read, before doing anything: the call is recorded with status 0."""
        with self._lock:
            self._reset[method] = count

    def hold_next(self, method: str, seconds: float) -> None:
        """Answer the next call of `method` only after `seconds` (a slow network)."""
        with self._lock:
            self._held[method] = seconds

    def calls_to(self, method: str, *, ok_only: bool = True) -> list[Call]:
        with self._lock:
            return [c for c in self.calls
                    if c.method == method and (c.status == 200 or not ok_only)]

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 20.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = predicate()
            if found:
                return found
            time.sleep(0.05)
        raise AssertionError(f"timed out after {timeout} s waiting for {predicate}")

    def messages_to(self, chat_id: int) -> list[Call]:
        return [c for c in self.calls_to("sendMessage") if int(c.params["chat_id"]) == chat_id]

    def wait_message(self, chat_id: int, count: int = 1, timeout: float = 20.0) -> Call:
        """The count-th message sent to chat_id (waiting for it)."""
        return self.wait_for(lambda: (m := self.messages_to(chat_id)) and len(m) >= count
                             and m[count - 1], timeout)

    # --- the protocol ------------------------------------------------------------

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self._lock:
            hold = self._held.pop(method, 0.0)
        time.sleep(hold)
        with self._lock:
            failure = self._failures.get(method)
            if failure and failure.count > 0:
                failure.count -= 1
                self.calls.append(Call(method, params, failure.status))
                body: dict[str, Any] = {"ok": False, "error_code": failure.status,
                                        "description": "Internal Server Error"}
                if failure.retry_after is not None:
                    body["description"] = f"Too Many Requests: retry after {failure.retry_after}"
                    body["parameters"] = {"retry_after": failure.retry_after}
                return failure.status, body
        if method == "sendMessage" and int(params.get("chat_id", 0)) in self.blocked:
            with self._lock:
                self.calls.append(Call(method, params, 403))
            return 403, {"ok": False, "error_code": 403,
                         "description": "Forbidden: bot was blocked by the user"}
        if method == "getUpdates":
            result: Any = self._get_updates(params)
        else:
            result = self._result(method, params)
        with self._lock:
            self.calls.append(Call(method, params, 200))
            cut = method in self._cut
            self._cut.discard(method)
        return 200, {"ok": True, "result": result, **({"__cut__": True} if cut else {})}

    def _take_reset(self, method: str, params: dict[str, Any]) -> bool:
        with self._lock:
            if self._reset.get(method, 0) <= 0:
                return False
            self._reset[method] -= 1
            self.calls.append(Call(method, params, 0))
            return True

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 2.0)
        with self._lock:
            while True:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                if self._updates or time.monotonic() >= deadline:
                    return list(self._updates)
                self._lock.wait(timeout=max(0.0, deadline - time.monotonic()))

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in ("sendMessage", "editMessageText", "sendContact"):
            return self._message(method, params)
        if method == "getMyCommands":
            return []
        if method == "getChatMember":
            chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
            status = "administrator" if (chat_id, user_id) in self.admins else "member"
            member: dict[str, Any] = {"status": status, "user": user(user_id)}
            if status == "administrator":
                member.update(can_be_edited=False, is_anonymous=False, can_manage_chat=True,
                              can_delete_messages=True, can_manage_video_chats=True,
                              can_restrict_members=True, can_promote_members=False,
                              can_change_info=True, can_invite_users=True,
                              can_post_stories=False, can_edit_stories=False,
                              can_delete_stories=False)
            return member
        return True

    def _message(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        with self._lock:
            if method == "editMessageText":
                message_id = int(params["message_id"])
            else:
                message_id = next(self._ids)
            message = {
                "message_id": message_id, "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                "from": BOT_USER, "text": params.get("text", ""),
            }
            if "reply_markup" in params:
                message["reply_markup"] = params["reply_markup"]
            self.sent[(chat_id, message_id)] = message
            return message

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                api.requested_paths.append(self.path)
                prefix = f"/bot{api.token}/"
                if not self.path.startswith(prefix):
                    self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                    return
                length = int(self.headers.get("Content-Length") or 0)
                params = _parse(self.headers.get("Content-Type", ""), self.rfile.read(length))
                method = self.path[len(prefix):]
                if api._take_reset(method, params):
                    # Linger 0: closing sends a reset, as a dropped connection does.
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                               struct.pack("ii", 1, 0))
                    self.close_connection = True
                    self.connection.close()
                    return
                status, body = api._answer(method, params)
                self._reply(status, body)

            def finish(self) -> None:
                with contextlib.suppress(OSError, ValueError):
                    super().finish()

            def _reply(self, status: int, body: dict[str, Any]) -> None:
                cut = body.pop("__cut__", False)
                data = json.dumps(body).encode()
                if cut:
                    data = data[: len(data) // 2]
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot closed a long poll while shutting down

            def log_message(self, format: str, *args: object) -> None:
                return None

        return Handler


def _parse(content_type: str, body: bytes) -> dict[str, Any]:
    """Bot API parameters: JSON, or form fields whose values may be JSON."""
    if not body:
        return {}
    if "application/json" in content_type:
        return dict(json.loads(body))
    params: dict[str, Any] = {}
    for key, values in parse_qs(body.decode(), keep_blank_values=True).items():
        value: Any = values[0]
        with contextlib.suppress(ValueError):
            value = json.loads(value)
        params[key] = value
    return params


# --- updates, as Telegram sends them ---------------------------------------------

_message_ids = itertools.count(1000)


def user(user_id: int, language_code: str = "th") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}",
            "language_code": language_code}


def text_message(chat_id: int, text: str, *, from_id: int | None = None,
                 chat_type: str = "private", language_code: str = "th",
                 reply_to: dict[str, Any] | None = None) -> dict[str, Any]:
    """A message update; commands and @mentions get their entities like Telegram's."""
    sender = user(from_id or chat_id, language_code)
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    if chat_type == "private":
        chat["first_name"] = sender["first_name"]
    else:
        chat["title"] = "Test group"
    message: dict[str, Any] = {"message_id": next(_message_ids), "date": int(time.time()),
                               "chat": chat, "from": sender, "text": text}
    entities = _entities(text)
    if entities:
        message["entities"] = entities
    if reply_to:
        message["reply_to_message"] = reply_to
    return {"message": message}


def _entities(text: str) -> list[dict[str, Any]]:
    found = []
    if text.startswith("/"):
        command = text.split()[0]
        found.append({"type": "bot_command", "offset": 0, "length": _utf16_len(command)})
    start = text.find("@")
    if start >= 0 and not text.startswith("/"):
        name = text[start:].split()[0]
        found.append({"type": "mention", "offset": _utf16_len(text[:start]),
                      "length": _utf16_len(name)})
    return found


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def button_press(chat_id: int, message: dict[str, Any], data: str,
                 language_code: str = "th") -> dict[str, Any]:
    sender = user(chat_id, language_code)
    return {"callback_query": {"id": f"cq{next(_message_ids)}", "from": sender,
                               "chat_instance": "1", "data": data, "message": message}}


def inline_query(user_id: int, query: str, offset: str = "") -> dict[str, Any]:
    return {"inline_query": {"id": f"iq{next(_message_ids)}", "from": user(user_id),
                             "query": query, "offset": offset}}


def buttons_of(call: Call) -> list[dict[str, Any]]:
    markup = call.params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]

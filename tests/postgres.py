"""A throwaway PostgreSQL server for the tests: initdb in a temporary folder, pg_ctl
start on a free port of 127.0.0.1, a database per test, stopped at the end.

It needs PostgreSQL's server programs (the Debian package postgresql, which
.ci/run installs where apt can). As root, the server runs as the "postgres"
user, which PostgreSQL requires. Where neither can be had, the tests that need
it are skipped, saying why.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

SERVER_USER = "postgres"
_names = itertools.count(1)


def _binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, if PostgreSQL is installed."""
    found = shutil.which("pg_ctl")
    if found and Path(found).resolve().with_name("createdb").exists():
        return Path(found).resolve().parent  # /usr/local/bin links to the real folder
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "pg_ctl").exists():
            return folder
    return None


def _as_server_user(command: list[str]) -> list[str]:
    """Root may not run PostgreSQL: run `command` as its own user then."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SERVER_USER, "--", *command]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """A running server; `database()` makes a new empty database and gives its URL."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = _free_port()
        self.bin: Path | None = _binaries()

    def start(self) -> str | None:
        """Start; None, or why it cannot be started here."""
        if self.bin is None:
            return "PostgreSQL's server programs (initdb, pg_ctl) are not installed"
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                return "running as root, and there is no runuser to run PostgreSQL as its user"
            try:
                user = pwd.getpwnam(SERVER_USER)
            except KeyError:
                return f"running as root, and there is no {SERVER_USER!r} user to run PostgreSQL"
            os.chown(self.folder, user.pw_uid, user.pw_gid)
        data = self.folder / "data"
        steps = [
            [str(self.bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "atbot",
             "--no-sync", "-E", "UTF8", "--locale", "C"],
            [str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "server.log"),
             "-w", "-t", "60", "-o",
             f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
             "-c synchronous_commit=off -c full_page_writes=off", "start"],
        ]
        for step in steps:
            try:
                done = subprocess.run(_as_server_user(step), capture_output=True, text=True,
                                      timeout=120, check=False)
            except (OSError, subprocess.TimeoutExpired) as error:
                return f"PostgreSQL did not start: {error}"
            if done.returncode != 0:
                return f"PostgreSQL did not start: {(done.stderr or done.stdout).strip()[:300]}"
        return None

    def database(self) -> str:
        name = f"test_{os.getpid()}_{next(_names)}"
        subprocess.run(_as_server_user([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p",
                                        str(self.port), "-U", "atbot", name]),
                       check=True, capture_output=True, timeout=60)
        return f"postgresql://atbot@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.bin is not None:
            subprocess.run(_as_server_user([str(self.bin / "pg_ctl"), "-D",
                                            str(self.folder / "data"), "-m", "immediate",
                                            "stop"]),
                           capture_output=True, timeout=60, check=False)


def running_server(folder: Path) -> Iterator[Server | str]:
    """A started server, or why there is none; stopped afterwards."""
    server = Server(folder)
    problem = server.start()
    if problem:
        yield problem
        return
    try:
        yield server
    finally:
        server.stop()

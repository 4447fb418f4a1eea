"""A throwaway PostgreSQL server for the tests and benchmarks.

``initdb`` into a temporary folder, ``pg_ctl start`` listening on a Unix socket in that folder
only (no TCP port), trust authentication for the one local superuser. When the tests run as root
the cluster is owned by and run as an unprivileged user (``nobody``), since PostgreSQL refuses to
run as root. One server serves a whole test session; each test gets its own database, copied
from a template that was migrated to head once (``CREATE DATABASE ... TEMPLATE``).
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
from psycopg import sql

SUPERUSER = "coe_admin"
TEMPLATE = "coe_template"
_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def find_pg_bin(name: str) -> str:
    """The path of a PostgreSQL server program (``initdb``, ``pg_ctl``)."""
    for folder in _BIN_DIRS:
        candidate = folder / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(f"{name} not found: install Debian's postgresql package (make debs)")
    return found


def _others_can_enter(folder: Path) -> bool:
    """True when every folder from the root down to ``folder`` lets other users pass."""
    return all(part.stat().st_mode & 0o001 for part in (folder, *folder.parents))


def _base_folder() -> Path | None:
    """Where the cluster's folder goes: the temp folder, unless the server's user (not root)
    could not reach it there; then /var/tmp or /dev/shm."""
    if os.geteuid() != 0:
        return None
    for candidate in (Path(tempfile.gettempdir()), Path("/var/tmp"), Path("/dev/shm")):
        if candidate.is_dir() and _others_can_enter(candidate):
            return candidate
    raise RuntimeError("no temporary folder that the unprivileged server user can reach")


class PostgresServer:
    """One running PostgreSQL cluster in a temporary folder; :meth:`stop` removes it."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="coe-pg-", dir=_base_folder()))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self._run_as: list[str] = []
        self._counter = itertools.count(1)
        if os.geteuid() == 0:
            self._run_as = ["runuser", "-u", "nobody", "--"]
            shutil.chown(self.root, user="nobody")
        self._started = False

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [*self._run_as, *args],
            check=False,
            capture_output=True,
            text=True,
            cwd=self.root,
            timeout=120,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{Path(args[0]).name} failed: {done.stderr.strip()[-500:]}")

    def start(self) -> PostgresServer:
        self._run(
            find_pg_bin("initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )
        settings = {
            "listen_addresses": "''",
            "unix_socket_directories": f"'{self.socket_dir}'",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "100",
        }
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
        self.resume()
        self._started = True
        atexit.register(self.stop)  # a run that ends early must not leave a server behind
        return self

    def stop(self) -> None:
        if self._started:
            with contextlib.suppress(subprocess.SubprocessError, RuntimeError):
                self._run(find_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
            self._started = False
        shutil.rmtree(self.root, ignore_errors=True)

    def pause(self) -> None:
        """Stop the server (fast shutdown: every connection is cut), keeping its data."""
        self._run(find_pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        """Start the server (again, after :meth:`pause`)."""
        log = str(self.root / "server.log")
        self._run(find_pg_bin("pg_ctl"), "-D", str(self.data), "-l", log, "-w", "start")

    def url(self, database: str, *, user: str = SUPERUSER) -> str:
        """The SQLAlchemy URL of a database on this server."""
        return f"postgresql+psycopg://{user}@/{database}?host={self.socket_dir}"

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        """An autocommit connection to the ``postgres`` database (for CREATE/DROP DATABASE)."""
        return psycopg.connect(
            host=str(self.socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True
        )

    def create_database(self, *, template: str | None = None, name: str | None = None) -> str:
        """A new database (a copy of ``template`` when given); returns its name."""
        name = name or f"coe_test_{os.getpid()}_{next(self._counter)}"
        with self.admin() as connection:
            if template:
                statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            else:
                statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            connection.execute(statement)
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

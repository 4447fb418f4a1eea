"""Every file location the application uses, in one redirectable place.

Defaults come from platformdirs (the user data and log folders). ``--data-dir`` /
``COETRACKER_DATA_DIR`` move everything (database, backups, logs, settings) under one folder,
which is what tests and portable use want; ``--db`` / ``COETRACKER_DB`` point at another database
file or URL while the rest stays in the data folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from coetracker import ORGANIZATION, fsutil

APP_DIRNAME = "coetracker"
DB_FILENAME = "coetracker.sqlite3"
ENV_DATA_DIR = "COETRACKER_DATA_DIR"
ENV_DB = "COETRACKER_DB"
ENV_TODAY = "COETRACKER_TODAY"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """Resolved locations. ``db_path`` is None when ``db_url`` is not a local SQLite file."""

    data_dir: Path
    db_url: str
    db_path: Path | None
    backup_dir: Path
    log_dir: Path
    settings_file: Path


def is_database_url(value: str) -> bool:
    """True for ``dialect://...`` URLs, False for plain file paths."""
    return "://" in value


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a local SQLite file."""
    return f"sqlite:///{path}"


def resolve_paths(
    *,
    data_dir: str | os.PathLike[str] | None = None,
    db: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> AppPaths:
    """Every location from the command-line options, else the environment, else defaults."""
    env = os.environ if environ is None else environ
    chosen_dir = data_dir if data_dir is not None else env.get(ENV_DATA_DIR) or None
    portable = chosen_dir is not None
    if portable:
        base = Path(chosen_dir).expanduser().resolve()  # type: ignore[arg-type]
        log_dir = base / "logs"
    else:
        base = Path(platformdirs.user_data_dir(APP_DIRNAME, ORGANIZATION))
        log_dir = Path(platformdirs.user_log_dir(APP_DIRNAME, ORGANIZATION))

    chosen_db = db if db is not None else env.get(ENV_DB) or None
    db_path: Path | None
    if chosen_db is None:
        db_path = base / DB_FILENAME
        url = sqlite_url(db_path)
    elif is_database_url(chosen_db):
        url = chosen_db
        db_path = _sqlite_path_from_url(chosen_db)
    else:
        db_path = Path(chosen_db).expanduser().resolve()
        url = sqlite_url(db_path)

    # Backups sit beside the database they protect when it is elsewhere than the data folder.
    if db_path is not None and db_path.parent != base:
        backup_dir = db_path.parent / "backups"
    else:
        backup_dir = base / "backups"
    return AppPaths(
        data_dir=base,
        db_url=url,
        db_path=db_path,
        backup_dir=backup_dir,
        log_dir=log_dir,
        settings_file=base / "settings.ini",
    )


def _sqlite_path_from_url(url: str) -> Path | None:
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    rest = url[len(prefix) :].split("?", 1)[0]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user alone (0700 on POSIX, any umask);
    an existing folder of ours is tightened (see :func:`coetracker.fsutil.ensure_private_dir`)."""
    return fsutil.ensure_private_dir(path, tighten=True)


def ensure_private_file(path: Path) -> None:
    """Create ``path`` if missing with mode 0600, and tighten an existing file to 0600."""
    fsutil.private_file(path)

"""Backups that restore, and erasures that survive a restore.

A backup is a `pg_dump` in custom format plus a manifest (JSON) beside it. The dump holds restricted values only
sealed, data keys only wrapped, and no key-encryption key (KEK), secret key or index key: those live in the
environment, never in the database. So a stolen dump alone opens nothing; dump and KEKs together open everything
the database held on the day of the backup.

That is the danger for erasure. Erasure and the retention purge destroy a person's data key, but last week's backup
still holds that key, wrapped under a KEK the operator still has: restoring it would bring the erased person back.
So every manifest lists the data keys alive at backup time (random UUIDs, nothing else), and a restore keeps a key
of the restored copy only if it is still alive in every later source: the manifest of each newer backup in the
same folder, and the live database when it still exists. Every other key is destroyed in the restored copy; a
person whose key goes is erased again there (people's `replay_erasures`, run on the restored copy). What a restore
cannot replay: an erasure made after the newest backup when the live database is lost as well. Back up often.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.db import connections

MANIFEST_FORMAT = "defdays-backup 1"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Manifest:
    path: Path
    created_at: str
    dump: Path
    sha256: str
    live_keys: frozenset[str]

    @classmethod
    def read(cls, path: Path) -> Manifest:
        data = json.loads(path.read_text())
        if data.get("format") != MANIFEST_FORMAT:
            raise BackupError(f"{path.name} is not a defdays backup manifest.")
        return cls(
            path=path,
            created_at=data["created_at"],
            dump=path.parent / data["dump"],
            sha256=data["sha256"],
            live_keys=frozenset(data["data_keys"]["live"]),
        )


def _libpq(settings_dict: dict) -> tuple[str, dict]:
    """A libpq connection string and environment for one of Django's databases (the password stays out of argv)."""
    if settings_dict["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("Backups need PostgreSQL (pg_dump); the SQLite demo is one file to copy.")
    parts = {
        "dbname": settings_dict["NAME"],
        "host": settings_dict.get("HOST") or "",
        "port": str(settings_dict.get("PORT") or ""),
        "user": settings_dict.get("USER") or "",
    }
    conninfo = " ".join(f"{k}={v}" for k, v in parts.items() if v)
    env = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or "", "PGCONNECT_TIMEOUT": "10"}
    return conninfo, env


def libpq_from_url(url: str) -> tuple[str, dict]:
    """The same from a DATABASE_URL (Django's options in the query string are not libpq's and are dropped)."""
    u = urlsplit(url)
    return _libpq(
        {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(u.path.lstrip("/")),
            "HOST": u.hostname or "",
            "PORT": u.port or "",
            "USER": unquote(u.username or ""),
            "PASSWORD": unquote(u.password or ""),
        }
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def live_key_ids(using: str = "default") -> set[str]:
    from defdays.core.models import DataKey

    return {
        str(k)
        for k in DataKey.objects.using(using)
        .filter(shredded_at__isnull=True, wrapped__isnull=False)
        .values_list("id", flat=True)
    }


def backup(directory: Path) -> Manifest:
    """Dump the database into `directory` (created 0700) with its manifest; return the manifest."""
    from django.db.migrations.recorder import MigrationRecorder

    from defdays.core.models import DataKey

    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    dump = directory / f"defdays-{stamp}.dump"
    conninfo, env = _libpq(connections["default"].settings_dict)
    # The key list is read before the dump starts: a key created in between is in the dump but not the list, so
    # restoring this backup with this manifest as a later source could only destroy too much, never too little.
    keys = sorted(live_key_ids())
    old_umask = os.umask(0o077)
    try:
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump), "--dbname", conninfo],
            env=env,
            check=True,
            capture_output=True,
            timeout=3600,
        )
    except subprocess.CalledProcessError as error:
        raise BackupError(f"pg_dump failed: {error.stderr.decode(errors='replace')[-500:]}") from None
    finally:
        os.umask(old_umask)
    migrations = {}
    for app, name in MigrationRecorder.Migration.objects.values_list("app", "name").order_by("app", "name"):
        migrations[app] = name
    data = {
        "format": MANIFEST_FORMAT,
        "created_at": datetime.now(UTC).isoformat(),
        "dump": dump.name,
        "sha256": _sha256(dump),
        "bytes": dump.stat().st_size,
        "migrations": migrations,
        # Which KEKs a restore needs (their ids only): the keys themselves are never written here.
        "kek_ids": sorted(set(DataKey.objects.exclude(wrapped__isnull=True).values_list("kek_id", flat=True))),
        "data_keys": {"live": keys},
    }
    manifest_path = dump.with_suffix(".json")
    old_umask = os.umask(0o077)
    try:
        manifest_path.write_text(json.dumps(data, indent=1) + "\n")
    finally:
        os.umask(old_umask)
    return Manifest.read(manifest_path)


@dataclass(frozen=True)
class RestoreReport:
    sources: list[str]
    surviving: int | None


def restore(manifest_path: Path, *, into: str, erasures_from: str | None) -> RestoreReport:
    """Restore a backup into the empty database `into` (a DATABASE_URL), then replay later erasures there."""
    manifest = Manifest.read(manifest_path)
    if _sha256(manifest.dump) != manifest.sha256:
        raise BackupError(f"{manifest.dump.name} does not match its manifest: damaged or replaced.")
    conninfo, env = libpq_from_url(into)
    try:
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                conninfo,
                str(manifest.dump),
            ],
            env=env,
            check=True,
            capture_output=True,
            timeout=3600,
        )
    except subprocess.CalledProcessError as error:
        raise BackupError(
            f"pg_restore failed (is the target database empty?): {error.stderr.decode(errors='replace')[-500:]}"
        ) from None

    # Every later source narrows the set of keys allowed to live again.
    sources, surviving = [], None
    for other in sorted(manifest.path.parent.glob("defdays-*.json")):
        try:
            later = Manifest.read(other)
        except (BackupError, ValueError, KeyError):
            continue
        if later.created_at > manifest.created_at:
            surviving = set(later.live_keys) if surviving is None else surviving & later.live_keys
            sources.append(f"backup {other.name}")
    if erasures_from:
        live = _live_keys_at(erasures_from)
        surviving = live if surviving is None else surviving & live
        sources.append("the live database")
    if surviving is not None:
        keep = manifest.path.parent / (manifest.path.stem + ".keep")
        old_umask = os.umask(0o077)
        try:
            keep.write_text("\n".join(sorted(surviving)) + "\n")
            # A separate process on the restored copy: Django there talks to `into`, and the erasure service of
            # the people app (which core does not import) does the work.
            subprocess.run(
                [sys.executable, "-m", "defdays", "replay_erasures", "--keep", str(keep)],
                env={**os.environ, "DATABASE_URL": into},
                check=True,
                timeout=3600,
            )
        finally:
            os.umask(old_umask)
            keep.unlink(missing_ok=True)
    return RestoreReport(sources=sources, surviving=None if surviving is None else len(surviving))


def _live_keys_at(url: str) -> set[str]:
    import psycopg

    from defdays.core.models import DataKey

    conninfo, env = libpq_from_url(url)
    with psycopg.connect(conninfo, password=env["PGPASSWORD"] or None, connect_timeout=10) as conn:
        rows = conn.execute(
            f'SELECT id FROM "{DataKey._meta.db_table}" WHERE shredded_at IS NULL AND wrapped IS NOT NULL'
        ).fetchall()
    return {str(row[0]) for row in rows}

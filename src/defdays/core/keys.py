"""Generated development keys. Production takes every key from the environment instead."""

import base64
import os
import secrets
from pathlib import Path


def load_or_create_key_file(path: Path, kind: str = "secret") -> str:
    """Read a key from `path`, creating it (mode 0600) on first use.

    Several processes can start at once (the demo's web server and worker, parallel test workers). The key is
    written whole to a private temporary file and linked into place, which fails if another process got there
    first: then that process's key is the one everybody reads, never a half-written or a second key.
    """
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "aes256":
        value = base64.urlsafe_b64encode(os.urandom(32)).decode()
    else:
        value = secrets.token_urlsafe(64)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    try:
        os.link(temporary, path)
    except FileExistsError:
        value = path.read_text().strip()
    finally:
        temporary.unlink()
    return value


def secret_key_is_weak(key: str) -> bool:
    """The same bar as Django's deploy check: long, varied and not Django's insecure placeholder."""
    return len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure")

"""Read every table of the test database with raw SQL, as an attacker with a copy of the database would."""

import json

from django.db import connection


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, (bytes, bytearray)):
        # Leniently, in two encodings: a clear value hidden in a bytes column must still be found.
        return bytes(value).decode("utf-8", "replace") + "\n" + bytes(value).decode("latin-1")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def dump_database(skip_tables=()) -> str:
    """The raw content of every table (but `skip_tables`), as one lower-cased text."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in skip_tables:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                parts.append(table + ": " + " | ".join(_as_text(value) for value in row))
    return "\n".join(parts).lower()


def found_canaries(canaries) -> list[str]:
    text = dump_database()
    return [canary for canary in canaries if canary.lower() in text]

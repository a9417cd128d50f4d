"""Keys and timestamps for rows that users create."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4


def new_id() -> str:
    """A random UUID as text: rows from two laptops can later be merged without clashes."""
    return str(uuid4())


def utc_now() -> str:
    """The current UTC time as ISO 8601 text with a trailing Z, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_stamp(stamp: str) -> datetime:
    """A stored UTC timestamp (``utc_now``'s form) as an aware datetime."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def to_local(stamp: str, time_zone: str) -> datetime:
    """A stored UTC timestamp in a meeting's time zone, as its people read the clock."""
    from zoneinfo import ZoneInfo  # its import reads the system's time zone path

    return parse_stamp(stamp).astimezone(ZoneInfo(time_zone))

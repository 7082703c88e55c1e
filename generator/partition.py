"""Stable partitions of large lists (actions of a big service).

Items go to ``2**k`` buckets by a hash of their name, with ``k`` the least
that keeps buckets near *size* on average.  An item's bucket depends only on
its name and the bucket count, and the count changes only when the list
doubles, so adding one item leaves every other bucket (and every cache keyed
by a bucket's content) as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def bucket_count(n: int, size: int) -> int:
    count = 1
    while n > count * size:
        count *= 2
    return count


def stable_buckets(items: Sequence[T], name: Callable[[T], str], size: int) -> list[tuple[int, list[T]]]:
    """(index, items) for every non-empty bucket, by index; items keep their order."""
    count = bucket_count(len(items), size)
    buckets: dict[int, list[T]] = {}
    for item in items:
        index = int(hashlib.sha256(name(item).encode("utf-8")).hexdigest()[:8], 16) % count
        buckets.setdefault(index, []).append(item)
    return sorted(buckets.items())

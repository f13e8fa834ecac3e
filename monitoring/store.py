"""Reading the shared metrics back from Redis: windows of buckets, rates and percentiles."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from core.metrics import BUCKETS_MS, parse_series
from core.redis import get_redis, redis_key

Labels = tuple[tuple[str, str], ...]


@dataclass
class Snapshot:
    """Counters and histograms summed over some buckets, keyed by ``(name, labels)``."""

    counters: dict[tuple[str, Labels], int] = field(default_factory=lambda: defaultdict(int))
    hists: dict[tuple[str, Labels], list[float]] = field(default_factory=dict)

    def add_hash(self, raw: dict[bytes, bytes]) -> None:
        for raw_field, raw_value in raw.items():
            text = raw_field.decode()
            kind, _, rest = text.partition("|")
            if kind == "c":
                name, labels = parse_series(rest)
                self.counters[(name, tuple(sorted(labels.items())))] += int(raw_value)
            elif kind == "h":
                series, _, slot = rest.rpartition("|#")
                name, labels = parse_series(series)
                hist = self.hists.setdefault(
                    (name, tuple(sorted(labels.items()))), [0.0] * (len(BUCKETS_MS) + 3)
                )
                index = {"sum": -2, "count": -1}.get(slot)
                hist[int(slot) if index is None else index] += float(raw_value)

    def total(self, name: str, **match: str) -> int:
        """The sum of counter ``name`` over every series whose labels include ``match``."""
        return sum(
            value
            for (series, labels), value in self.counters.items()
            if series == name and all(dict(labels).get(k) == v for k, v in match.items())
        )

    def by_label(self, name: str, label: str, **match: str) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for (series, labels), value in self.counters.items():
            found = dict(labels)
            if series == name and all(found.get(k) == v for k, v in match.items()):
                out[found.get(label, "")] += value
        return dict(out)

    def histogram(self, name: str, **match: str) -> list[float]:
        merged = [0.0] * (len(BUCKETS_MS) + 3)
        for (series, labels), hist in self.hists.items():
            if series == name and all(dict(labels).get(k) == v for k, v in match.items()):
                merged = [a + b for a, b in zip(merged, hist, strict=True)]
        return merged

    def label_values(self, name: str, label: str) -> list[str]:
        found = {
            dict(labels).get(label)
            for (series, labels) in [*self.counters, *self.hists]
            if series == name
        }
        return sorted(v for v in found if v is not None)


def quantile(hist: list[float], q: float) -> float | None:
    """The q-quantile (ms) of a bucketed histogram, linearly interpolated within its bucket."""
    counts = hist[: len(BUCKETS_MS) + 1]
    total = sum(counts)
    if not total:
        return None
    rank, seen = q * total, 0.0
    for index, count in enumerate(counts):
        if count and seen + count >= rank:
            low = BUCKETS_MS[index - 1] if index > 0 else 0.0
            high = BUCKETS_MS[index] if index < len(BUCKETS_MS) else BUCKETS_MS[-1] * 2
            return round(low + (high - low) * (rank - seen) / count, 3)
        seen += count
    return BUCKETS_MS[-1]


class MetricStore:
    """Reads bucket hashes in one pipeline; ``timer`` is a seam for tests."""

    timer = staticmethod(time.time)

    def _read(self, keys: list[str]) -> list[dict[bytes, bytes]]:
        pipe = get_redis().pipeline(transaction=False)
        for key in keys:
            pipe.hgetall(key)
        return pipe.execute()

    def window(self, minutes: int) -> Snapshot:
        """The last ``minutes`` minutes (minute buckets up to 3 h, hour buckets beyond)."""
        now_minute = int(self.timer()) // 60
        if minutes <= 180:
            keys = [redis_key("metrics", "m", now_minute - i) for i in range(minutes)]
        else:
            hours = -(-minutes // 60)
            keys = [redis_key("metrics", "h", now_minute // 60 - i) for i in range(hours)]
        snapshot = Snapshot()
        for raw in self._read(keys):
            snapshot.add_hash(raw)
        return snapshot

    def series(self, minutes: int, step: int) -> list[tuple[int, Snapshot]]:
        """Snapshots of ``step`` minutes each covering the last ``minutes``, oldest first."""
        now_minute = int(self.timer()) // 60
        use_hours = step >= 60
        unit = 60 if use_hours else 1
        count = minutes // step
        per = step // unit
        last = now_minute // unit
        keys = [
            redis_key("metrics", "h" if use_hours else "m", last - i)
            for i in range(count * per - 1, -1, -1)
        ]
        raws = self._read(keys)
        out = []
        for chunk in range(count):
            snapshot = Snapshot()
            for raw in raws[chunk * per : (chunk + 1) * per]:
                snapshot.add_hash(raw)
            start = (last - (count * per - 1) + chunk * per) * unit * 60
            out.append((start, snapshot))
        return out

    def totals(self) -> Snapshot:
        snapshot = Snapshot()
        snapshot.add_hash(self._read([redis_key("metrics", "total")])[0])
        return snapshot

    def flags(self) -> dict[str, dict[str, Any]]:
        client = get_redis()
        out = {}
        keys = list(client.scan_iter(match=redis_key("metrics", "flag", "*"), count=500))
        values = client.mget(keys) if keys else []
        for value in values:
            if value:
                data = json.loads(value)
                out[data["name"]] = data
        return out

"""Activity files (GPX, TCX, FIT) read into one shape: a start time and timed samples.

Parsing is left to maintained libraries: gpxpy (GPX 1.0/1.1, with Garmin's TrackPointExtension
for heart rate), tcxreader (Garmin TCX, on the standard library's ElementTree) and fitdecode (FIT,
with CRC checks). Whatever they complain about becomes an ``ActivityFileError`` carrying their
message, so an upload can be refused with a 400 that names the problem.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import fitdecode
import gpxpy
import gpxpy.gpx
from tcxreader.tcxreader import TCXReader

FIT_SIGNATURE = b".FIT"
FIT_SIGNATURE_OFFSET = 8
# FIT stores semicircles: 2^31 of them per 180 degrees.
FIT_SEMICIRCLE_DEGREES = 180 / 2**31
FORMATS = ("gpx", "tcx", "fit")


class ActivityFileError(ValueError):
    """The file could not be read; the message is the parser's complaint."""


@dataclass(frozen=True)
class Sample:
    """One recorded point: seconds from the start, metres covered so far, heart rate."""

    t_s: float
    distance_m: float | None
    hr: int | None = None


@dataclass
class Activity:
    format: str
    started_at: datetime | None
    samples: list[Sample] = field(default_factory=list)
    sport: str | None = None

    @property
    def duration_s(self) -> float:
        return self.samples[-1].t_s - self.samples[0].t_s if len(self.samples) > 1 else 0.0

    @property
    def distance_m(self) -> float | None:
        distances = [s.distance_m for s in self.samples if s.distance_m is not None]
        return max(distances) - min(distances) if distances else None

    @property
    def avg_hr(self) -> float | None:
        rates = [s.hr for s in self.samples if s.hr]
        return sum(rates) / len(rates) if rates else None

    @property
    def max_hr(self) -> int | None:
        rates = [s.hr for s in self.samples if s.hr]
        return max(rates) if rates else None


def detect_format(data: bytes, filename: str = "") -> str:
    """``gpx``, ``tcx`` or ``fit`` from the content (the file name only breaks ties)."""
    if data[FIT_SIGNATURE_OFFSET : FIT_SIGNATURE_OFFSET + 4] == FIT_SIGNATURE:
        return "fit"
    head = data[:2048].lower()
    if b"<gpx" in head:
        return "gpx"
    if b"<trainingcenterdatabase" in head:
        return "tcx"
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix in FORMATS:
        return suffix
    raise ActivityFileError("not a GPX, TCX or FIT file")


def parse_activity(data: bytes, filename: str = "") -> Activity:
    """Read an uploaded activity file; raises ``ActivityFileError`` when it cannot be read."""
    kind = detect_format(data, filename)
    reader = {"gpx": _gpx, "tcx": _tcx, "fit": _fit}[kind]
    try:
        activity = reader(data)
    except ActivityFileError:
        raise
    except Exception as exc:  # the libraries raise their own types and plain ValueErrors
        raise ActivityFileError(f"{kind.upper()}: {exc}") from exc
    if len(activity.samples) < 2:
        raise ActivityFileError(f"{kind.upper()}: fewer than two timed points")
    return activity


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


Row = tuple[datetime, float | None, int | None]


def _build(kind: str, rows: list[Row], sport: str | None) -> Activity:
    rows = sorted(rows, key=lambda row: row[0])
    if not rows:
        return Activity(kind, None, [], sport)
    start = rows[0][0]
    samples = [
        Sample((moment - start).total_seconds(), distance, int(hr) if hr else None)
        for moment, distance, hr in rows
    ]
    return Activity(kind, start, samples, sport)


def _gpx_hr(point: gpxpy.gpx.GPXTrackPoint) -> int | None:
    for extension in point.extensions:
        for element in extension.iter():
            if element.tag.rsplit("}", 1)[-1] == "hr" and element.text:
                return int(float(element.text))
    return None


def _gpx(data: bytes) -> Activity:
    parsed = gpxpy.parse(io.StringIO(data.decode("utf-8-sig")))
    rows: list[Row] = []
    for track in parsed.tracks:
        for segment in track.segments:
            previous = None
            total = rows[-1][1] if rows else 0.0
            for point in segment.points:
                if previous is not None:
                    total = (total or 0.0) + (point.distance_2d(previous) or 0.0)
                if point.time is not None:
                    rows.append((_aware(point.time), total, _gpx_hr(point)))
                previous = point
    sport = parsed.tracks[0].type if parsed.tracks else None
    return _build("gpx", rows, sport)


def _tcx(data: bytes) -> Activity:
    exercise = TCXReader().read(io.BytesIO(data), only_gps=False)  # type: ignore[arg-type]
    rows = [
        (_aware(point.time), point.distance, point.hr_value)
        for point in exercise.trackpoints
        if point.time is not None
    ]
    return _build("tcx", rows, getattr(exercise, "activity_type", None))


def _fit_value(frame: Any, name: str) -> Any:
    return frame.get_value(name, fallback=None)


def _fit(data: bytes) -> Activity:
    rows: list[Row] = []
    sport = None
    with fitdecode.FitReader(
        io.BytesIO(data), check_crc=fitdecode.CrcCheck.ENABLED, keep_raw_chunks=False
    ) as reader:
        for frame in reader:
            if not isinstance(frame, fitdecode.FitDataMessage):
                continue
            if frame.name == "record":
                moment = _fit_value(frame, "timestamp")
                if isinstance(moment, datetime):
                    distance = _fit_value(frame, "distance")
                    hr = _fit_value(frame, "heart_rate")
                    rows.append((_aware(moment), distance, hr))
            elif frame.name in {"session", "sport"} and sport is None:
                value = _fit_value(frame, "sport")
                sport = str(value) if value is not None else None
    return _build("fit", rows, sport)

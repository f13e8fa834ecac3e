"""GPX (gpxpy), TCX (tcxreader) and FIT (fitdecode) recordings as runs with splits and heart rate.

Maintained libraries read the formats; this module only picks the samples and totals out of
what they return. A file any of them cannot read is refused whole with the library's reason.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import ParseError

import fitdecode
import gpxpy
import gpxpy.gpx
from tcxreader.tcxreader import TCXReader

from portability.records import ParsedRun, ParseResult, Skipped
from portability.rejections import FileRejected
from portability.tracks import Sample, activity_of, run_from_samples

EXTENSIONS = (".gpx", ".tcx", ".fit")


def parse(data: bytes, name: str) -> ParseResult:
    """One recording file; the extension says which reader."""
    lower = name.lower()
    if lower.endswith(".gpx"):
        runs = _gpx(data, name)
    elif lower.endswith(".tcx"):
        runs = _tcx(data, name)
    elif lower.endswith(".fit"):
        runs = _fit(data, name)
    else:
        raise FileRejected(
            "unsupported_file", f"{name} is not a GPX, TCX or FIT file.", {"file": name}
        )
    result = ParseResult(rows_read=1)
    for run in runs:
        if run is None:
            result.skipped.append(Skipped("a recording without timestamps", file=name))
        else:
            result.runs.append(run)
    return result


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _gpx(data: bytes, name: str) -> list[ParsedRun | None]:
    try:
        document = gpxpy.parse(io.BytesIO(data))  # type: ignore[type-var]
    except (gpxpy.gpx.GPXException, ParseError, ValueError) as exc:
        raise FileRejected("corrupt_file", f"{name} is not a readable GPX file: {exc}") from exc
    runs: list[ParsedRun | None] = []
    for track in document.tracks:
        samples: list[Sample] = []
        covered = 0.0
        previous = None
        for segment in track.segments:
            for point in segment.points:
                if previous is not None:
                    covered += point.distance_2d(previous) or 0.0
                previous = point
                moment = _utc(point.time)
                if moment is not None:
                    samples.append(Sample(moment, covered, _gpx_heart_rate(point), point.elevation))
        runs.append(run_from_samples(samples, activity=activity_of(track.type), source_name=name))
    return runs


def _gpx_heart_rate(point: gpxpy.gpx.GPXTrackPoint) -> int | None:
    """Garmin's TrackPointExtension ``<gpxtpx:hr>`` (any namespace prefix)."""
    for extension in point.extensions:
        for element in extension.iter():
            if element.tag.rsplit("}", 1)[-1].lower() == "hr" and element.text:
                try:
                    return int(float(element.text))
                except ValueError:
                    return None
    return None


def _tcx(data: bytes, name: str) -> list[ParsedRun | None]:
    try:
        exercise = TCXReader().read(io.BytesIO(data), only_gps=False)  # type: ignore[arg-type]
    except (ParseError, ValueError, AttributeError, TypeError, IndexError) as exc:
        raise FileRejected("corrupt_file", f"{name} is not a readable TCX file: {exc}") from exc
    samples = [
        Sample(
            _utc(point.time),  # type: ignore[arg-type]
            point.distance,
            int(point.hr_value) if point.hr_value else None,
            point.elevation,
        )
        for point in exercise.trackpoints
        if point.time is not None
    ]
    return [
        run_from_samples(
            samples,
            activity=activity_of(exercise.activity_type),
            source_name=name,
            distance_m=exercise.distance or None,
        )
    ]


def _fit(data: bytes, name: str) -> list[ParsedRun | None]:
    samples: list[Sample] = []
    session: dict[str, Any] = {}
    try:
        with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.ENABLED) as reader:
            for frame in reader:
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                if frame.name == "record":
                    sample = _fit_sample(frame)
                    if sample is not None:
                        samples.append(sample)
                elif frame.name == "session":
                    session = {f.name: f.value for f in frame.fields}
    except fitdecode.FitError as exc:
        raise FileRejected(
            "corrupt_file", f"{name} is not a complete FIT file ({exc}); export it again."
        ) from exc
    return [
        run_from_samples(
            samples,
            activity=activity_of(str(session.get("sport") or "")),
            source_name=name,
            distance_m=session.get("total_distance"),
            duration_s=session.get("total_timer_time"),
        )
    ]


def _fit_sample(frame: fitdecode.FitDataMessage) -> Sample | None:
    def value(field: str) -> Any:
        return frame.get_value(field, fallback=None)

    moment = _utc(value("timestamp"))
    if moment is None:
        return None
    altitude = value("enhanced_altitude")
    if altitude is None:
        altitude = value("altitude")
    rate = value("heart_rate")
    return Sample(moment, value("distance"), int(rate) if rate else None, altitude)

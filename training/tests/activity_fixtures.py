"""Small generated GPX, TCX and FIT files of a synthetic run (steady pace, rising heart rate)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import gpxpy.gpx
from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.profile_type import FileType, Manufacturer

METRES_PER_DEGREE = 111_195.0
START = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)
LAT0, LON0 = 51.5, -0.12
GPX_TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"


@dataclass(frozen=True)
class Point:
    t_s: int
    distance_m: float
    hr: int


def synthetic_run(
    duration_s: int,
    *,
    pace_s_per_km: float = 300.0,
    fade_s_per_km: float = 0.0,
    hr_start: int = 140,
    hr_end: int = 160,
    every_s: int = 1,
) -> list[Point]:
    """A run along a meridian: the pace slows linearly by ``fade`` over the run; HR rises."""
    points, distance = [], 0.0
    for t in range(0, duration_s + 1, every_s):
        share = t / duration_s
        if t:
            pace = pace_s_per_km + fade_s_per_km * share
            distance += every_s * 1000 / pace
        points.append(Point(t, distance, round(hr_start + (hr_end - hr_start) * share)))
    return points


def gpx_bytes(points: list[Point], start: datetime = START) -> bytes:
    gpx = gpxpy.gpx.GPX()
    gpx.nsmap["gpxtpx"] = GPX_TPX
    track = gpxpy.gpx.GPXTrack(name="Synthetic run")
    track.type = "running"  # type: ignore[assignment]  # gpxpy declares it as None
    segment = gpxpy.gpx.GPXTrackSegment()
    for point in points:
        lat = LAT0 + point.distance_m / METRES_PER_DEGREE
        item = gpxpy.gpx.GPXTrackPoint(lat, LON0, time=start + timedelta(seconds=point.t_s))
        extension = ET.Element(f"{{{GPX_TPX}}}TrackPointExtension")
        ET.SubElement(extension, f"{{{GPX_TPX}}}hr").text = str(point.hr)
        item.extensions.append(extension)
        segment.points.append(item)
    track.segments.append(segment)
    gpx.tracks.append(track)
    return gpx.to_xml().encode()


def tcx_bytes(points: list[Point], start: datetime = START) -> bytes:
    ns = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
    root = ET.Element("TrainingCenterDatabase", xmlns=ns)
    activity = ET.SubElement(ET.SubElement(root, "Activities"), "Activity", Sport="Running")
    ET.SubElement(activity, "Id").text = start.isoformat().replace("+00:00", "Z")
    lap = ET.SubElement(activity, "Lap", StartTime=start.isoformat().replace("+00:00", "Z"))
    ET.SubElement(lap, "TotalTimeSeconds").text = str(points[-1].t_s)
    ET.SubElement(lap, "DistanceMeters").text = f"{points[-1].distance_m:.1f}"
    track = ET.SubElement(lap, "Track")
    for point in points:
        item = ET.SubElement(track, "Trackpoint")
        moment = start + timedelta(seconds=point.t_s)
        ET.SubElement(item, "Time").text = moment.isoformat().replace("+00:00", "Z")
        position = ET.SubElement(item, "Position")
        ET.SubElement(position, "LatitudeDegrees").text = str(
            LAT0 + point.distance_m / METRES_PER_DEGREE
        )
        ET.SubElement(position, "LongitudeDegrees").text = str(LON0)
        ET.SubElement(item, "DistanceMeters").text = f"{point.distance_m:.2f}"
        hr = ET.SubElement(ET.SubElement(item, "HeartRateBpm"), "Value")
        hr.text = str(point.hr)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root)


def fit_bytes(points: list[Point], start: datetime = START) -> bytes:
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    millis = round(start.timestamp() * 1000)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.time_created = millis
    file_id.serial_number = 0x1234
    builder.add(file_id)
    records = []
    for point in points:
        record = RecordMessage()
        record.timestamp = millis + point.t_s * 1000
        record.position_lat = LAT0 + point.distance_m / METRES_PER_DEGREE
        record.position_long = LON0
        record.distance = point.distance_m
        record.heart_rate = point.hr
        records.append(record)
    builder.add_all(records)
    return builder.build().to_bytes()


def haversine_m(lat1: float, lat2: float) -> float:
    """Metres between two latitudes on the same meridian (for checking parsed distances)."""
    return abs(lat2 - lat1) * math.pi / 180 * 6_371_000

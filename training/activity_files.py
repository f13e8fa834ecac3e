"""Activity files (GPX, TCX, FIT) read into one shape: a start time and timed samples.

Parsing is left to maintained libraries. GPX and TCX go through lxml's ``iterparse`` (libxml2, in
C), reading only the track points' time, position or distance and heart rate and freeing each
point once read; distances between GPX points are gpxpy's (``gpxpy.geo.distance``, the formula
``GPXTrackPoint.distance_2d`` uses). The XML parser is locked down: entities are never expanded,
nothing is fetched from the network, the libxml2 size limits stay on, and a document type
declaration (where entity bombs live; GPX and TCX never need one) is refused. FIT goes through
fitdecode without its per-field data processor (the record timestamps are turned into datetimes
here, from the FIT epoch fitdecode exports), with each file's CRC checked by anycrc (in C)
instead of fitdecode's byte-by-byte Python check, which cost as much as the decoding, and with
each data message's field bytes read at once (``_FitReader``); a record's fields are found by
position once per definition message rather than by name per message. Whatever
the libraries complain about becomes an ``ActivityFileError`` carrying their message, so an
upload can be refused with a 400 that names the problem.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

import anycrc
import fitdecode
from fitdecode.processors import FIT_DATETIME_MIN, FIT_UTC_REFERENCE
from gpxpy.geo import distance as gpx_distance
from lxml import etree

FIT_SIGNATURE = b".FIT"
FIT_SIGNATURE_OFFSET = 8
FORMATS = ("gpx", "tcx", "fit")
FIT_RECORD = "record"
FIT_CRC = anycrc.Model("CRC16-ARC")  # the FIT protocol's CRC-16 (polynomial 0x8005, reflected)
FIT_CRC_BYTES = 2
FIT_SPORT_MESSAGES = frozenset({"session", "sport"})


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
    except Exception as exc:  # ours, the libraries' own types and plain ValueErrors
        raise ActivityFileError(f"{kind.upper()}: {exc}") from exc
    if len(activity.samples) < 2:
        raise ActivityFileError(f"{kind.upper()}: fewer than two timed points")
    return activity


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


# --- GPX and TCX ---------------------------------------------------------------------------


def _elements(data: bytes, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """The ``tags`` elements (namespace-agnostic local names), each once complete.

    Yielded on their end event; everything read before the current element is freed as the
    document is walked, so memory stays flat on long recordings.
    """
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        tag=tuple(f"{{*}}{tag}" for tag in tags),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    checked = False
    for event, element in events:
        if not checked:
            if element.getroottree().docinfo.doctype:
                raise ActivityFileError("a document type declaration (DOCTYPE) is not allowed")
            checked = True
        if event == "end":
            yield element
    if not checked:  # none of the tags: the root still says whether it is the expected file
        raise ActivityFileError(f"no <{tags[0]}> element")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _moment(text: str | None) -> datetime | None:
    if not text or not text.strip():
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ActivityFileError(f"invalid time {text.strip()!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None and text.strip() else None
    except ValueError:
        return None


def _free(element: etree._Element) -> None:
    """Drop an element read to the end and the siblings before it (lxml's iterparse idiom)."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _gpx_point(element: etree._Element) -> tuple[float, float, datetime | None, int | None]:
    try:
        lat, lon = float(element.get("lat")), float(element.get("lon"))
    except (TypeError, ValueError) as exc:
        raise ActivityFileError("a track point without a valid lat and lon") from exc
    moment, hr = None, None
    for child in element:
        name = _local(child.tag)
        if name == "time":
            moment = _moment(child.text)
        elif name == "extensions" and hr is None:
            for item in child.iter():
                if _local(item.tag) == "hr" and item.text:
                    hr = int(float(item.text))
                    break
    return lat, lon, moment, hr


def _gpx(data: bytes) -> Activity:
    """Track points in document order; the distance runs on across a track's segments."""
    rows: list[Row] = []
    sport: str | None = None
    previous: tuple[float, float] | None = None
    total: float | None = 0.0
    for element in _elements(data, ("gpx", "trk", "trkseg", "trkpt", "type")):
        name = _local(element.tag)
        if name == "trkpt":
            lat, lon, moment, hr = _gpx_point(element)
            if previous is not None:
                step = gpx_distance(previous[0], previous[1], None, lat, lon, None)
                total = (total or 0.0) + step
            if moment is not None:
                rows.append((moment, total, hr))
            previous = (lat, lon)
            _free(element)
        elif name == "trkseg":
            previous, total = None, rows[-1][1] if rows else 0.0
            _free(element)
        elif name == "type" and sport is None and _local(element.getparent().tag) == "trk":
            sport = (element.text or "").strip() or None
        elif name == "trk":
            _free(element)
    return _build("gpx", rows, sport)


def _tcx_point(element: etree._Element) -> Row | None:
    moment, distance, hr = None, None, None
    for child in element:
        name = _local(child.tag)
        if name == "Time":
            moment = _moment(child.text)
        elif name == "DistanceMeters":
            distance = _number(child.text)
        elif name == "HeartRateBpm":
            for value in child:
                rate = _number(value.text)
                hr = int(rate) if rate is not None else None
    return None if moment is None else (moment, distance, hr)


def _tcx(data: bytes) -> Activity:
    rows: list[Row] = []
    sport: str | None = None
    for element in _elements(data, ("TrainingCenterDatabase", "Activity", "Trackpoint")):
        name = _local(element.tag)
        if name == "Trackpoint":
            row = _tcx_point(element)
            if row is not None:
                rows.append(row)
            _free(element)
        elif name == "Activity":
            sport = sport or element.get("Sport")
            _free(element)
    return _build("tcx", rows, sport)


# --- FIT -----------------------------------------------------------------------------------


def _fit_moment(value: Any) -> datetime | None:
    """A record's timestamp: without a data processor fitdecode gives the FIT seconds, turned
    into a UTC datetime as its default processor would (values under ``FIT_DATETIME_MIN`` are
    seconds since the device's power-on, not a moment, and are left out as it left them)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, int) and value >= FIT_DATETIME_MIN:
        return datetime.fromtimestamp(FIT_UTC_REFERENCE + value, UTC)
    return None


def _fit_check_crc(data: bytes, start: int, header: fitdecode.FitHeader) -> int:
    """Check one FIT file of the stream (its header, records and 2-byte CRC, sized as fitdecode
    reads them from the header) against its CRC; returns where the next chained file starts.

    A CRC-16/ARC run over a block followed by its own CRC is 0. anycrc computes it in C over the
    whole file at once: fitdecode's own check, byte by byte in Python, cost as much as all the
    decoding.
    """
    end = start + header.header_size + header.body_size + FIT_CRC_BYTES
    if len(data) < end:
        raise ActivityFileError("the file is cut short (fewer bytes than its header declares)")
    if FIT_CRC.calc(data[start:end]) != 0:
        raise ActivityFileError("CRC mismatch: the file is corrupt")
    return end


class _FieldsPlan(NamedTuple):
    """How one definition message's data messages are read: one struct over all their field
    bytes, and per field (its item count, its base type's parse, how fitdecode shapes it)."""

    unpacker: struct.Struct
    fields: tuple[tuple[int, Callable[[Any], Any], int], ...]


_ONE, _BYTES, _ARRAY = 0, 1, 2  # a scalar, a byte array (parsed whole), any other array


class _FitReader(fitdecode.FitReader):
    """fitdecode's reader, reading each data message's field bytes at once.

    fitdecode reads a data message field by field (a ``struct.Struct`` built, a read and an
    unpack per field: half of its decoding time). This reads the message's bytes in one read
    and unpacks them with one struct kept per definition message, then shapes each raw value
    exactly as ``FitReader._read_data_message_raw_values`` does (fitdecode 0.11); decoding,
    components, scales and timestamps stay fitdecode's own.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plans: dict[Any, _FieldsPlan | None] = {}

    def _read_data_message_raw_values(self, def_mesg: Any) -> tuple[list[bytes], list[Any]]:
        if def_mesg not in self._plans:
            self._plans[def_mesg] = _fields_plan(def_mesg)
        plan = self._plans[def_mesg]
        if plan is None:  # a field shorter than its base type: fitdecode says what is wrong
            return super()._read_data_message_raw_values(def_mesg)  # type: ignore[no-any-return]
        chunk = self._read_bytes(plan.unpacker.size)
        flat = plan.unpacker.unpack(chunk)
        values: list[Any] = []
        at = 0
        for items, parse, shape in plan.fields:
            if shape == _ONE:
                values.append(parse(flat[at]))
            elif shape == _BYTES:
                values.append(parse(flat[at : at + items]))
            else:
                values.append(tuple(parse(value) for value in flat[at : at + items]))
            at += items
        return [chunk], values


def _fields_plan(def_mesg: Any) -> _FieldsPlan | None:
    formats, fields = [], []
    for field_def in def_mesg.all_field_defs:
        base_type = field_def.base_type
        count = int(field_def.size / base_type.size)
        if count <= 0:
            return None
        formats.append(f"{count}{base_type.fmt}")
        items = 1 if base_type.fmt == "s" else count  # "5s" unpacks to one bytes value
        if base_type.identifier == fitdecode.types.BASE_TYPE_BYTE.identifier:
            shape = _BYTES
        else:
            shape = _ARRAY if items > 1 else _ONE
        fields.append((items, base_type.parse, shape))
    return _FieldsPlan(struct.Struct(def_mesg.endian + "".join(formats)), tuple(fields))


class _RecordFields:
    """Where a record message's timestamp, distance and heart rate sit in its field list, found
    once per definition message and field count (the layout fitdecode builds for them), checked
    by name on each message; a message laid out otherwise is read by name."""

    names = ("timestamp", "distance", "heart_rate")

    def __init__(self) -> None:
        self._layouts: dict[tuple[Any, int], tuple[int | None, ...]] = {}

    def values(self, frame: Any) -> tuple[Any, ...]:
        fields = frame.fields
        key = (frame.def_mesg, len(fields))
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts[key] = tuple(_first_named(fields, n) for n in self.names)
        result: list[Any] = []
        for name, index in zip(self.names, layout, strict=True):
            if index is None:
                result.append(None)
            elif fields[index].is_named(name):
                result.append(fields[index].value)
            else:
                result.append(frame.get_value(name, fallback=None))
        return tuple(result)


def _first_named(fields: list[Any], name: str) -> int | None:
    """The index of the first field ``get_value(name)`` would read (None: there is none)."""
    return next((i for i, field in enumerate(fields) if field.is_named(name)), None)


def _fit(data: bytes) -> Activity:
    rows: list[Row] = []
    sport = None
    start = 0
    records = _RecordFields()
    with _FitReader(
        io.BytesIO(data),
        processor=None,
        check_crc=fitdecode.CrcCheck.DISABLED,  # checked per file by _fit_check_crc
        keep_raw_chunks=False,
    ) as reader:
        for frame in reader:
            if frame.frame_type == fitdecode.FIT_FRAME_HEADER:
                start = _fit_check_crc(data, start, frame)
                continue
            if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                continue
            name = frame.name
            if name == FIT_RECORD:
                timestamp, distance, heart_rate = records.values(frame)
                moment = _fit_moment(timestamp)
                if moment is not None:
                    rows.append((moment, distance, heart_rate))
            elif name in FIT_SPORT_MESSAGES and sport is None:
                value = frame.get_value("sport", fallback=None)
                sport = str(value) if value is not None else None
    return _build("fit", rows, sport)

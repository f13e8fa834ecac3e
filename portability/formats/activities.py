"""GPX, TCX and FIT recordings as runs with splits and heart rate.

Reading is ``training.activity_files`` (lxml and fitdecode, shared with running
analysis); this module turns its samples into a run and its complaints into a refusal that
names the file.
"""

from __future__ import annotations

from datetime import timedelta

from portability.records import ParseResult
from portability.rejections import FileRejected
from portability.tracks import Sample, activity_of, run_from_samples
from training.activity_files import ActivityFileError, parse_activity

EXTENSIONS = (".gpx", ".tcx", ".fit")


def parse(data: bytes, name: str) -> ParseResult:
    """One recording file: one run."""
    if not name.lower().endswith(EXTENSIONS):
        raise FileRejected(
            "unsupported_file", f"{name} is not a GPX, TCX or FIT file.", {"file": name}
        )
    try:
        activity = parse_activity(data, name)
    except ActivityFileError as exc:
        raise FileRejected(
            "corrupt_file", f"{name} cannot be read ({exc}); export it again.", {"file": name}
        ) from exc
    start = activity.started_at
    samples = [
        Sample(start + timedelta(seconds=s.t_s), s.distance_m, s.hr)
        for s in activity.samples
        if start is not None
    ]
    run = run_from_samples(samples, activity=activity_of(activity.sport), source_name=name)
    return ParseResult(runs=[run] if run else [], rows_read=1)

"""The activity file readers on generated files: integrity checks and chained FIT files."""

from datetime import timedelta

import pytest

from training.activity_files import ActivityFileError, parse_activity
from training.tests.activity_fixtures import START, fit_bytes, synthetic_run

POINTS = synthetic_run(300, every_s=5)


def _flipped(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def test_a_fit_file_reads_its_records():
    activity = parse_activity(fit_bytes(POINTS), "run.fit")
    assert activity.started_at == START
    assert [s.t_s for s in activity.samples] == [p.t_s for p in POINTS]
    assert [s.hr for s in activity.samples] == [p.hr for p in POINTS]


def test_one_flipped_bit_in_a_fit_record_is_refused_by_its_crc():
    data = fit_bytes(POINTS)
    with pytest.raises(ActivityFileError, match="FIT: CRC mismatch"):
        parse_activity(_flipped(data, len(data) // 2), "run.fit")


def test_a_fit_file_cut_short_is_refused():
    data = fit_bytes(POINTS)
    with pytest.raises(ActivityFileError, match="FIT: "):
        parse_activity(data[: len(data) - 100], "run.fit")


def test_chained_fit_files_are_each_checked_and_read():
    later = START + timedelta(seconds=POINTS[-1].t_s + 5)
    first, second = fit_bytes(POINTS), fit_bytes(POINTS, start=later)
    activity = parse_activity(first + second, "run.fit")
    assert len(activity.samples) == 2 * len(POINTS)
    assert activity.samples[-1].t_s == 2 * POINTS[-1].t_s + 5
    with pytest.raises(ActivityFileError, match="CRC mismatch"):
        parse_activity(first + _flipped(second, len(second) // 2), "run.fit")


def _decoded(reader_class, data: bytes) -> list:
    import io

    import fitdecode

    with reader_class(
        io.BytesIO(data),
        processor=None,
        check_crc=fitdecode.CrcCheck.DISABLED,
        keep_raw_chunks=False,
    ) as reader:
        return [
            (frame.name, [(f.name, f.value, f.raw_value, f.units) for f in frame.fields])
            for frame in reader
            if frame.frame_type == fitdecode.FIT_FRAME_DATA
        ]


@pytest.mark.parametrize("source", ["generated", "device"])
def test_the_fit_reader_decodes_every_message_as_fitdecode_does(source):
    from pathlib import Path

    import fitdecode

    from training.activity_files import _FitReader

    if source == "generated":
        data = fit_bytes(POINTS)
    else:  # a watch's 5 km (file_id, records with compressed fields, session)
        data = (Path(__file__).parents[2] / "portability/tests/fixtures/run_5k.fit").read_bytes()
    ours = _decoded(_FitReader, data)
    assert ours == _decoded(fitdecode.FitReader, data)
    assert sum(name == "record" for name, _fields in ours) > 50
    # one flipped bit in a data message (the CRC unchecked here): read alike, or refused alike
    damaged = _flipped(data, len(data) // 2)
    assert _decoded(_FitReader, damaged) == _decoded(fitdecode.FitReader, damaged)

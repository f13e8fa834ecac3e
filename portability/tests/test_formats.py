"""The readers on the fixture files: counts, units, quirks, and refused files."""

import io
import zipfile
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from portability.archive import Upload
from portability.reading import Limits, content_hash, detect_format, expand, parse_uploads
from portability.rejections import FileRejected
from portability.tests.conftest import HEVY, STRONG, fixture_bytes

LONDON = ZoneInfo("Europe/London")
LIMITS = Limits(max_bytes=50 * 2**20, max_rows=200_000, max_zip_ratio=100, max_files=500)


def _parse(name, data=None, format="strong", unit="lb", limits=LIMITS):
    upload = Upload(name, fixture_bytes(name) if data is None else data)
    return parse_uploads([upload], format=format, weight_unit=unit, zone=LONDON, limits=limits)


def _rejected(name, data, format="strong", limits=LIMITS):
    with pytest.raises(FileRejected) as caught:
        _parse(name, data, format=format, limits=limits)
    return caught.value


def test_strong_export_sessions_sets_warmups_and_rest_timers():
    result = _parse(STRONG)
    assert result.rows_read == 1201
    assert len(result.workouts) == 52
    assert sum(len(w.sets) for w in result.workouts) == 1153
    assert {s.reason for s in result.skipped} == {"a rest timer, not a set"}
    first = result.workouts[0]
    assert first.title == "Push"
    assert first.started_at.isoformat() == "2024-01-01T17:23:18+00:00"
    assert (first.ended_at - first.started_at).total_seconds() == 56 * 60
    bench = [s for s in first.sets if s.exercise_name == "Bench Press (Barbell)"]
    assert [s.is_warmup for s in bench] == [True, True, False, False, False, False]
    assert bench[2].weight_kg == Decimal("70.31")  # 155 lb
    assert bench[2].reps == 6


def test_strong_summer_dates_are_local_time():
    april = next(w for w in _parse(STRONG).workouts if w.started_at.month == 4)
    assert april.started_at.utcoffset().total_seconds() == 3600  # BST


def test_strong_holds_and_treadmill_rows_become_timed_and_distance_sets():
    sets = [s for w in _parse(STRONG).workouts for s in w.sets]
    plank = next(s for s in sets if s.exercise_name == "Plank")
    assert plank.reps is None
    assert plank.duration_s >= 50
    assert plank.weight_kg is None
    treadmill = next(s for s in sets if s.exercise_name == "Running (Treadmill)")
    assert treadmill.distance_m > 4800  # about 3.1 miles
    assert treadmill.duration_s > 2000


def test_strong_rpe_is_empty_unless_logged():
    sets = [s for w in _parse(STRONG).workouts for s in w.sets]
    rated = [s.rpe for s in sets if s.rpe is not None]
    assert 0 < len(rated) < len(sets) / 4
    assert set(rated) <= {Decimal(v) for v in ("7", "7.5", "8", "8.5", "9")}


def test_hevy_export_units_from_header_warmups_and_notes():
    result = _parse(HEVY, format="hevy", unit="lb")  # the header says kg; the request unit is moot
    assert len(result.workouts) == 53
    assert result.skipped == []
    first = result.workouts[0]
    assert first.title == "Push Day"
    assert first.notes == 'Gym busy, "bench" taken\nswapped order'
    assert first.started_at.isoformat() == "2024-01-01T17:57:00+00:00"
    bench = [s for s in first.sets if s.exercise_name == "Bench Press (Barbell)"]
    assert bench[0].is_warmup
    assert bench[0].weight_kg == Decimal("17.50")
    assert not bench[-1].is_warmup


def test_the_three_recording_formats_read_the_same_run():
    runs = [
        _parse(name, format="activity").runs[0]
        for name in ("run_5k.gpx", "run_5k.tcx", "run_5k.fit")
    ]
    for run in runs:
        assert run.activity == "run"
        assert run.started_at.isoformat() == "2024-05-12T07:30:00+00:00"
        assert run.duration_s == 1500
        assert run.distance_m == pytest.approx(5000, abs=5)
        assert (run.avg_hr, run.max_hr) == (145, 160)
        assert len(run.splits) == 5
        assert sum(split["duration_s"] for split in run.splits) == pytest.approx(1500, abs=1)
        assert run.splits[0]["avg_hr"] < run.splits[-1]["avg_hr"]


def test_detect_format_and_hash_ignore_names_and_zipping():
    strong = Upload("a.csv", fixture_bytes(STRONG))
    assert detect_format(strong) == "strong"
    assert detect_format(Upload("b.csv", fixture_bytes(HEVY))) == "hevy"
    assert detect_format(Upload("run.FIT", b"")) == "activity"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("renamed.csv", fixture_bytes(STRONG))
    assert content_hash([strong]) != content_hash([Upload("x.csv", fixture_bytes(HEVY))])
    assert content_hash(expand([Upload("z.zip", buffer.getvalue())], LIMITS)) == content_hash(
        [strong]
    )


def test_missing_columns_are_named():
    data = b"Date,Workout Name,Exercise Name,Reps\n2024-01-01 10:00:00,A,Squat,5\n"
    error = _rejected("short.csv", data)
    assert error.code == "missing_columns"
    assert "Set Order" in error.fields["missing"]
    assert "Weight" in error.message


def test_semicolons_are_a_wrong_delimiter():
    data = fixture_bytes(STRONG).replace(b",", b";")
    error = _rejected("semicolons.csv", data)
    assert (error.code, error.fields["delimiter"]) == ("wrong_delimiter", ";")


def test_a_binary_file_named_csv_is_refused():
    error = _rejected("photo.csv", fixture_bytes("run_5k.fit"))
    assert error.code == "not_text"
    assert "binary" in error.message


def test_a_truncated_fit_file_is_refused():
    data = fixture_bytes("run_5k.fit")
    error = _rejected("cut.fit", data[: len(data) // 2], format="activity")
    assert error.code == "corrupt_file"
    assert "cut.fit" in error.message


def test_a_zip_bomb_is_refused_from_its_directory():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("huge.gpx", b"\0" * (20 * 2**20))
    assert len(buffer.getvalue()) < 100_000
    error = _rejected("bomb.zip", buffer.getvalue(), format="activity")
    assert error.code == "zip_ratio_exceeded"
    assert error.fields["ratio"] > 100


def test_rows_over_the_limit_are_refused():
    limits = Limits(max_bytes=50 * 2**20, max_rows=1000, max_zip_ratio=100, max_files=500)
    error = _rejected(STRONG, fixture_bytes(STRONG), limits=limits)
    assert error.code == "too_many_rows"
    assert "1,000" in error.message


def test_bytes_over_the_limit_are_refused_with_413():
    limits = Limits(max_bytes=10_000, max_rows=200_000, max_zip_ratio=100, max_files=500)
    error = _rejected(STRONG, fixture_bytes(STRONG), limits=limits)
    assert (error.code, error.status) == ("file_too_large", 413)


def test_bad_cells_skip_their_row_with_the_reason():
    header = fixture_bytes(STRONG).split(b"\n", 1)[0]
    data = header + (
        b'\n2024-01-01 10:00:00,"A","1h","Squat (Barbell)",1,abc,5.0,0,0.0,"","",'
        b'\n2024-01-01 10:00:00,"A","1h","Squat (Barbell)",2,100.0,5.0,0,0.0,"","",11'
        b'\n2024-01-01 10:00:00,"A","1h","Squat (Barbell)",3,100.0,5.0,0,0.0,"","",'
        b'\nyesterday,"A","1h","Squat (Barbell)",1,100.0,5.0,0,0.0,"","",\n'
    )
    result = _parse("bad_cells.csv", data, unit="kg")
    assert [s.reason for s in result.skipped] == [
        "weight 'abc' is not a number",
        "RPE '11' is outside 1-10",
        "Date 'yesterday' is not a date this export writes",
    ]
    assert [s.row for s in result.skipped] == [2, 3, 5]
    assert len(result.workouts[0].sets) == 1

"""Personal records follow the sets through every write: create, edit, delete, correction."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from training import services
from training.models import PersonalRecord, RecordKind
from training.records import LoggedSet, record_history
from training.tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def bench():
    return ExerciseFactory(slug="barbell-bench-press", name="Barbell Bench Press")


def _log(user, exercise, *sets, days_ago=1):
    rows = [{"exercise": exercise, "reps": reps, "weight_kg": Decimal(kg)} for reps, kg in sets]
    data = {"started_at": NOW - timedelta(days=days_ago)}
    return services.workout_log_create(user=user, data=data, sets=rows)


def _current(user, exercise):
    """The best value per record key, as the records API and the coach read it."""
    best: dict[tuple[str, int | None], Decimal] = {}
    for record in PersonalRecord.objects.filter(user=user, exercise=exercise):
        key = (record.kind, record.reps)
        best[key] = max(best.get(key, record.value_kg), record.value_kg)
    return best


def test_a_set_corrected_down_loses_its_record(user, bench):
    _log(user, bench, (1, "100"), days_ago=10)
    session, records = _log(user, bench, (1, "200"))
    assert {(r.kind, r.value_kg) for r in records} == {
        ("e1rm", Decimal("200.00")),
        ("rep_max", Decimal("200.00")),
    }
    heavy = session.sets.get()
    services.set_log_update(set_log=heavy, data={"weight_kg": Decimal("80")})
    assert _current(user, bench) == {
        ("e1rm", None): Decimal("100.00"),
        ("rep_max", 1): Decimal("100.00"),
    }
    assert not PersonalRecord.objects.filter(set_log=heavy).exists()


def test_a_voice_style_correction_to_a_new_best_records_it(user, bench):
    _log(user, bench, (5, "100"), days_ago=10)
    session, records = _log(user, bench, (5, "95"))
    assert records == []
    last = session.sets.get()
    # what the voice correction "actually the last set was 110" calls
    services.set_log_update(set_log=last, data={"weight_kg": Decimal("110")})
    held = {(r.kind, r.reps): r.value_kg for r in PersonalRecord.objects.filter(set_log=last)}
    assert held == {("e1rm", None): Decimal("128.33"), ("rep_max", 5): Decimal("110.00")}


def test_workout_edit_through_the_api_drops_the_record_of_the_old_value(auth_client, bench):
    body = {
        "started_at": (NOW - timedelta(hours=1)).isoformat(),
        "sets": [{"exercise": bench.pk, "reps": 1, "weight_kg": 200}],
    }
    created = auth_client.post("/api/workouts/", body, format="json").data
    set_id = created["sets"][0]["id"]
    fixed = {"sets": [{"id": set_id, "exercise": bench.pk, "reps": 1, "weight_kg": 80}]}
    response = auth_client.patch(f"/api/workouts/{created['id']}/", fixed, format="json")
    assert response.status_code == 200, response.data
    listed = auth_client.get("/api/personal-records/", {"exercise": bench.pk}).data["results"]
    assert sorted((row["kind"], row["value_kg"]) for row in listed) == [
        ("e1rm", Decimal("80.00")),
        ("rep_max", Decimal("80.00")),
    ]


def test_deleting_the_set_or_the_workout_brings_back_the_earlier_best(user, bench):
    _log(user, bench, (3, "100"), days_ago=10)
    session, _ = _log(user, bench, (3, "120"), (3, "110"))
    top = session.sets.get(weight_kg=Decimal("120"))
    services.set_log_delete(set_log=top)
    assert _current(user, bench)[("rep_max", 3)] == Decimal("110.00")
    services.workout_log_delete(session=session)
    assert _current(user, bench)[("rep_max", 3)] == Decimal("100.00")
    assert PersonalRecord.objects.filter(user=user).count() == 2


def test_a_backfilled_heavier_session_means_the_later_one_set_no_record(user, bench):
    _, records = _log(user, bench, (5, "100"), days_ago=1)
    assert len(records) == 2
    _, backfilled = _log(user, bench, (5, "105"), days_ago=30)
    assert len(backfilled) == 2
    rows = PersonalRecord.objects.filter(user=user)
    assert {r.value_kg for r in rows.filter(kind=RecordKind.REP_MAX)} == {Decimal("105.00")}


def test_delete_through_the_api_recomputes(auth_client, user, bench):
    _log(user, bench, (1, "100"), days_ago=10)
    session, _ = _log(user, bench, (1, "150"))
    assert auth_client.delete(f"/api/workouts/{session.pk}/").status_code == 204
    assert _current(user, bench)[("e1rm", None)] == Decimal("100.00")


def test_history_keeps_one_record_per_key_per_session_in_order():
    def logged(set_id, session_id, day, reps, kg):
        return LoggedSet(
            set_id, 1, session_id, NOW + timedelta(days=day), reps, Decimal(kg), None, None, False
        )

    history = record_history(
        [
            logged(1, 10, 0, 5, "100"),
            logged(2, 10, 0, 5, "102.5"),  # same session: only its best counts
            logged(3, 11, 1, 5, "102.5"),  # a tie is no record
            logged(4, 12, 2, 5, "105"),
        ]
    )
    rep_max = [(row.set_log_id, row.value_kg) for row in history if row.key[1] == "rep_max"]
    assert rep_max == [(2, Decimal("102.5")), (4, Decimal("105"))]


def test_timed_holds_and_carries_hold_no_load_record(user):
    """Issue 14: a hold's record is its duration (a hold record), never an e1RM or rep max."""
    plank = ExerciseFactory(slug="plank", bodyweight=True)
    _, records = services.workout_log_create(
        user=user,
        data={"started_at": NOW},
        sets=[{"exercise": plank, "duration_s": 60, "weight_kg": Decimal("20")}],
    )
    assert [(r.kind, r.duration_s, r.value_kg) for r in records] == [("hold", 60, Decimal("20"))]


def test_record_writes_send_the_signals_that_refresh_the_coach_context(user, bench):
    seen = []

    def saw(sender, instance, **kwargs):
        seen.append((kwargs.get("created", "deleted"), instance.value_kg))

    post_save.connect(saw, sender=PersonalRecord, dispatch_uid="test-records-saw")
    post_delete.connect(saw, sender=PersonalRecord, dispatch_uid="test-records-saw-del")
    try:
        session, _ = _log(user, bench, (1, "150"))
        services.set_log_update(set_log=session.sets.get(), data={"weight_kg": Decimal("160")})
        services.workout_log_delete(session=session)
    finally:
        post_save.disconnect(dispatch_uid="test-records-saw", sender=PersonalRecord)
        post_delete.disconnect(dispatch_uid="test-records-saw-del", sender=PersonalRecord)
    assert seen == [
        (True, Decimal("150.00")),
        (True, Decimal("150.00")),
        (False, Decimal("160.00")),
        (False, Decimal("160.00")),
        ("deleted", Decimal("160.00")),
        ("deleted", Decimal("160.00")),
    ]


def test_a_spoken_correction_to_a_new_best_shows_in_personal_records(auth_client):
    """ "actually the last set was 235" after 3 x 5 at 225 lb: the corrected set holds the best."""
    from training.services import exercise_catalog_load

    exercise_catalog_load()
    logged = auth_client.post("/api/voice/log", {"transcript": "bench press 3 sets of 5 at 225"})
    assert logged.status_code == 201, logged.json()
    session_id = logged.json()["session"]["id"]
    amended = auth_client.post(
        "/api/voice/log",
        {"transcript": "actually the last set was 235", "session_id": session_id},
    )
    assert amended.status_code == 200, amended.json()
    last = amended.json()["amended_set_id"]
    records = auth_client.get("/api/personal-records/").data["results"]
    held = {
        (row["kind"], row["reps"]): row["value_kg"] for row in records if row["set_log"] == last
    }
    assert held == {("e1rm", None): Decimal("124.36"), ("rep_max", 5): Decimal("106.59")}


def test_incremental_recomputes_match_a_full_rebuild_after_random_writes(user):
    """Each write walks only the sessions from its own start on; the result is the full rebuild."""
    import random

    from training.records import personal_records_recompute

    rng = random.Random(20261201)
    lifts = [ExerciseFactory(), ExerciseFactory()]
    sessions = []
    for _ in range(100):
        op = rng.random()
        if op < 0.4 or not sessions:
            sets = [
                (rng.choice([1, 3, 5, 8]), str(rng.randrange(60, 140, 5)))
                for _ in range(rng.randint(1, 4))
            ]
            session, _ = _log(user, rng.choice(lifts), *sets, days_ago=rng.randint(0, 60))
            sessions.append(session)
        elif op < 0.5:  # a timed hold or a carry: records compared on seconds or load
            hold = {"exercise": rng.choice(lifts), "duration_s": rng.randrange(20, 120, 10)}
            carry = {"exercise": rng.choice(lifts), "distance_m": 40.0,
                     "weight_kg": Decimal(rng.randrange(20, 60, 4))}  # fmt: skip
            started = {"started_at": NOW - timedelta(days=rng.randint(0, 60))}
            session, _ = services.workout_log_create(user=user, data=started, sets=[hold, carry])
            sessions.append(session)
        elif op < 0.65:
            set_log = rng.choice(list(rng.choice(sessions).sets.all()) or [None])
            if set_log is not None:
                weight = Decimal(rng.randrange(60, 160, 5))
                services.set_log_update(set_log=set_log, data={"weight_kg": weight})
        elif op < 0.9:
            session = rng.choice(sessions)
            moved = NOW - timedelta(days=rng.randint(0, 60))
            services.workout_log_update(session=session, data={"started_at": moved}, sets=None)
        else:
            services.workout_log_delete(session=sessions.pop(rng.randrange(len(sessions))))
    fields = ("exercise_id", "kind", "reps", "value_kg", "duration_s", "set_log_id")
    rows = set(PersonalRecord.objects.values_list(*fields))
    assert personal_records_recompute(user_id=user.pk, exercise_ids=[e.pk for e in lifts]) == []
    assert set(PersonalRecord.objects.values_list(*fields)) == rows
    assert {kind for _, kind, *_ in rows} >= {"e1rm", "rep_max", "hold", "carry"}


def test_rebuild_command_drops_a_record_whose_set_is_gone(user, bench):
    from io import StringIO

    from django.core.management import call_command

    from training.tests.factories import PersonalRecordFactory

    _log(user, bench, (1, "100"))
    orphan = PersonalRecordFactory(user=user, exercise=bench, value_kg=Decimal("200"))  # no set
    out = StringIO()
    call_command("rebuild_records", user=user.pk, stdout=out)
    assert not PersonalRecord.objects.filter(pk=orphan.pk).exists()
    assert _current(user, bench)[("e1rm", None)] == Decimal("100.00")
    assert "1 athletes" in out.getvalue()


def test_a_shorter_hold_after_a_longer_one_sets_no_record(user):
    """Holds compare seconds, not the load stored with them, when only new sessions are read."""
    plank = ExerciseFactory(slug="plank", bodyweight=True)

    def hold(seconds, days_ago):
        data = {"started_at": NOW - timedelta(days=days_ago)}
        sets = [{"exercise": plank, "duration_s": seconds}]
        return services.workout_log_create(user=user, data=data, sets=sets)[1]

    assert [r.duration_s for r in hold(90, days_ago=10)] == [90]
    assert hold(30, days_ago=1) == []
    assert [r.duration_s for r in hold(120, days_ago=0)] == [120]

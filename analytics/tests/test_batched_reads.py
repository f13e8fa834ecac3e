"""The analytics' reads: prepared once, bound per call, several in one round trip, each giving
the rows its plain queryset gives."""

from datetime import timedelta

import pytest
from django.db.models import Count, IntegerField

from analytics.athlete import athlete_for
from analytics.deload import checkins_query, deload_metrics, program_deload_query
from analytics.loads import load_rows_query
from analytics.strength import hard_sets_query, set_rows_query
from analytics.tests.history import AS_OF, build
from core.db.batch import fetch_together
from core.db.prepared import Arg, PreparedQuery
from training.models import SetLog

pytestmark = pytest.mark.django_db

SETS_PER_SESSION = PreparedQuery(
    lambda: (
        SetLog.objects.filter(session__user_id=Arg("user_id", IntegerField()))
        .values("session_id")
        .annotate(sets=Count("id"))
        .order_by("session_id")
        .values_list("session_id", "sets")
    )
)


def test_a_prepared_query_binds_each_calls_values(user, other_user):
    build(user)
    mine = SETS_PER_SESSION.bind({"user_id": user.pk}).rows()
    expected = list(
        SetLog.objects.filter(session__user_id=user.pk)
        .values("session_id")
        .annotate(sets=Count("id"))
        .order_by("session_id")
        .values_list("session_id", "sets")
    )
    assert mine == expected
    assert len(mine) > 10
    assert SETS_PER_SESSION.bind({"user_id": other_user.pk}).rows() == []  # compiled once


def test_the_deload_reads_come_in_one_round_trip(user, django_assert_num_queries):
    build(user)
    athlete = athlete_for(user)
    queries = [
        load_rows_query(athlete, AS_OF - timedelta(days=27), AS_OF),
        set_rows_query(athlete, AS_OF - timedelta(weeks=8) + timedelta(days=1), AS_OF),
        checkins_query(user.pk, AS_OF),
        hard_sets_query(athlete, AS_OF - timedelta(weeks=52), AS_OF),
        program_deload_query(user.pk),
    ]
    one_by_one = [query.rows() for query in queries]
    assert all(one_by_one[:2])
    assert one_by_one[3]
    with django_assert_num_queries(1):
        assert fetch_together(*queries) == one_by_one
    with django_assert_num_queries(1):
        deload_metrics(athlete, AS_OF)


def test_fetch_together_takes_querysets_and_empty_ones(user):
    build(user)
    sets = SetLog.objects.filter(session__user_id=user.pk).order_by("id").values_list("id", "reps")
    nothing = SetLog.objects.filter(id__in=[]).values_list("id")
    rows, empty = fetch_together(sets, nothing)
    assert rows == list(sets)
    assert empty == []
    with pytest.raises(ValueError, match="values_list"):
        fetch_together(SetLog.objects.all())


def test_without_client_side_binding_the_reads_go_one_by_one(
    user, monkeypatch, django_assert_num_queries
):
    import core.db.batch

    build(user)
    athlete = athlete_for(user)
    queries = [checkins_query(user.pk, AS_OF), set_rows_query(athlete, AS_OF, AS_OF)]
    together = fetch_together(*queries)
    monkeypatch.setattr(core.db.batch, "ClientCursor", type("ServerBound", (), {}))
    with django_assert_num_queries(2):
        assert fetch_together(*queries) == together

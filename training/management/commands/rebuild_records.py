"""Rebuild every athlete's personal records from their sets (once, after upgrading)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from training.models import SetLog
from training.records import personal_records_recompute


class Command(BaseCommand):
    help = (
        "Recompute personal records from the logged sets for every athlete (or --user ID): drops "
        "records a deleted or corrected set still held from before records followed the data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", type=int, help="only this user id")

    def handle(self, *args: Any, user: int | None, **options: Any) -> None:
        pairs = SetLog.objects.values_list("session__user_id", "exercise_id").distinct()
        if user is not None:
            pairs = pairs.filter(session__user_id=user)
        exercises: dict[int, set[int]] = {}
        for user_id, exercise_id in pairs:
            exercises.setdefault(user_id, set()).add(exercise_id)
        changed = 0
        for user_id, exercise_ids in exercises.items():
            with transaction.atomic():
                changed += len(
                    personal_records_recompute(user_id=user_id, exercise_ids=exercise_ids)
                )
        self.stdout.write(f"records: {len(exercises)} athletes, {changed} records set or moved")

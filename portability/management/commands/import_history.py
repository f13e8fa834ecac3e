"""``import_history --user EMAIL FILE...``: the API's import, run here with a progress bar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from accounts.models import User
from portability import services
from portability.archive import Upload
from portability.mapping import overrides_check
from portability.models import ImportStatus
from portability.reading import FORMATS, detect_format
from portability.rejections import FileRejected
from training.models import Exercise


class ProgressBars:
    """One tqdm bar per stage (reading, writing, records), fed by the import's reporter."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.stage = ""
        self.bar: tqdm | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(total=total, desc=stage, unit="row", file=self.stream, leave=True)
        if self.bar is not None:
            self.bar.total = total
            self.bar.n = done
            self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class Command(BaseCommand):
    help = "Import Strong/Hevy CSV exports or GPX/TCX/FIT files into an athlete's history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--user", required=True, help="the athlete's email")
        parser.add_argument("--format", choices=FORMATS, help="default: from the files")
        parser.add_argument("--unit", choices=("kg", "lb"), help="Strong's weight unit")
        parser.add_argument("--timezone", help="IANA zone of the export's times")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="NAME=SLUG",
            help="map an exporter name to a catalog slug (or =skip); repeatable",
        )
        parser.add_argument(
            "--yes", action="store_true", help="accept the proposed mapping of unsure names"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["user"]).select_related("profile").first()
        if user is None:
            raise CommandError(f"No user {options['user']}.")
        uploads = [Upload(path.name, self._read(path)) for path in options["files"]]
        profile = getattr(user, "profile", None)
        try:
            job, created = services.import_job_create(
                user=user,
                uploads=uploads,
                format=options["format"] or detect_format(uploads[0]),
                weight_unit=options["unit"] or (profile.weight_unit if profile else "kg"),
                timezone_name=options["timezone"] or getattr(profile, "timezone", "UTC"),
                queue=False,
            )
        except FileRejected as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        if not created:
            self.stdout.write(f"Already imported as import {job.pk} ({job.status}); nothing new.")
            return
        bars = ProgressBars(self.stderr._out)
        job = services.import_job_read(job=job, progress=bars)
        if job.status == ImportStatus.NEEDS_CONFIRMATION:
            self._report(job.mapping)
            overrides = self._overrides(job.mapping, options["map"])
            if not options["yes"] and not overrides:
                self.stdout.write(
                    f"Import {job.pk} waits for confirmation: rerun with --yes or --map, or "
                    f"POST /api/imports/{job.pk}/confirm."
                )
                return
            job = services.import_job_confirm(job=job, overrides=overrides, queue=False)
            job = services.import_job_run(job=job, progress=bars)
        bars.close()
        if job.status == ImportStatus.FAILED:
            raise CommandError(f"Import {job.pk} failed: {job.error.get('message')}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Import {job.pk}: {job.sessions_created} sessions, {job.sets_created} sets, "
                f"{job.runs_created} runs; {job.rows_skipped} rows skipped."
            )
        )

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc

    def _report(self, mapping: list[dict[str, Any]]) -> None:
        for entry in mapping:
            target = entry["exercise"]["name"] if entry["exercise"] else "-"
            flag = "  <- confirm" if entry["needs_confirmation"] else ""
            self.stdout.write(
                f"  {entry['name']} -> {target} ({entry['confidence']:.2f}, {entry['sets']} sets)"
                f"{flag}"
            )

    def _overrides(self, mapping: list[dict[str, Any]], pairs: list[str]) -> dict[str, int | None]:
        overrides: dict[str, int | None] = {}
        for pair in pairs:
            name, _, slug = pair.rpartition("=")
            if not name:
                raise CommandError(f"--map {pair!r}: expected NAME=SLUG.")
            if slug == "skip":
                overrides[name] = None
                continue
            exercise = Exercise.objects.filter(slug=slug).first()
            if exercise is None:
                raise CommandError(f"--map {pair!r}: no exercise with slug {slug!r}.")
            overrides[name] = exercise.pk
        problems = overrides_check(mapping, overrides)
        if problems:
            raise CommandError(f"--map: {problems}")
        return overrides

"""The analytics AI endpoints: fatigue, deload, insights and running analysis, on AIEndpointView."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request

from analytics.athlete import athlete_for
from analytics.deload import deload_metrics
from analytics.fatigue import fatigue_metrics, zone_for
from analytics.insights import insights_metrics
from analytics.running import RunData, run_metrics, splits_from_samples
from coach import narratives
from coach.analytics_serializers import (
    AsOfInputSerializer,
    DeloadMetricsSerializer,
    FatigueMetricsSerializer,
    InsightsInputSerializer,
    InsightsMetricsSerializer,
    RunAnalyzeInputSerializer,
    RunMetricsSerializer,
)
from coach.pipeline import AIEndpointView
from coach.serializers import ErrorSerializer
from core.errors import PayloadTooLarge
from training.activity_files import Activity, ActivityFileError, parse_activity
from training.models import RunSession
from training.services import run_log_create, run_log_create_once


class FatigueView(AIEndpointView):
    """Training load for a day: ACWR (rolling and EWMA), monotony, strain, CTL/ATL/TSB, zone."""

    endpoint = "/api/analytics/fatigue"
    input_serializer_class = AsOfInputSerializer
    metrics_serializer_class = FatigueMetricsSerializer
    prompt_id = "fatigue"

    def compute(self, *, user: Any, validated: dict, context: dict) -> dict[str, Any]:
        return fatigue_metrics(athlete_for(user, context), validated["as_of"])

    def rag_request(self, validated: dict, metrics: dict) -> dict[str, Any]:
        # the zone and what is flagged, not the numbers: the knowledge is per state, and a
        # coarse request lets retrieval's cache answer
        return {"zone": metrics["zone"], "flags": sorted(f["code"] for f in metrics["flags"])}

    def offline_narrative(self, *, metrics: dict, chunks: list, context: dict) -> str:
        return narratives.fatigue(metrics, chunks, context)


class DeloadView(AIEndpointView):
    """Whether to deload now (two of four fatigue signals), why, and the deload week to run."""

    endpoint = "/api/analytics/deload"
    input_serializer_class = AsOfInputSerializer
    metrics_serializer_class = DeloadMetricsSerializer
    prompt_id = "deload"

    def compute(self, *, user: Any, validated: dict, context: dict) -> dict[str, Any]:
        return deload_metrics(athlete_for(user, context), validated["as_of"])

    def rag_request(self, validated: dict, metrics: dict) -> dict[str, Any]:
        # whether to deload and the load zone, not the numbers (coarse: retrieval's cache answers)
        return {
            "recommended": metrics["recommended"],
            "zone": zone_for(metrics["signals"]["acwr_rolling"]),
        }

    def offline_narrative(self, *, metrics: dict, chunks: list, context: dict) -> str:
        return narratives.deload(metrics, chunks, context)


class InsightsView(AIEndpointView):
    """Weekly hard sets per muscle, e1RM trends per lift, stalled lifts, PRs by rep bracket."""

    endpoint = "/api/workout/insights"
    input_serializer_class = InsightsInputSerializer
    metrics_serializer_class = InsightsMetricsSerializer
    prompt_id = "insights"

    def compute(self, *, user: Any, validated: dict, context: dict) -> dict[str, Any]:
        return insights_metrics(athlete_for(user, context), validated["weeks"], validated["as_of"])

    def rag_request(self, validated: dict, metrics: dict) -> dict[str, Any]:
        # the lifts the athlete trains, best-progressing first, so retrieval speaks to them
        ranked = sorted(metrics["lifts"], key=lambda lift: -(lift["change_pct"] or 0))
        return {"lifts": [lift["name"] for lift in ranked]}

    def offline_narrative(self, *, metrics: dict, chunks: list, context: dict) -> str:
        return narratives.insights(metrics, chunks, context)


class RunAnalyzeView(AIEndpointView):
    """One run (a stored run's id, raw data, or a GPX/TCX/FIT file): pace, splits, drift, zones,
    TRIMP, VDOT for race-like efforts, and how it compares with recent runs."""

    endpoint = "/api/running/analyze"
    method = "post"
    parser_classes = [JSONParser, MultiPartParser]
    input_serializer_class = RunAnalyzeInputSerializer
    metrics_serializer_class = RunMetricsSerializer
    prompt_id = "running"
    extra_responses = {
        404: OpenApiResponse(ErrorSerializer, description="No such run of yours."),
        413: OpenApiResponse(ErrorSerializer, description="The file is over the size limit."),
    }

    def validate(self, request: Request) -> dict[str, Any]:
        validated = super().validate(request)
        upload = validated.pop("file", None)
        if upload is not None:
            if upload.size > settings.RUN_FILE_MAX_BYTES:
                limit_mb = settings.RUN_FILE_MAX_BYTES // (1024 * 1024)
                raise PayloadTooLarge(f"The file is over {limit_mb} MB.")
            data = upload.read()
            try:
                validated["activity"] = parse_activity(data, upload.name or "")
            except ActivityFileError as exc:
                raise ValidationError({"file": [str(exc)]}) from exc
            validated["file_sha256"] = hashlib.sha256(data).hexdigest()
        return validated

    def cache_key_data(self, validated: dict[str, Any]) -> Any:
        return {key: value for key, value in validated.items() if key != "activity"}

    def compute(self, *, user: Any, validated: dict, context: dict) -> dict[str, Any]:
        run = self.run_data(user, validated)
        if validated["save"]:
            run.run_id = self.save_run(user, run).pk
        return run_metrics(athlete_for(user, context), run)

    def run_data(self, user: Any, validated: dict[str, Any]) -> RunData:
        rpe, race = validated.get("rpe"), validated["race"]
        if "run_id" in validated:
            stored = RunSession.objects.filter(pk=validated["run_id"], user=user).first()
            if stored is None:
                raise NotFound("No run of yours has that id.")
            return RunData(
                distance_m=stored.distance_m,
                duration_s=stored.duration_s,
                started_at=stored.started_at,
                avg_hr=stored.avg_hr,
                max_hr=stored.max_hr,
                rpe=stored.rpe if stored.rpe is not None else rpe,
                race=race,
                splits=list(stored.splits or []),
                run_id=stored.pk,
            )
        if "activity" in validated:
            return self.from_activity(validated["activity"], rpe, race)
        raw = validated["run"]
        return RunData(
            distance_m=raw["distance_m"],
            duration_s=raw["duration_s"],
            started_at=raw.get("started_at"),
            avg_hr=raw.get("avg_hr"),
            max_hr=raw.get("max_hr"),
            rpe=raw.get("rpe", rpe),
            race=race,
            splits=[dict(split) for split in raw.get("splits", [])],
        )

    @staticmethod
    def from_activity(activity: Activity, rpe: int | None, race: bool) -> RunData:
        return RunData(
            distance_m=activity.distance_m,
            duration_s=activity.duration_s,
            started_at=activity.started_at,
            avg_hr=activity.avg_hr,
            max_hr=activity.max_hr,
            rpe=rpe,
            race=race,
            samples=activity.samples,
        )

    @staticmethod
    def save_run(user: Any, run: RunData) -> RunSession:
        """Store the run; a run with its own start time is stored once (a retried upload of the
        same file answers with the run already saved)."""
        splits = splits_from_samples(run.samples) if run.samples else run.splits
        data = {
            "started_at": run.started_at or timezone.now(),
            "distance_m": run.distance_m,
            "duration_s": max(1, round(run.duration_s)),
            "avg_hr": round(run.avg_hr) if run.avg_hr else None,
            "max_hr": round(run.max_hr) if run.max_hr else None,
            "rpe": run.rpe,
            "splits": [
                {"distance_m": s["distance_m"], "duration_s": s["duration_s"]} for s in splits
            ],
        }
        if run.started_at is None:
            return run_log_create(user=user, data=data)
        return run_log_create_once(user=user, data=data)[0]

    def offline_narrative(self, *, metrics: dict, chunks: list, context: dict) -> str:
        return narratives.running(metrics, chunks, context)

    def rag_request(self, validated: dict, metrics: dict) -> dict[str, Any]:
        return {"run": {"distance_m": metrics["distance_m"]}}

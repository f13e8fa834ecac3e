"""The program endpoints that follow the AI pipeline: generate (strength, running) and the
adherence report. The numbers and the plan come from programs; this module adds retrieval and the
narrative, and hands long generations to a Celery job."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.postgres.aggregates import ArrayAgg
from django.db import transaction
from django.db.models import DateField, F, IntegerField, Q, QuerySet
from django.db.models.functions import JSONObject
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from coach.context import ContextSection, build_context, context_zone, register_section
from coach.pipeline import AIEndpointView, citation_blocks
from coach.serializers import CitationSerializer, ErrorSerializer, UsageSerializer
from core import llm
from core.db.prepared import Arg, BoundQuery, PreparedQuery
from core.serializers import Serializer
from programs import services
from programs.adherence import adherence_for
from programs.models import Program, Status
from programs.plan import RUNNING, STRENGTH
from programs.selectors import programs_for
from programs.serializers import (
    AdherenceInputSerializer,
    AdherenceMetricsSerializer,
    GenerationJobSerializer,
    ProgramMetricsSerializer,
    ProgramOutputSerializer,
    RunningQuestionnaireSerializer,
    StrengthQuestionnaireSerializer,
)
from programs.signals import program_generated
from programs.sources import local_today
from programs.tasks import generate_program
from rag.service import rag_service
from training.localtime import local_date

WEEKDAYS = ("", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class GeneratedProgramSerializer(ProgramOutputSerializer):
    """A generated program with the AI pipeline's keys (``narrative``, ``citations``, ...)."""

    metrics = ProgramMetricsSerializer()
    citations = CitationSerializer(many=True)
    model = serializers.CharField()
    cached = serializers.BooleanField()
    usage = UsageSerializer()

    class Meta(ProgramOutputSerializer.Meta):
        fields = [*ProgramOutputSerializer.Meta.fields, "metrics", "model", "cached", "usage"]


def _pace(seconds: float) -> str:
    """Seconds per km as m:ss."""
    total = round(seconds)
    return f"{total // 60}:{total % 60:02d}"


class GenerateQuerySerializer(Serializer):
    sync = serializers.BooleanField(
        required=False, default=False, help_text="Answer 201 with the program."
    )


class ProgramGenerateView(AIEndpointView):
    """Base of both generate endpoints: 202 + a job by default, 201 with the program on ?sync=1."""

    kind = ""
    method = "post"
    prompt_id = "program"
    max_chunks = 4
    cache_responses = False
    response_status = status.HTTP_201_CREATED

    def create(self, request: Request) -> Response:
        """POST: the pipeline's ``post`` is replaced by this one below, with its schema."""
        query = GenerateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if not query.validated_data["sync"]:
            validated = self.validate(request)
            job = services.generation_job_create(
                user=request.user, kind=self.kind, questionnaire=validated
            )
            transaction.on_commit(lambda: generate_program.delay(str(job.pk)))
            location = f"/api/program/jobs/{job.pk}"
            body = GenerationJobSerializer(job).data
            return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": location})
        response = self.handle(request)
        program = Program.objects.get(pk=response.data["metrics"]["program_id"])
        services.program_narrative_set(
            program=program,
            narrative=response.data["narrative"],
            citations=response.data["citations"],
            provider=response.data["provider"],
        )
        return response

    def compute(self, *, user: Any, validated: dict[str, Any], context: dict[str, Any]) -> dict:
        try:
            generated = services.program_generate(user=user, kind=self.kind, data=validated)
        except services.ProgramInfeasible as exc:
            raise exceptions.ValidationError({"non_field_errors": [str(exc)]}) from exc
        except services.ProgramRejected as exc:
            raise exceptions.ValidationError(
                {"violations": [v.as_dict() for v in exc.violations]}
            ) from exc
        return program_metrics(generated.program, generated)

    def extra_body(self, metrics: dict[str, Any]) -> dict[str, Any]:
        program = programs_for_id(metrics["program_id"])
        body = dict(ProgramOutputSerializer(program).data)
        for key in ("narrative", "citations", "provider"):
            body.pop(key)
        return body

    def narrate_saved(self, program: Program, questionnaire: dict[str, Any]) -> None:
        """The narrative for a program a background job saved (the same hooks as a request)."""
        context = build_context(program.user)
        numbers = program_metrics(program, None)
        rag = rag_service.get_rag_context(
            self.endpoint, self.rag_request(questionnaire, numbers), context, self.max_chunks
        )
        blocks = citation_blocks(rag["chunks"])
        result, _ = self.narrate(llm.get_provider(), questionnaire, numbers, blocks, context)
        services.program_narrative_set(
            program=program,
            narrative=result.text,
            citations=[{k: b[k] for k in ("n", "chunk_id", "title", "namespace")} for b in blocks],
            provider=result.provider,
        )

    def question(self, validated: dict[str, Any], metrics: dict[str, Any]) -> str:
        return (
            "Explain this generated plan to the athlete: why this structure and progression, how "
            "the deloads or taper work, and any exercise changes made for injuries. Cite sources."
        )


def programs_for_id(program_id: int) -> Program:
    program = Program.objects.select_related("user").get(pk=program_id)
    return programs_for(program.user).get(pk=program_id)


def program_metrics(program: Program, generated: services.Generated | None) -> dict[str, Any]:
    proposal: dict[str, Any] = {"status": "none", "violations": []}
    if generated is not None:
        proposal = {
            "status": generated.proposal,
            "violations": [v.as_dict() for v in generated.proposal_violations],
        }
    sessions = sum(week.sessions.count() for week in program.weeks.all())
    return {
        "program_id": program.pk,
        "kind": program.kind,
        "generator": program.generator,
        "weeks": program.week_count,
        "sessions": sessions,
        "facts": program.facts,
        "adjustments": program.adjustments,
        "proposal": proposal,
    }


def _cite(chunks: list[dict[str, Any]]) -> str:
    return f" [{chunks[0]['n']}]" if chunks else ""


class StrengthGenerateView(ProgramGenerateView):
    """Generate a strength program from the questionnaire (fields default to the profile)."""

    kind = STRENGTH
    endpoint = "/api/program/generate/strength"
    input_serializer_class = StrengthQuestionnaireSerializer

    def rag_request(self, validated: dict[str, Any], metrics: dict[str, Any]) -> dict[str, Any]:
        return {
            "goal": validated.get("goal") or metrics["facts"].get("template"),
            "days_per_week": validated.get("days_per_week"),
            "experience": validated.get("experience_level", ""),
        }

    def offline_narrative(self, *, metrics, chunks, context):  # type: ignore[no-untyped-def]
        facts = metrics["facts"]
        template = {
            "linear": "linear progression: the same sets each week with a little more on the bar, "
            "which is how a newer lifter gains fastest",
            "5/3/1": "5/3/1: a training max of 90 % of your 1RM, three-week waves at 65-95 % of "
            "it and a fourth, lighter week",
            "rir_hypertrophy": "an RIR-based hypertrophy block: reps in reserve go 3, 2, 1, 0 "
            "over the accumulation weeks, so effort climbs while the sets stay the same",
        }[facts["template"]]
        deloads = ", ".join(str(w) for w in facts.get("deload_weeks", [])) or "none"
        parts = [
            f"This is a {metrics['weeks']}-week {facts['split']} plan ({metrics['sessions']} "
            f"sessions) built on {template}{_cite(chunks)}.",
            f"Deload weeks: {deloads}: fewer sets, about 10 % lighter, two more reps in reserve.",
        ]
        parts += [a["message"] for a in metrics["adjustments"]]
        if metrics["proposal"]["status"] == "discarded":
            parts.append("A suggested variation broke a training bound and was not used.")
        return " ".join(parts)


class RunningGenerateView(ProgramGenerateView):
    """Generate a running program from a recent race (VDOT paces), ending on the race date."""

    kind = RUNNING
    endpoint = "/api/program/generate/running"
    input_serializer_class = RunningQuestionnaireSerializer

    def validate(self, request: Request) -> dict[str, Any]:
        serializer = RunningQuestionnaireSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def rag_request(self, validated: dict[str, Any], metrics: dict[str, Any]) -> dict[str, Any]:
        return {"goal": validated["goal"], "current_weekly_km": validated["current_weekly_km"]}

    def offline_narrative(self, *, metrics, chunks, context):  # type: ignore[no-untyped-def]
        facts = metrics["facts"]
        paces = facts["paces_s_per_km"]
        km = facts["weekly_km"]
        parts = [
            f"Your recent race puts you at VDOT {facts['vdot']}: easy runs at "
            f"{_pace(paces['E'][0])}-{_pace(paces['E'][1])} per km, threshold at "
            f"{_pace(paces['T'][0])}-{_pace(paces['T'][1])}, intervals at "
            f"{_pace(paces['I'][0])}-{_pace(paces['I'][1])}{_cite(chunks)}.",
            f"Volume goes from {km[0]:g} to a peak of {max(km):g} km a week, never more than 10 % "
            "above the highest week so far, with a lighter week at least every fourth week; at "
            "least three quarters of every week is easy running.",
        ]
        if facts.get("taper_weeks"):
            parts.append(
                f"The last {facts['taper_weeks']} week(s) taper the volume so you arrive fresh; "
                "the race is the final session."
            )
        return " ".join(parts)


_GENERATE_SCHEMA: dict[str, Any] = {
    "responses": {
        201: GeneratedProgramSerializer,
        202: OpenApiResponse(
            GenerationJobSerializer, description="Queued; poll the job at the Location header."
        ),
        422: OpenApiResponse(ErrorSerializer, description="The plan broke a training bound."),
    },
    "parameters": [GenerateQuerySerializer],
}


def _generate_post(input_serializer: type[serializers.Serializer]) -> Any:
    """Each generate view's ``post``: its own function, so each carries its own schema."""

    def post(self: ProgramGenerateView, request: Request) -> Response:
        return self.create(request)

    return extend_schema(request=input_serializer, **_GENERATE_SCHEMA)(post)


StrengthGenerateView.post = _generate_post(StrengthQuestionnaireSerializer)  # type: ignore[method-assign]
RunningGenerateView.post = _generate_post(RunningQuestionnaireSerializer)  # type: ignore[method-assign]


class AdherenceReportView(AIEndpointView):
    """Planned versus completed training against the active programs, per week."""

    endpoint = "/api/adherence/report"
    method = "get"
    input_serializer_class = AdherenceInputSerializer
    metrics_serializer_class = AdherenceMetricsSerializer
    prompt_id = "adherence"
    max_chunks = 3

    def compute(self, *, user: Any, validated: dict[str, Any], context: dict[str, Any]) -> dict:
        return adherence_for(user, weeks=validated["weeks"])

    def cache_key_data(self, validated: dict[str, Any]) -> Any:
        return {**validated, "today": local_today(self.request.user).isoformat()}

    def rag_request(self, validated: dict[str, Any], metrics: dict[str, Any]) -> dict[str, Any]:
        return {"question": "training consistency, missed sessions and getting back on track"}

    def offline_narrative(self, *, metrics, chunks, context):  # type: ignore[no-untyped-def]
        if not metrics["programs"]:
            return "There is no active program to compare your training with; activate one first."
        rate = metrics["adherence"]
        parts = [
            f"You completed {metrics['completed_sessions']} of {metrics['planned_sessions']} "
            f"planned sessions" + (f" ({rate:.0%})" if rate is not None else "") + ".",
            f"Current streak: {metrics['current_streak_weeks']} week(s) at 80 % or better "
            f"(longest {metrics['longest_streak_weeks']}){_cite(chunks)}.",
        ]
        if metrics["most_missed_weekdays"]:
            day = metrics["most_missed_weekdays"][0]
            parts.append(f"{WEEKDAYS[day['weekday']]} is the day you miss most ({day['missed']}).")
        if metrics["realignment"]:
            parts.append(metrics["realignment"]["message"])
        return " ".join(parts)


def narrate_generated(sender: Any, program: Program, questionnaire: dict, **kwargs: Any) -> None:
    """The ``program_generated`` receiver: a background job's program gets its narrative."""
    view = StrengthGenerateView() if program.kind == STRENGTH else RunningGenerateView()
    view.narrate_saved(program, questionnaire)


class ActiveProgramSection(ContextSection):
    """The active programs and their planned sessions of the next seven days (one query)."""

    name = "active_program"
    batched = True
    horizon_days = 7
    fields = ("kind", "goal", "generator", "start_date", "week_count", "race_date")

    @staticmethod
    def _programs() -> QuerySet[Any, Any]:
        upcoming = Q(
            weeks__sessions__planned_date__gte=Arg("first_day", DateField()),
            weeks__sessions__planned_date__lt=Arg("after_last_day", DateField()),
        )
        session = JSONObject(
            date=F("weeks__sessions__planned_date"),
            title=F("weeks__sessions__title"),
            week=F("weeks__index"),
            focus=F("weeks__focus"),
        )
        fields = ActiveProgramSection.fields
        return (
            Program.objects.filter(user_id=Arg("user_id", IntegerField()), status=Status.ACTIVE)
            .values(*fields)
            .annotate(
                sessions=ArrayAgg(
                    session, filter=upcoming, order_by=F("weeks__sessions__planned_date")
                )
            )
            .order_by("kind")
            .values_list(*fields, "sessions")
        )

    read = PreparedQuery(_programs)

    def query(self, user: Any, now: datetime, parts: dict[str, Any]) -> BoundQuery:
        today = local_date(now, context_zone(parts))
        args = {
            "user_id": user.pk,
            "first_day": today,
            "after_last_day": today + timedelta(days=self.horizon_days),
        }
        return self.read.bind(args)

    def from_rows(
        self, rows: list[tuple[Any, ...]] | None, user: Any, now: datetime, parts: dict[str, Any]
    ) -> Any:
        today = local_date(now, context_zone(parts))
        programs = [dict(zip((*self.fields, "sessions"), row, strict=True)) for row in rows or ()]
        rows_out = [
            {
                "kind": p["kind"],
                "goal": p["goal"],
                "generator": p["generator"],
                "week": min(max((today - p["start_date"]).days // 7 + 1, 1), p["week_count"]),
                "weeks": p["week_count"],
                "race_date": p["race_date"].isoformat() if p["race_date"] else None,
                "next_sessions": p["sessions"] or [],
            }
            for p in programs
        ]
        return {"programs": rows_out} if rows_out else None


def connect() -> None:
    """Called from ``CoachConfig.ready``: the program section of the user context, and the
    narrative for programs that background jobs generate."""
    register_section(ActiveProgramSection)
    program_generated.connect(narrate_generated, dispatch_uid="program-narrative")

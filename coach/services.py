"""The coach's question answering: user context -> retrieval -> provider -> cited answer.

The flow is the project's pattern for every AI endpoint (docs/architecture.md, "Request flow"):
the cached user context, the cached retrieval for the endpoint, then the provider; the answer is
cached by the exact prompt (general questions for everyone, personal ones per user and data
generation).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.shortcuts import get_object_or_404

from coach.ask_numbers import numbers_for
from coach.cache import AIRequest, AIResult, ai_cache_set, ai_cached_build
from coach.context import build_context
from coach.models import Conversation, Role, Turn
from coach.questions import is_personal
from coach.safety import is_medical, red_flag_block, safety_note
from core import llm
from core.llm.offline import approx_tokens
from rag.service import rag_service

ENDPOINT = "/api/coach/ask"
MAX_CHUNKS = 6
HISTORY_TURNS = 6
HISTORY_TOKEN_BUDGET = 1200


@dataclass
class PreparedAsk:
    """Everything decided before the provider is called; shared by JSON and streamed answers."""

    user: Any
    question: str
    conversation: Conversation
    request: llm.ChatRequest
    provider: llm.Provider
    ai_request: AIRequest
    citations: list[dict[str, Any]]
    medical: bool
    red_flag_n: int | None
    timings_ms: dict[str, float] = field(default_factory=dict)

    def safety_suffix(self, answer: str) -> str:
        """Red-flag guidance for pain, injury and symptom questions, whatever the provider said."""
        return safety_note(answer, self.red_flag_n) if self.medical else ""

    def response(self, result: llm.ChatResult, answer: str) -> dict[str, Any]:
        """The cacheable part of the answer (no conversation id, no cached flag)."""
        return {
            "answer": answer,
            "citations": self.citations,
            "provider": result.provider,
            "model": result.model,
            "usage": result.usage.as_dict(),
        }


def _history(conversation: Conversation) -> list[dict[str, str]]:
    """The last turns, newest kept first when the token budget runs out."""
    turns = list(conversation.turns.order_by("-id")[:HISTORY_TURNS])
    kept, budget = [], HISTORY_TOKEN_BUDGET
    for turn in turns:
        cost = approx_tokens(turn.content)
        if cost > budget:
            break
        kept.append({"role": turn.role, "content": turn.content})
        budget -= cost
    return kept[::-1]


def _blocks(chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "n": chunk["citation"],
            "chunk_id": chunk["id"],
            "title": chunk["title"],
            "namespace": chunk["namespace"],
            "text": chunk["text"],
        }
        for chunk in chunks
    ]


def ask_prepare(*, user: Any, question: str, conversation_id: int | None = None) -> PreparedAsk:
    """Context, retrieval and the prompt; raises 404 for someone else's conversation."""
    if conversation_id is None:
        conversation = Conversation(user=user, title=question[:200])
    else:
        conversation = get_object_or_404(Conversation, pk=conversation_id, user=user)
    history = _history(conversation) if conversation.pk else []
    medical = is_medical(question)
    personal = is_personal(question) or bool(history)
    user_context = build_context(user) if personal or medical else {}
    rag = rag_service.get_rag_context(
        ENDPOINT, {"question": question}, user_context, max_chunks=MAX_CHUNKS
    )
    blocks = _blocks(rag["chunks"])
    red_flag_n = None
    flag = red_flag_block(len(blocks) + 1) if medical else None
    if flag is not None:
        red_flag_n = next((b["n"] for b in blocks if b["chunk_id"] == flag["chunk_id"]), None)
        if red_flag_n is None:
            blocks.append(flag)
            red_flag_n = flag["n"]
    request = llm.ChatRequest(
        message=question,
        prompt_id="injury" if medical else "coach",
        context_blocks=blocks,
        user_context=user_context,
        history=history,
        facts=numbers_for(question, user, user_context) if personal else None,
    )
    provider = llm.get_provider()
    described = provider.describe()
    ai_request = AIRequest(
        prompt=json.dumps(llm.build_messages(request), ensure_ascii=False, sort_keys=True),
        model=described["model"],
        provider=described["provider"],
        template_version=llm.prompt_cache_tag(request),
        user_id=user.pk if personal or medical else None,
    )
    citations = [{key: b[key] for key in ("n", "chunk_id", "title", "namespace")} for b in blocks]
    return PreparedAsk(
        user=user,
        question=question,
        conversation=conversation,
        request=request,
        provider=provider,
        ai_request=ai_request,
        citations=citations,
        medical=medical,
        red_flag_n=red_flag_n,
        timings_ms=dict(rag.get("timings_ms", {})),
    )


def ask_answer(prepared: PreparedAsk) -> dict[str, Any]:
    """Answer with the provider (or the cache), record the turn, return the response body."""

    def build() -> AIResult:
        result = prepared.provider.complete(prepared.request)
        answer = result.text + prepared.safety_suffix(result.text)
        return AIResult(prepared.response(result, answer), complete=result.complete)

    response, cached = ai_cached_build(prepared.ai_request, build)
    return ask_record(prepared, response, cached=cached)


def ask_cache_store(prepared: PreparedAsk, response: dict[str, Any]) -> bool:
    """Cache a streamed answer that finished; the stream calls it only after its last delta."""
    return ai_cache_set(prepared.ai_request, response, complete=True)


@transaction.atomic
def ask_record(prepared: PreparedAsk, response: dict[str, Any], *, cached: bool) -> dict[str, Any]:
    """Save the question and the answer as turns; returns the body the client receives."""
    conversation = prepared.conversation
    conversation.save()
    usage = response.get("usage", {})
    Turn.objects.bulk_create(
        [
            Turn(conversation=conversation, role=Role.USER, content=prepared.question),
            Turn(
                conversation=conversation,
                role=Role.ASSISTANT,
                content=response["answer"],
                citations=response["citations"],
                provider=response["provider"],
                model=response["model"],
                prompt_tokens=usage.get("prompt_tokens", 0),
                completion_tokens=usage.get("completion_tokens", 0),
                cached=cached,
            ),
        ]
    )
    return {**response, "cached": cached, "conversation_id": conversation.pk}

"""Server-sent events for a streamed coach answer.

An async generator, so that under ASGI every delta is written as it arrives and a client that
disconnects cancels the generator: the upstream stream is closed and nothing is cached or saved.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

from asgiref.sync import sync_to_async
from django.http import StreamingHttpResponse

from coach.cache import ai_cache_get
from coach.services import PreparedAsk, ask_cache_store, ask_record
from core import llm
from core.errors import error_body

# One server-sent event of a streamed answer, as the schema documents it (an SSE schema
# describes each event: its name and its data line).
ANSWER_EVENT = {
    "type": "object",
    "required": ["event", "data"],
    "properties": {
        "event": {"type": "string", "enum": ["delta", "done", "error"]},
        "data": {
            "type": "string",
            "description": "JSON: `delta` {text}; `done` the answer's keys but `answer` "
            "(citations, usage, provider, model, cached, conversation_id); `error` "
            '{"error": {code, message, fields}}.',
        },
    },
}


def sse(event: str, data: dict[str, Any]) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


async def answer_events(prepared: PreparedAsk) -> AsyncIterator[bytes]:
    """``delta`` events with the answer's text, then ``done`` with citations and usage."""
    cached = await sync_to_async(ai_cache_get)(prepared.ai_request)
    if cached is not None:
        yield sse("delta", {"text": cached["answer"]})
        body = await sync_to_async(ask_record)(prepared, cached, cached=True)
        yield sse("done", {key: value for key, value in body.items() if key != "answer"})
        return

    parts: list[str] = []
    result: llm.ChatResult | None = None
    stream = prepared.provider.astream(prepared.request)
    try:
        async for delta in stream:
            if delta.text:
                parts.append(delta.text)
                yield sse("delta", {"text": delta.text})
            if delta.result is not None:
                result = delta.result
    except llm.LLMError as exc:
        yield sse("error", error_body(exc.default_code, str(exc.detail)))
        return
    finally:
        with contextlib.suppress(Exception):
            await stream.aclose()
    if result is None:
        yield sse("error", error_body("llm_unavailable", "The answer stopped early."))
        return

    text = "".join(parts)
    note = prepared.safety_suffix(text)
    if note:
        yield sse("delta", {"text": note})
    response = prepared.response(result, text + note)
    if result.complete:
        await sync_to_async(ask_cache_store)(prepared, response)
    body = await sync_to_async(ask_record)(prepared, response, cached=False)
    yield sse("done", {key: value for key, value in body.items() if key != "answer"})


def event_stream_response(prepared: PreparedAsk) -> StreamingHttpResponse:
    response = StreamingHttpResponse(answer_events(prepared), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    return response

"""The offline coach: a deterministic answer composed from retrieved chunks, data and facts."""

from __future__ import annotations

import math
import re
import time
from collections.abc import Generator
from typing import Any

from core.llm import accounting
from core.llm.base import ChatRequest, ChatResult, Delta, Provider, Usage
from core.llm.prompts import build_messages, user_context_lines

TOKENS_PER_WORD = 1.3
MAX_SOURCE_SENTENCES = 3

INTRO = (
    "Offline coach: no AI model is configured, so this answer is put together from the VoiceFit "
    "knowledge base and your own training data."
)
# Training words that also name symptoms ("chest day", "breathing cues", Foster's "strain") only
# count with the words that make them a symptom.
MEDICAL_PATTERN = re.compile(
    r"\b(pain\w*|hurt\w*|injur\w*|ache\w*|aching|sore(ness)?|numb\w*|tingl\w*|swell\w*|swollen"
    r"|sprain\w*|strained|(muscle|hamstring|groin|calf|back|neck) strain|tendin\w*|tendon\w*"
    r"|dizz\w*|faint\w*|chest (pain|tight\w*|pressure)|short(ness)? of breath|breathless\w*"
    r"|popped|a pop|bruis\w*|fractur\w*|inflam\w*|symptom\w*|medical|doctor|physio\w*)\b",
    re.IGNORECASE,
)
RED_FLAGS = (
    "Because you mention pain or symptoms: stop anything that provokes sharp or worsening pain. "
    "Get medical care promptly for red flags: chest pain, fainting or dizziness, severe "
    "shortness of breath, numbness, tingling or weakness, a joint that gives way, sudden "
    "swelling after a pop, or pain at night or at rest. For pain that lasts more than a week or "
    "keeps returning, see a doctor or physiotherapist before loading it again."
)
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "should",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "i'm",
        "im",
        "get",
        "got",
        "much",
        "many",
        "any",
    ]
)
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> set[str]:
    return {_stem(w) for w in WORD.findall(text.lower()) if w not in STOPWORDS}


def approx_tokens(text: str) -> int:
    return math.ceil(len(text.split()) * TOKENS_PER_WORD)


def _sentences(text: str) -> list[str]:
    flat = " ".join(line.strip(" #*-\t") for line in text.splitlines() if line.strip())
    return [s.strip() for s in SENTENCE_END.split(flat) if len(s.split()) >= 4]


def source_sentences(question: str, blocks: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """The sentences sharing the most terms with the question, each with its citation number."""
    wanted = terms(question)
    scored = []
    for rank, block in enumerate(blocks):
        n = int(block.get("n", rank + 1))
        for position, sentence in enumerate(_sentences(str(block.get("text", "")))):
            overlap = len(wanted & terms(sentence))
            scored.append((-overlap, rank, position, sentence, n))
    scored.sort()
    best = [(sentence, n) for score, _, _, sentence, n in scored if score < 0]
    if not best and scored:  # nothing overlaps: the top-ranked chunk's opening still helps
        best = [(sentence, n) for _, rank, _, sentence, n in scored if rank == 0][:1]
    return best[:MAX_SOURCE_SENTENCES]


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _label(key: str) -> str:
    return key.replace("_", " ").strip()


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pairs(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{_label(str(k))} {_number(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_pairs(item) for item in value)
    return _number(value)


def fact_lines(facts: dict[str, Any] | list[Any] | None) -> list[str]:
    if not facts:
        return []
    if isinstance(facts, dict):
        return [f"{_sentence_case(_label(str(k)))}: {_pairs(v)}." for k, v in facts.items()]
    return [f"{_pairs(item)}." if not str(item).endswith(".") else str(item) for item in facts]


def _red_flag_citation(blocks: list[dict[str, Any]]) -> str:
    """ " [n]" for the red-flag source when it was retrieved (so no second safety note is added)."""
    for rank, block in enumerate(blocks, start=1):
        if "red flag" in str(block.get("title", "")).lower():
            return f" [{block.get('n', rank)}]"
    return ""


def is_medical(text: str) -> bool:
    return bool(MEDICAL_PATTERN.search(text))


def compose(request: ChatRequest) -> str:
    parts = [INTRO]
    if is_medical(request.message):
        parts.append(RED_FLAGS + _red_flag_citation(request.context_blocks))
    facts = fact_lines(request.facts)
    if facts:
        parts.append("Your numbers, as calculated:\n" + "\n".join(f"- {f}" for f in facts))
    sources = source_sentences(request.message, request.context_blocks)
    if sources:
        parts.append(
            "From the knowledge base:\n"
            + "\n".join(f"- {sentence} [{n}]" for sentence, n in sources)
        )
    else:
        parts.append(
            "The knowledge base has nothing specific on this question, so keep to conservative "
            "training: progress gradually and stop sets that cause sharp pain."
        )
    context = user_context_lines(request.user_context, brief=True)
    if context:
        parts.append("From your training log:\n" + "\n".join(f"- {c}" for c in context))
    return "\n\n".join(parts)


class OfflineProvider(Provider):
    """Same interface as the remote providers; no network, same input -> same answer."""

    name = "offline"
    model = "offline-v1"
    timer = staticmethod(time.perf_counter)

    def _answer(self, request: ChatRequest) -> tuple[str, str, Usage]:
        text = compose(request)
        words = text.split(" ")
        limit = max(1, int(request.max_tokens / TOKENS_PER_WORD))
        finish_reason = "stop"
        if len(words) > limit:
            text, finish_reason = " ".join(words[:limit]), "length"
        prompt = "\n".join(m["content"] for m in build_messages(request))
        return text, finish_reason, Usage(approx_tokens(prompt), approx_tokens(text))

    def _result(self, request: ChatRequest, started: float) -> ChatResult:
        text, finish_reason, usage = self._answer(request)
        latency_ms = (self.timer() - started) * 1000
        accounting.record_success(self.name, self.model, usage, latency_ms)
        return ChatResult(
            text=text,
            provider=self.name,
            model=self.model,
            usage=usage,
            latency_ms=latency_ms,
            finish_reason=finish_reason,
            complete=finish_reason == "stop",
        )

    def complete(self, request: ChatRequest) -> ChatResult:
        return self._result(request, self.timer())

    @classmethod
    def narrate(cls, request: ChatRequest, text: str) -> ChatResult:
        """A narrative an endpoint wrote from its own numbers, as this provider's answer."""
        started = cls.timer()
        prompt = "\n".join(m["content"] for m in build_messages(request))
        usage = Usage(approx_tokens(prompt), approx_tokens(text))
        latency_ms = (cls.timer() - started) * 1000
        accounting.record_success(cls.name, cls.model, usage, latency_ms)
        return ChatResult(
            text=text,
            provider=cls.name,
            model=cls.model,
            usage=usage,
            latency_ms=latency_ms,
            finish_reason="stop",
            complete=True,
        )

    def stream(self, request: ChatRequest) -> Generator[Delta, None, None]:
        result = self._result(request, self.timer())
        for word in re.findall(r"\S+\s*", result.text):
            yield Delta(text=word, provider=self.name)
        yield Delta(text="", provider=self.name, result=result)

    async def acomplete(self, request: ChatRequest) -> ChatResult:
        return self.complete(request)

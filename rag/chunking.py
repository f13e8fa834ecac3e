"""Markdown knowledge files -> chunks: split by heading, then to the model's token limit; each
chunk carries the questions its section is asked as (front matter ``asked_as``, by heading)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from rag.namespaces import NAMESPACES

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
MAX_QUESTION_CHARS = 300


class KnowledgeFileError(ValueError):
    """A knowledge file that cannot be ingested (bad front matter, unknown namespace)."""


@dataclass(frozen=True)
class Chunk:
    namespace: str
    title: str
    heading: str
    heading_path: str
    part: int
    ordinal: int
    text: str
    source_file: str
    tags: list[str] = field(default_factory=list)
    token_count: int = 0
    questions: tuple[str, ...] = ()

    @property
    def embed_text(self) -> str:
        return embed_text(self.title, self.heading_path, self.text)

    @property
    def keywords(self) -> str:
        """What the full-text side weighs above the body: the tags as words ("heel-pain" ->
        "heel pain") and the questions the section is asked as, whose lay words ("wrecked",
        "hammy", "race again") the body does not use (doc2query's document expansion)."""
        tags = " ".join(tag.replace("-", " ").replace("_", " ") for tag in self.tags)
        return " ".join([tags, *self.questions]).strip()

    @property
    def content_hash(self) -> str:
        """Changes with anything stored for the chunk; the vector itself follows ``embed_text``."""
        payload = [
            self.namespace,
            self.title,
            self.heading_path,
            self.tags,
            self.embed_text,
            list(self.questions),
            self.keywords,
        ]
        return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()


def embed_text(title: str, heading_path: str, text: str) -> str:
    """What is embedded: the text with its document title and heading path as a lead line."""
    lead = f"{title} - {heading_path}" if heading_path and heading_path != title else title
    return f"{lead}\n\n{text}"


@dataclass(frozen=True)
class Section:
    heading: str
    heading_path: str
    text: str


def parse_front_matter(raw: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(raw)
    if not match:
        return {}, raw
    meta = yaml.safe_load(match.group(1)) or {}
    if not isinstance(meta, dict):
        raise KnowledgeFileError("front matter is not a mapping")
    return meta, raw[match.end() :]


def asked_as(meta: dict) -> dict[str, tuple[str, ...]]:
    """The front matter's ``asked_as``: heading -> the questions people ask that section."""
    raw = meta.get("asked_as") or {}
    if not isinstance(raw, dict):
        raise KnowledgeFileError("asked_as is not a mapping of heading to questions")
    found: dict[str, tuple[str, ...]] = {}
    for heading, questions in raw.items():
        if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
            raise KnowledgeFileError(f"asked_as for {heading!r} is not a list of questions")
        cleaned = [" ".join(q.split()) for q in questions if q.strip()]
        if any(len(q) > MAX_QUESTION_CHARS for q in cleaned):
            raise KnowledgeFileError(f"an asked_as question of {heading!r} is too long")
        found[str(heading).strip()] = tuple(dict.fromkeys(cleaned))
    return found


def split_sections(body: str, title: str) -> list[Section]:
    """Sections at ``##`` and deeper headings; text before the first heading is its own."""
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    lines: list[str] = []

    def flush() -> None:
        text = "\n".join(lines).strip()
        lines.clear()
        if not text:
            return
        path = " > ".join(name for _, name in stack) or title
        sections.append(
            Section(heading=stack[-1][1] if stack else title, heading_path=path, text=text)
        )

    for line in body.splitlines():
        match = HEADING.match(line)
        if match and len(match.group(1)) >= 2:
            flush()
            level = len(match.group(1))
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, match.group(2)))
        elif match:
            flush()
        else:
            lines.append(line)
    flush()
    return sections


def _units(text: str) -> Iterable[list[str]]:
    """Finer and finer ways to cut a text: paragraphs, sentences, words."""
    yield [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    yield [s for s in SENTENCE_END.split(text) if s.strip()]
    yield text.split()


def split_to_limit(
    text: str, fits: Callable[[str], bool], separators: tuple[str, ...] = ("\n\n", " ", " ")
) -> list[str]:
    """Greedily pack the coarsest units that fit; a unit too big alone is cut more finely."""
    if fits(text):
        return [text]
    for level, (units, separator) in enumerate(zip(_units(text), separators, strict=True)):
        if len(units) <= 1 and level < 2:
            continue
        parts: list[str] = []
        current = ""
        for unit in units:
            candidate = f"{current}{separator}{unit}" if current else unit
            if fits(candidate):
                current = candidate
                continue
            if current:
                parts.append(current)
            if fits(unit):
                current = unit
            else:
                parts.extend(split_to_limit(unit, fits, separators) if level < 2 else [])
                if level == 2:
                    raise KnowledgeFileError(
                        f"a single word exceeds the token limit: {unit[:40]!r}"
                    )
                current = ""
        if current:
            parts.append(current)
        return parts
    raise KnowledgeFileError("text cannot be split to the token limit")


def chunk_file(
    path: Path, root: Path, count_tokens: Callable[[str], int], max_tokens: int
) -> list[Chunk]:
    """All chunks of one knowledge file, each at most ``max_tokens`` as embedded."""
    meta, body = parse_front_matter(path.read_text(encoding="utf-8"))
    relative = path.relative_to(root).as_posix()
    namespace = str(meta.get("namespace") or path.parent.name).strip()
    if namespace not in NAMESPACES:
        raise KnowledgeFileError(f"{relative}: unknown namespace {namespace!r}")
    title = str(meta.get("title") or path.stem.replace("-", " ").capitalize()).strip()
    tags = [str(tag) for tag in meta.get("tags") or []]
    questions = asked_as(meta)
    sections = split_sections(body, title)
    unknown = set(questions) - {section.heading for section in sections}
    if unknown:
        raise KnowledgeFileError(f"{relative}: asked_as names no heading: {sorted(unknown)}")
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for section in sections:
        heading_path = section.heading_path
        seen[heading_path] = seen.get(heading_path, 0) + 1
        if seen[heading_path] > 1:
            heading_path = f"{heading_path} ({seen[heading_path]})"

        def fits(text: str, heading_path: str = heading_path) -> bool:
            return count_tokens(embed_text(title, heading_path, text)) <= max_tokens

        for part, text in enumerate(split_to_limit(section.text, fits)):
            chunks.append(
                Chunk(
                    namespace=namespace,
                    title=title,
                    heading=section.heading,
                    heading_path=heading_path,
                    part=part,
                    ordinal=len(chunks),
                    text=text,
                    source_file=relative,
                    tags=tags,
                    token_count=count_tokens(embed_text(title, heading_path, text)),
                    questions=questions.get(section.heading, ()),
                )
            )
    return chunks


def knowledge_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.md") if p.is_file() and p.name.lower() != "readme.md")

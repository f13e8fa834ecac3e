"""Retrieval quality over bench/data/rag_questions.json: hit@5, MRR@10, namespace accuracy.

python -m bench.rag_quality [--questions PATH] [--endpoint coach/ask] [--verbose]

Ingests the real knowledge/ first (idempotent). A hit is a retrieved chunk whose source file
and heading match an expected one.
"""

from __future__ import annotations

import argparse
import io
import json
import os
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voicefit.settings")

import django

django.setup()

from rag.ingestion import ingest_knowledge  # noqa: E402
from rag.service import RAGIntegrationService  # noqa: E402


def _file(name: str) -> str:
    name = name.strip().lstrip("./")
    return name[len("knowledge/") :] if name.startswith("knowledge/") else name


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("#", "").split())


def matches(chunk: dict, expected: dict) -> bool:
    if _file(chunk["source_file"]) != _file(expected["file"]):
        return False
    heading = _norm(expected.get("heading") or "")
    if not heading:
        return True
    return heading == _norm(chunk["heading"]) or heading in {
        _norm(part) for part in chunk.get("heading_path", "").split(" > ")
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=Path, default=Path("bench/data/rag_questions.json"))
    parser.add_argument("--endpoint", default="coach/ask")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    print(f"ingest: {ingest_knowledge(stream=io.StringIO())}")
    items = json.loads(args.questions.read_text())
    service = RAGIntegrationService()
    hits5 = rr = ns_in = ns_top = 0
    for item in items:
        result = service.get_rag_context(
            args.endpoint, {"question": item["question"]}, None, max_chunks=10, use_cache=False
        )
        chunks = [dict(c, heading_path=c["heading"]) for c in result["chunks"]]
        rank = next(
            (
                i
                for i, chunk in enumerate(chunks, start=1)
                if any(matches(chunk, e) for e in item["expected"])
            ),
            None,
        )
        hits5 += rank is not None and rank <= 5
        rr += 1 / rank if rank else 0
        ns_in += item["namespace"] in result["namespaces"]
        ns_top += bool(result["namespaces"]) and result["namespaces"][0] == item["namespace"]
        if args.verbose and (rank is None or rank > 1):
            print(f"rank {rank}: {item['question']} ns={result['namespaces']}")
            for c in chunks[:3]:
                print(f"     got {c['source_file']} # {c['heading']}")
            print(f"     want {item['expected']}")
    n = len(items)
    print(f"questions: {n}")
    print(f"hit@5:  {hits5 / n:.3f}   (target >= 0.90)")
    print(f"MRR@10: {rr / n:.3f}   (target >= 0.75)")
    print(
        f"namespace accuracy: expected namespace selected {ns_in / n:.3f}, first {ns_top / n:.3f}"
    )


if __name__ == "__main__":
    main()

"""The knowledge namespaces: one partial HNSW index and one folder under knowledge/ each."""

NAMESPACES: tuple[str, ...] = (
    "strength",
    "hypertrophy",
    "programming",
    "running",
    "injury",
    "recovery",
    "nutrition",
    "mobility",
    "technique",
)

# The name part of the whole-table indexes that serve a search of every namespace.
ALL_NAMESPACES = "all"

NAMESPACE_CHOICES = [(name, name.title()) for name in NAMESPACES]


def hnsw_index_name(namespace: str) -> str:
    """The name of the partial HNSW index that serves one namespace."""
    return f"rag_chunk_hnsw_{namespace}"


def question_index_name(namespace: str) -> str:
    """The name of the partial HNSW index over one namespace's "asked as" questions."""
    return f"rag_question_hnsw_{namespace}"

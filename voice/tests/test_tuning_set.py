"""The phrasings the parser was tuned on keep their exact entries (a regression guard)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from voice.parsing import parse_transcript
from voice.parsing.entries import complete_entry

DATA = Path(__file__).resolve().parents[2] / "bench" / "data"
ROWS = [
    *json.loads((DATA / "voice_utterances_tune_extra.json").read_text()),
    *(
        row
        for row in json.loads((DATA / "voice_utterances_v2.json").read_text())
        if row.get("split") == "tune"
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["transcript"][:60])
def test_a_tuning_utterance_parses_to_its_labels(row: dict[str, Any]) -> None:
    result = parse_transcript(row["transcript"], row["unit"])
    expected = [complete_entry(entry) for entry in row["expected"]["entries"]]
    assert result.to_dict()["entries"] == expected
    assert bool(result.unparsed) == row["expected"]["unparsed_nonempty"]

"""Transcript text to tokens: lower-case words, numbers (digits or words), clock times."""

from __future__ import annotations

import re
from dataclasses import dataclass

from voice.parsing.numbers import NUMBER_WORDS, parse_number
from voice.parsing.vocabulary import COMPOUND_NAMES, PROTECTED_AFTER_ONE


@dataclass(slots=True)
class Tok:
    kind: str  # "num", "clock", "word", "punct"
    text: str
    value: float = 0.0


_TOKEN_RE = re.compile(
    r"(?P<clock>\d{1,2}(?::\d{2}){1,2})"
    r"|(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<word>[a-z]+(?:['-][a-z]+)*)"
    r"|(?P<punct>[,;.!?#@+])"
)
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def tokenize(text: str) -> list[Tok]:
    """Lower-case words, numbers, clock times and the punctuation that matters."""
    text = _THOUSANDS_RE.sub("", text.lower().replace("\u2019", "'"))
    toks: list[Tok] = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or "punct"
        raw = m.group()
        if kind == "num" and len(raw) > 12:
            kind = "word"  # a digit run this long is noise, not a quantity
        if kind == "word" and "-" in raw and all(p in NUMBER_WORDS for p in raw.split("-")):
            toks.extend(Tok("word", part) for part in raw.split("-"))
        elif kind == "word" and raw == "half-marathon":
            toks.extend((Tok("word", "half"), Tok("word", "marathon")))
        else:
            toks.append(Tok(kind, raw, float(raw) if kind == "num" else 0.0))
    return _merge_numbers(_merge_compounds(toks))


def _merge_compounds(toks: list[Tok]) -> list[Tok]:
    """Keep "clean and jerk" whole so that "and" does not split it."""
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        for words in COMPOUND_NAMES if toks[i].text == "clean" else ():
            if tuple(t.text for t in toks[i : i + len(words)]) == words:
                out.append(Tok("word", " ".join(words)))
                i += len(words)
                break
        else:
            out.append(toks[i])
            i += 1
    return out


def _merge_numbers(toks: list[Tok]) -> list[Tok]:
    """Replace runs of number words ("two twenty five") by one number token."""
    words = [t.text if t.kind in ("word", "num") else "" for t in toks]
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        protected = tok.text == "one" and i + 1 < len(words) and words[i + 1] in PROTECTED_AFTER_ONE
        parsed = None if protected else parse_number(words, i)
        if parsed is None:
            out.append(tok)
            i += 1
            continue
        value, end = parsed
        out.append(Tok("num", " ".join(words[i:end]), value))
        i = end
    return out

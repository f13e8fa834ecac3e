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
    start: int = 0  # where the token is in the normalised transcript
    end: int = 0


_TOKEN_RE = re.compile(
    r"(?P<clock>\d{1,2}(?::\d{2}){1,2})"
    # "10,000" (and "10, 000", as speech-to-text may write it) is one number, kept as written
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d{1,3}, 000(?![\d.,])|\d+(?:\.\d+)?)"
    r"|(?P<word>[a-z]+(?:['-][a-z]+)*)"
    # "10-12", "8 - 10": a dash between numbers is a range
    r"|(?P<punct>[,;:.!?#@+]|(?<=\d)-(?=\d)|(?<=\d )-(?= \d))"
)
_WITH_RE = re.compile(r"\bw/")
_WARM_UP_RE = re.compile(r"\b(warm|cool|warmed|cooled|warming|cooling) (ups?|downs?)\b")


# "the twenty fives", "the fives": a pair of dumbbells named by their number
_PLURAL_NUMBER_WORDS = {
    (
        word[:-1] + "ies" if word.endswith("y") else word + ("es" if word.endswith("x") else "s")
    ): word
    for word in NUMBER_WORDS
    if word not in ("oh", "zero", "hundred", "thousand", "one")
}


def normalise(text: str) -> str:
    """The transcript as the tokens see it: lower case, plain apostrophes, "w/" as "with",
    "warm up" and "cool down" one word each (the same length, so offsets hold)."""
    text = _WITH_RE.sub("with ", text.lower().replace("\u2019", "'"))  # "w/ 90 sec rest"
    return _WARM_UP_RE.sub(r"\1-\2", text)


def tokenize(text: str) -> list[Tok]:
    """Lower-case words, numbers, clock times and the punctuation that matters.

    ``text`` is already normalised (``normalise``); token offsets point into it.
    """
    toks: list[Tok] = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup or "punct"
        raw, start, end = m.group(), m.start(), m.end()
        if kind == "num" and len(raw) > 12:
            kind = "word"  # a digit run this long is noise, not a quantity
        if kind == "word" and "-" in raw and all(p in NUMBER_WORDS for p in raw.split("-")):
            toks.extend(Tok("word", part, 0.0, start, end) for part in raw.split("-"))
        elif kind == "word" and raw == "half-marathon":
            toks.extend(
                (Tok("word", "half", 0.0, start, end), Tok("word", "marathon", 0.0, start, end))
            )
        elif kind == "word" and raw == "hundreds":
            # "the hundreds" is a pair of 100s; "the one hundreds" keeps its "one"
            head = (
                []
                if toks and toks[-1].text in NUMBER_WORDS
                else [Tok("word", "a", 0.0, start, start)]
            )
            toks.extend(
                (*head, Tok("word", "hundred", 0.0, start, end), Tok("word", "s", 0.0, end, end))
            )
        elif kind == "word" and raw in _PLURAL_NUMBER_WORDS:
            toks.extend(
                (
                    Tok("word", _PLURAL_NUMBER_WORDS[raw], 0.0, start, end),
                    Tok("word", "s", 0.0, end, end),
                )
            )
        else:
            value = float(raw.replace(",", "").replace(" ", "")) if kind == "num" else 0.0
            toks.append(Tok(kind, raw, value, start, end))
    return _merge_numbers(_merge_compounds(toks))


def _merge_compounds(toks: list[Tok]) -> list[Tok]:
    """Keep "clean and jerk" whole so that "and" does not split it."""
    out: list[Tok] = []
    i = 0
    while i < len(toks):
        for words in COMPOUND_NAMES if toks[i].text == "clean" else ():
            if tuple(t.text for t in toks[i : i + len(words)]) == words:
                last = toks[i + len(words) - 1]
                out.append(Tok("word", " ".join(words), 0.0, toks[i].start, last.end))
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
        out.append(Tok("num", " ".join(words[i:end]), value, tok.start, toks[end - 1].end))
        i = end
    return out

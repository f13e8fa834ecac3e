"""CSV uploads: text or not, the delimiter, the header, the row limit."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from portability.rejections import FileRejected

SNIFF_BYTES = 8192
OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "pipes"}


def decoded(data: bytes, name: str) -> str:
    """The file as text; a binary file (a photo, a FIT file renamed .csv) is refused."""
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        raise FileRejected("not_text", f"{name} is a binary file, not a CSV export.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected(
            "not_text", f"{name} is not UTF-8 text (byte {exc.start} cannot be read)."
        ) from exc


def csv_rows(
    text: str, name: str, *, required: Sequence[str], max_rows: int
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; the header must hold every ``required`` column.

    Rows are counted as they are read, so a file over ``max_rows`` is refused after reading
    one row more than the limit, never after loading all of it.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [column.strip() for column in next(reader, [])]
    if not any(header):
        raise FileRejected("empty_file", f"{name} is empty.")
    _check_delimiter(header, name, required)
    missing = [column for column in required if column not in header]
    if missing:
        raise FileRejected(
            "missing_columns",
            f"{name} lacks the column(s) {', '.join(missing)}; is it the right export?",
            {"missing": missing, "found": header},
        )
    count = 0
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        count += 1
        if count > max_rows:
            raise FileRejected(
                "too_many_rows",
                f"{name} has more than {max_rows:,} rows; split the export and upload the parts.",
                {"max_rows": max_rows},
            )
        yield reader.line_num, dict(zip(header, (value.strip() for value in values), strict=False))


def _check_delimiter(header: list[str], name: str, required: Sequence[str]) -> None:
    if len(header) > 1:
        return
    for delimiter, word in OTHER_DELIMITERS.items():
        if delimiter in header[0]:
            raise FileRejected(
                "wrong_delimiter",
                f"{name} is separated by {word}; the export format uses commas.",
                {"delimiter": delimiter},
            )
    raise FileRejected(
        "missing_columns",
        f"{name} has a single column; expected {', '.join(required)}.",
        {"missing": list(required), "found": header},
    )

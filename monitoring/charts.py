"""Server-side inline SVG line charts (no external assets), escaped and self-contained."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

PALETTE = ("#2b6cb0", "#c53030", "#2f855a", "#b7791f", "#6b46c1", "#319795")
# Space around the plot for the title (top), tick labels (left, bottom) and the legend (bottom).
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 48, 12, 28, 36
MAX_X_LABELS = 6
LEGEND_SPACING = 130


@dataclass
class Line:
    label: str
    values: list[float | None]


@dataclass(frozen=True)
class Frame:
    """Where the plot sits in the picture and how values map onto it."""

    width: int
    height: int
    top: float  # the value drawn at the top edge
    count: int  # points along the x axis

    @property
    def plot_w(self) -> int:
        return self.width - PAD_LEFT - PAD_RIGHT

    @property
    def plot_h(self) -> int:
        return self.height - PAD_TOP - PAD_BOTTOM

    def x(self, i: int) -> float:
        if self.count > 1:
            return PAD_LEFT + self.plot_w * i / (self.count - 1)
        return PAD_LEFT + self.plot_w / 2

    def y(self, v: float) -> float:
        return PAD_TOP + self.plot_h - self.plot_h * min(v, self.top) / self.top


def _frame(
    x_labels: list[str], lines: list[Line], y_max: float | None, width: int, height: int
) -> Frame:
    present = [v for line in lines for v in line.values if v is not None]
    top = y_max if y_max is not None else (max(present) if present else 1.0) or 1.0
    return Frame(width, height, top, max(len(x_labels), 1))


def _axes(frame: Frame, title: str, x_labels: list[str], unit: str) -> Iterator[str]:
    """The opening tag, the title, the plot's border and the labels on both axes."""
    yield (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width} {frame.height}" '
        f'width="{frame.width}" height="{frame.height}" role="img" aria-label="{escape(title)}">'
    )
    yield f'<text x="{PAD_LEFT}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>'
    yield (
        f'<rect x="{PAD_LEFT}" y="{PAD_TOP}" width="{frame.plot_w}" height="{frame.plot_h}" '
        'fill="none" stroke="#ccc"/>'
    )
    for frac in (0, 0.5, 1):
        tick = frame.top * frac
        yield (
            f'<text x="{PAD_LEFT - 4}" y="{frame.y(tick) + 4:.1f}" font-size="10" '
            f'text-anchor="end">{tick:.3g}{escape(unit)}</text>'
        )
    for i in range(0, frame.count, max(1, frame.count // MAX_X_LABELS)):
        yield (
            f'<text x="{frame.x(i):.1f}" y="{frame.height - PAD_BOTTOM + 14}" font-size="10" '
            f'text-anchor="middle">{escape(x_labels[i])}</text>'
        )


def _segments(frame: Frame, values: list[float | None]) -> list[list[str]]:
    """The runs of points between gaps (None), as ``"x,y"`` strings."""
    segments: list[list[str]] = [[]]
    for i, value in enumerate(values):
        if value is None:
            segments.append([])
        else:
            segments[-1].append(f"{frame.x(i):.1f},{frame.y(value):.1f}")
    return [segment for segment in segments if segment]


def _series(frame: Frame, line: Line, n: int) -> Iterator[str]:
    """One series: a polyline per run (a dot for a lone point), then its legend entry."""
    color = PALETTE[n % len(PALETTE)]
    for points in _segments(frame, line.values):
        if len(points) == 1:
            cx, cy = points[0].split(",")
            yield f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{color}"/>'
        else:
            yield (
                f'<polyline fill="none" stroke="{color}" stroke-width="2" '
                f'points="{" ".join(points)}"/>'
            )
    legend_x = PAD_LEFT + 8 + LEGEND_SPACING * n
    yield (
        f'<rect x="{legend_x}" y="{frame.height - 14}" width="10" height="10" fill="{color}"/>'
        f'<text x="{legend_x + 14}" y="{frame.height - 5}" font-size="10">'
        f"{escape(line.label)}</text>"
    )


def _no_data(frame: Frame) -> str:
    return (
        f'<text x="{PAD_LEFT + frame.plot_w / 2}" y="{PAD_TOP + frame.plot_h / 2}" '
        'font-size="12" text-anchor="middle" fill="#888">no data yet</text>'
    )


def line_chart(
    title: str,
    x_labels: list[str],
    lines: list[Line],
    *,
    unit: str = "",
    y_max: float | None = None,
    width: int = 640,
    height: int = 220,
) -> str:
    """An SVG chart: one polyline per series; gaps (None) break the line."""
    frame = _frame(x_labels, lines, y_max, width, height)
    parts = list(_axes(frame, title, x_labels, unit))
    for n, line in enumerate(lines):
        parts.extend(_series(frame, line, n))
    if not any(v is not None for line in lines for v in line.values):
        parts.append(_no_data(frame))
    parts.append("</svg>")
    return "".join(parts)

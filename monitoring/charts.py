"""Server-side inline SVG line charts (no external assets), escaped and self-contained."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

PALETTE = ("#2b6cb0", "#c53030", "#2f855a", "#b7791f", "#6b46c1", "#319795")


@dataclass
class Line:
    label: str
    values: list[float | None]


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
    pad_l, pad_r, pad_t, pad_b = 48, 12, 28, 36
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    present = [v for line in lines for v in line.values if v is not None]
    top = y_max if y_max is not None else (max(present) if present else 1.0) or 1.0
    count = max(len(x_labels), 1)

    def x(i: int) -> float:
        return pad_l + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y(v: float) -> float:
        return pad_t + plot_h - plot_h * min(v, top) / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f'<text x="{pad_l}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
        f'<rect x="{pad_l}" y="{pad_t}" width="{plot_w}" height="{plot_h}" fill="none" '
        'stroke="#ccc"/>',
    ]
    for frac in (0, 0.5, 1):
        tick = top * frac
        parts.append(
            f'<text x="{pad_l - 4}" y="{y(tick) + 4:.1f}" font-size="10" text-anchor="end">'
            f"{tick:.3g}{escape(unit)}</text>"
        )
    step = max(1, count // 6)
    for i in range(0, count, step):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - pad_b + 14}" font-size="10" '
            f'text-anchor="middle">{escape(x_labels[i])}</text>'
        )
    for n, line in enumerate(lines):
        color = PALETTE[n % len(PALETTE)]
        segment: list[str] = []
        segments = []
        for i, value in enumerate(line.values):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{x(i):.1f},{y(value):.1f}")
        if segment:
            segments.append(segment)
        for points in segments:
            if len(points) == 1:
                cx, cy = points[0].split(",")
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{color}"/>')
            else:
                parts.append(
                    f'<polyline fill="none" stroke="{color}" stroke-width="2" '
                    f'points="{" ".join(points)}"/>'
                )
        legend_x = pad_l + 8 + 130 * n
        parts.append(
            f'<rect x="{legend_x}" y="{height - 14}" width="10" height="10" fill="{color}"/>'
            f'<text x="{legend_x + 14}" y="{height - 5}" font-size="10">{escape(line.label)}</text>'
        )
    if not present:
        parts.append(
            f'<text x="{pad_l + plot_w / 2}" y="{pad_t + plot_h / 2}" font-size="12" '
            'text-anchor="middle" fill="#888">no data yet</text>'
        )
    parts.append("</svg>")
    return "".join(parts)

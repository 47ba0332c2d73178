"""Charts drawn on the server as small SVG: no library to download, readable on a phone (they scale to the width),
printable. Each chart sits beside a table with the same numbers, for screen readers and for copying."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

COLOURS = ("#0b5cad", "#8fb8e6", "#e0892b")


def _nice_max(value: int) -> int:
    """The axis top: 1, 2 or 5 times a power of ten, at least the value."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def stacked_bars(title: str, labels: list[str], stacks: list[tuple[str, list[int]]]) -> SafeString:
    """Vertical bars, one per label, each stacked from `stacks` (name, values), with a legend."""
    width, height, left, bottom, top = 360, 200, 34, 22, 26
    count = max(len(labels), 1)
    slot = (width - left) / count
    bar = slot * 0.66
    totals = [sum(values[i] for _, values in stacks) for i in range(len(labels))]
    top_value = _nice_max(max(totals, default=0))
    scale = (height - bottom - top) / top_value
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>', left, height - bottom, width, height - bottom
        ),
        format_html(
            '<text x="{}" y="{}" class="tick" text-anchor="end">{}</text>',
            left - 4,
            top + 4,
            f"{top_value:,}".replace(",", "."),
        ),
        format_html('<text x="{}" y="{}" class="tick" text-anchor="end">0</text>', left - 4, height - bottom),
    ]
    for i, label in enumerate(labels):
        x = left + i * slot + (slot - bar) / 2
        y = height - bottom
        for colour, (name, values) in zip(COLOURS, stacks, strict=False):
            size = values[i] * scale
            if size > 0:
                y -= size
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
                        x,
                        y,
                        bar,
                        size,
                        colour,
                        f"{label} — {name}",
                        values[i],
                    )
                )
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="tick" text-anchor="middle">{}</text>',
                f"{x + bar / 2:.1f}",
                height - 6,
                label,
            )
        )
    legend_x = left
    for colour, (name, _) in zip(COLOURS, stacks, strict=False):
        parts.append(format_html('<rect x="{}" y="4" width="12" height="12" fill="{}"/>', legend_x, colour))
        parts.append(format_html('<text x="{}" y="14" class="tick">{}</text>', legend_x + 16, name))
        legend_x += 16 + 7 * len(name) + 16
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>{}</svg>",
        width,
        height,
        title,
        title,
        mark_safe("".join(parts)),  # noqa: S308 -- every part built by format_html
    )


def horizontal_bars(title: str, rows: list[tuple[str, int]]) -> SafeString:
    """One bar per row (label, value), longest first as given; the label above its bar, the value at its end."""
    width, row_height = 360, 34
    top_value = max((value for _, value in rows), default=0) or 1
    parts = []
    for i, (label, value) in enumerate(rows):
        y = i * row_height
        length = (width - 60) * value / top_value
        parts.append(format_html('<text x="0" y="{}" class="tick">{}</text>', y + 12, label[:48]))
        parts.append(
            format_html(
                '<rect x="0" y="{}" width="{}" height="12" fill="{}"/>', y + 17, f"{max(length, 1):.1f}", COLOURS[0]
            )
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="tick">{}</text>',
                f"{length + 4:.1f}",
                y + 28,
                f"{value:,}".replace(",", "."),
            )
        )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>{}</svg>",
        width,
        max(len(rows), 1) * row_height,
        title,
        title,
        mark_safe("".join(parts)),  # noqa: S308
    )

"""The Teams app icons, drawn in code: a 192×192 colour icon and a 32×32 outline.

Teams wants the outline white on transparent. The shapes are a speech bubble
with three dots, supersampled for smooth edges, and written with a tiny PNG
encoder (zlib + struct), so no imaging library is needed.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

ACCENT = (0x00, 0x5A, 0x8C)  # a calm blue; the colour icon's background
Pixel = tuple[int, int, int, int]


def png(width: int, height: int, pixel: Callable[[int, int], Pixel]) -> bytes:
    """An 8-bit RGBA PNG (filter 0 on every row, one zlib stream)."""
    rows = b"".join(
        b"\x00" + bytes(c for x in range(width) for c in pixel(x, y)) for y in range(height)
    )

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + tag
            + data
            + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def _in_bubble(x: float, y: float, inset: float = 0.0) -> bool:
    """A speech bubble in the unit square: a rounded rectangle with a tail bottom left."""
    left, top, right, bottom, radius = (
        0.16 + inset,
        0.20 + inset,
        0.84 - inset,
        0.70 - inset,
        max(0.13 - inset, 0.01),
    )
    cx, cy = min(max(x, left + radius), right - radius), min(max(y, top + radius), bottom - radius)
    if left <= x <= right and top <= y <= bottom and (x - cx) ** 2 + (y - cy) ** 2 <= radius**2:
        return True
    # the tail: a triangle (0.28, 0.66) – (0.28, 0.86 - 2·inset) – (0.48, 0.66)
    tip = 0.86 - 2 * inset
    return (
        0.28 + inset <= x
        and 0.60 <= y <= tip
        and (x - 0.28 - inset) / 0.20 + (y - 0.66) / (tip - 0.66) <= 1.0
    )


def _on_dot(x: float, y: float) -> bool:
    return any((x - cx) ** 2 + (y - 0.45) ** 2 <= 0.05**2 for cx in (0.35, 0.50, 0.65))


def _coverage(
    size: int, inside: Callable[[float, float], bool], x: int, y: int, samples: int = 4
) -> float:
    """How much of pixel (x, y) the shape covers (supersampled, for smooth edges)."""
    step = 1.0 / samples
    hits = sum(
        inside((x + (i + 0.5) * step) / size, (y + (j + 0.5) * step) / size)
        for i in range(samples)
        for j in range(samples)
    )
    return hits / (samples * samples)


def color_icon(size: int = 192) -> bytes:
    """White bubble with three blue dots on the accent colour."""

    def pixel(x: int, y: int) -> Pixel:
        white = _coverage(size, lambda u, v: _in_bubble(u, v) and not _on_dot(u, v), x, y)
        mixed = [round(c + (255 - c) * white) for c in ACCENT]
        return (mixed[0], mixed[1], mixed[2], 255)

    return png(size, size, pixel)


def outline_icon(size: int = 32) -> bytes:
    """The bubble's outline and dots in white on transparent."""

    def pixel(x: int, y: int) -> Pixel:
        alpha = _coverage(
            size,
            lambda u, v: (_in_bubble(u, v) and not _in_bubble(u, v, 0.08)) or _on_dot(u, v),
            x,
            y,
        )
        return (255, 255, 255, round(255 * alpha))

    return png(size, size, pixel)

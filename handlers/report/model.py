"""What a rendered report is made of: sections with a chart and a table of counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal


@dataclass(frozen=True)
class Chart:
    """Bars of raw counts; the renderer draws a small count as "< 5", never its height.

    `series` are (name, one count per label); more than one series is drawn grouped."""

    title: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]
    horizontal: bool = False


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # already suppressed: every count through `shown`
    empty: str = "Ei tietoja tältä ajalta."


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str = ""
    chart: Chart | None = None
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Summary:
    label: str
    value: str


@dataclass
class BoardReport:
    start: date
    end: date  # inclusive, as the board reads it
    summary: list[Summary] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    kind: Literal["board"] = "board"

    @property
    def title(self) -> str:
        return f"Järjestöbotin raportti {_fi(self.start)}–{_fi(self.end)}"


def _fi(day: date) -> str:
    return f"{day.day}.{day.month}.{day.year}"

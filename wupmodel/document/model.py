"""The document model: what a Wijkuitvoeringsplan says, before it is a file.

A :class:`WupDocument` is a title page, chapters and appendices of blocks (paragraphs, bullet
lists, tables, figures, notes), and optionally one letter per household. Every number in it is
already text (Dutch formats, :mod:`wupmodel.document.numbers`); every table and figure names
the run's table it was read from (``source``, a key of :data:`~wupmodel.document.words.
SOURCE_TABLES`). The writers of :mod:`wupmodel.io` turn it into Word, HTML and PDF; nothing
here reads or writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from wupmodel.document.words import SOURCE_TABLES

__all__ = [
    "Block",
    "Bullets",
    "Chapter",
    "Figure",
    "Letter",
    "Paragraph",
    "Series",
    "Subheading",
    "Table",
    "WupDocument",
    "source_words",
]


def source_words(source: str) -> str:
    """The source line under a table or figure: "Bron: tabel ‘strategieën’ van deze
    berekening"."""
    if not source:
        return ""
    names = [SOURCE_TABLES.get(s.strip(), s.strip()) for s in source.split(",")]
    listed = " en ".join(f"‘{n}’" for n in names)
    return f"Bron: {'tabel' if len(names) == 1 else 'tabellen'} {listed} van deze berekening."


@dataclass(frozen=True)
class Paragraph:
    """Running text. ``kind``: ``text``, ``lead`` (a chapter's opening, in bold), ``missing``
    (a capability of the model that is not there yet: said, never invented), ``verbatim``
    (technical text shown as it is, e.g. the command line of the provenance), ``citation``
    (a source's title as it is published)."""

    text: str
    kind: str = "text"


@dataclass(frozen=True)
class Subheading:
    """A section title inside a chapter."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A list of short items."""

    items: tuple[str, ...]
    kind: str = "text"


@dataclass(frozen=True)
class Table:
    """A table of text cells. ``align`` per column (``l`` or ``r``); ``source`` the run's
    table (or tables, comma-separated) it was read from; ``kind`` ``text`` or ``verbatim``
    (technical values shown as they are, e.g. the provenance)."""

    key: str
    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str
    align: tuple[str, ...] = ()
    note: str = ""
    kind: str = "text"

    @property
    def source_line(self) -> str:
        return source_words(self.source)


@dataclass(frozen=True)
class Series:
    """One named series of a figure (values in the figure's unit; NaN = no value)."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Figure:
    """A chart: its data, its words and the run's table it was read from.

    ``kind``: ``hbar`` (one bar per category, horizontal), ``bar`` (vertical), ``stacked``
    (vertical bars, series stacked), ``grouped`` (vertical bars side by side) or ``line``
    (categories are years). ``chart`` names the app's figure the same data is drawn with
    (:mod:`wupmodel.app.plots`), empty for the house style's plain bars.
    """

    key: str
    title: str
    alt: str
    source: str
    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    axis: str = ""
    decimals: int = 0
    percent: bool = False
    chart: str = ""

    @property
    def source_line(self) -> str:
        return source_words(self.source)


Block = Paragraph | Subheading | Bullets | Table | Figure


@dataclass(frozen=True)
class Chapter:
    """A chapter (or an appendix): its title, its blocks, the capability it is filled from and
    whether that capability is in the model yet (``filled``)."""

    key: str
    title: str
    blocks: tuple[Block, ...]
    capability: str = ""
    filled: bool = True
    appendix: bool = False


@dataclass(frozen=True)
class Letter:
    """One page for one household."""

    dwelling_id: str
    title: str
    blocks: tuple[Block, ...]


@dataclass
class WupDocument:
    """The village's plan as a document (see the module docstring).

    Attributes
    ----------
    title, subtitle
        The title page's lines.
    chapters
        The summary, the chapters and the appendices, in order.
    letters
        One page per household (empty unless asked).
    tables
        The run's tables the document was read from, by key of
        :data:`~wupmodel.document.words.SOURCE_TABLES` (written beside the document).
    data
        The run's key results as plain JSON values (``summary``, ``plan``, ``business_case``,
        ``phasing`` where there is one), the figures the document's text is made of.
    provenance
        What ran (:func:`wupmodel.io.run_provenance`).
    missing
        The capabilities the document would use that the model does not have yet, in words.
    """

    title: str
    subtitle: str
    chapters: tuple[Chapter, ...]
    letters: tuple[Letter, ...] = ()
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, Any] = field(default_factory=dict)
    missing: tuple[str, ...] = ()

    def headings(self) -> list[str]:
        """The chapters' titles, in order."""
        return [c.title for c in self.chapters]

    def figures(self) -> list[Figure]:
        """Every figure of the document and its letters, in order."""
        blocks = [b for c in self.chapters for b in c.blocks]
        blocks += [b for letter in self.letters for b in letter.blocks]
        return [b for b in blocks if isinstance(b, Figure)]

    def text(self, *, letters: bool = False, kinds: tuple[str, ...] | None = None) -> str:
        """The document's words as plain text (for checks and searching): titles, paragraphs,
        list items, table captions, headers and cells, figure titles and alt texts.
        ``kinds`` keeps only paragraphs and lists of those kinds (all by default)."""
        parts = [self.title, self.subtitle]
        chapters: list[tuple[str, tuple[Block, ...]]] = [(c.title, c.blocks) for c in self.chapters]
        if letters:
            chapters += [(letter.title, letter.blocks) for letter in self.letters]
        for title, blocks in chapters:
            parts.append(title)
            for block in blocks:
                parts += _block_text(block, kinds)
        return "\n".join(p for p in parts if p)


def _block_text(block: Block, kinds: tuple[str, ...] | None) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text] if kinds is None or block.kind in kinds else []
    if isinstance(block, Bullets):
        return list(block.items) if kinds is None or block.kind in kinds else []
    if isinstance(block, Subheading):
        return [block.text]
    if isinstance(block, Table):
        if kinds is not None and block.kind not in kinds:
            return []
        rows = [" | ".join(block.columns)] + [" | ".join(r) for r in block.rows]
        return [block.caption, *rows, block.note, block.source_line]
    if isinstance(block, Figure):
        return [block.title, block.alt, block.source_line]
    return []

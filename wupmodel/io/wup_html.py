"""The document as one self-contained HTML page (figures embedded as PNG, styles inline, no
script, nothing fetched): for a browser, for printing to PDF, and to read on any machine."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from html import escape

from wupmodel.document import (
    Bullets,
    Chapter,
    Figure,
    Letter,
    Paragraph,
    Subheading,
    Table,
    WupDocument,
)

__all__ = ["wup_html", "letters_html"]

_CSS = """
@page { size: A4; margin: 18mm 17mm 20mm 17mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt;
       color: #111; line-height: 1.42; max-width: 176mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 18pt; color: #1b5e4a; margin: 0 0 6pt 0; break-before: page; }
h1.title { font-size: 26pt; break-before: avoid; margin-top: 40mm; }
p.subtitle { font-size: 13pt; color: #444; margin-bottom: 30mm; }
h2 { font-size: 13pt; color: #1b5e4a; margin: 14pt 0 4pt 0; break-after: avoid; }
p.lead { font-weight: bold; }
p.missing { font-style: italic; background: #fdf3e7; border-left: 3pt solid #d9822b;
            padding: 4pt 8pt; }
p.verbatim, td.verbatim { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt;
            overflow-wrap: anywhere; }
ul.citation { font-size: 8.5pt; color: #333; columns: 2; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 2pt 0; font-size: 9pt;
        break-inside: auto; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 3pt; }
th { background: #1b5e4a; color: white; text-align: left; padding: 3pt 5pt;
     vertical-align: bottom; }
td { border-bottom: 0.5pt solid #ccc; padding: 2.5pt 5pt; vertical-align: top; }
tr { break-inside: avoid; }
table.whole, div.whole { break-inside: avoid; }
td.r, th.r { text-align: right; }
td:first-child { min-width: 30mm; }
table.wide { font-size: 7.5pt; }
table.wide th, table.wide td { padding: 2pt 3pt; }
table.wide td:first-child { min-width: 0; }
p.note { font-size: 8.5pt; color: #333; margin: 2pt 0; }
p.source { font-size: 8pt; color: #555; font-style: italic; margin: 0 0 8pt 0; }
figure { margin: 8pt 0; break-inside: avoid; }
figure img { width: 100%; height: auto; }
figcaption { font-size: 9pt; font-weight: bold; }
section.letter { break-before: page; }
section.letter:first-of-type { break-before: avoid; }
ul.toc { list-style: none; padding-left: 0; }
"""


def _table(block: Table, number: int) -> str:
    align = block.align or ("l",) * len(block.columns)
    cls = ["r" if a == "r" else "" for a in align]
    head = "".join(
        f'<th class="{c}">{escape(h)}</th>' for h, c in zip(block.columns, cls, strict=True)
    )
    cell_cls = ["verbatim" if block.kind == "verbatim" and i else c for i, c in enumerate(cls)]
    body = "".join(
        "<tr>"
        + "".join(f'<td class="{c}">{escape(v)}</td>' for v, c in zip(row, cell_cls, strict=True))
        + "</tr>"
        for row in block.rows
    )
    small = len(block.rows) <= 20
    # seven columns or more: smaller type, so the table stays within the A4 page when printed
    classes = " ".join(c for c, on in (("whole", small), ("wide", len(block.columns) >= 7)) if on)
    out = (
        f'<table class="{classes}"><caption>Tabel {number}. {escape(block.caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
    if block.note:
        out += f'<p class="note">{escape(block.note)}</p>'
    if block.source_line:
        out += f'<p class="source">{escape(block.source_line)}</p>'
    return f'<div class="whole">{out}</div>' if small else out  # note and source kept with it


def _figure(block: Figure, number: int, images: Mapping[str, bytes]) -> str:
    png = images.get(block.key)
    if png is None:
        return f'<p class="missing">Figuur {number} ({escape(block.title)}) is niet getekend.</p>'
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{escape(block.alt)}">'
        f"<figcaption>Figuur {number}. {escape(block.title)}</figcaption>"
        f'<p class="source">{escape(block.source_line)}</p></figure>'
    )


class _Counter:
    def __init__(self) -> None:
        self.tables = 0
        self.figures = 0


def _blocks(blocks: Sequence, images: Mapping[str, bytes], count: _Counter) -> str:
    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(f'<p class="{block.kind}">{escape(block.text)}</p>')
        elif isinstance(block, Subheading):
            out.append(f"<h2>{escape(block.text)}</h2>")
        elif isinstance(block, Bullets):
            items = "".join(f"<li>{escape(i)}</li>" for i in block.items)
            out.append(f'<ul class="{block.kind}">{items}</ul>')
        elif isinstance(block, Table):
            count.tables += 1
            out.append(_table(block, count.tables))
        elif isinstance(block, Figure):
            count.figures += 1
            out.append(_figure(block, count.figures, images))
    return "\n".join(out)


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )


def _chapter(chapter: Chapter, images: Mapping[str, bytes], count: _Counter) -> str:
    return (
        f'<section id="{chapter.key}"><h1>{escape(chapter.title)}</h1>'
        f"{_blocks(chapter.blocks, images, count)}</section>"
    )


def wup_html(doc: WupDocument, images: Mapping[str, bytes]) -> str:
    """The document as a self-contained HTML page (``images``: PNG bytes by figure key)."""
    count = _Counter()
    toc = "".join(f'<li><a href="#{c.key}">{escape(c.title)}</a></li>' for c in doc.chapters)
    body = [
        f'<h1 class="title">{escape(doc.title)}</h1>',
        f'<p class="subtitle">{escape(doc.subtitle)}</p>',
        f'<nav><h2>Inhoud</h2><ul class="toc">{toc}</ul></nav>',
    ]
    body += [_chapter(c, images, count) for c in doc.chapters]
    return _page(doc.title, "\n".join(body))


def letters_html(doc: WupDocument, images: Mapping[str, bytes] | None = None) -> str:
    """The letters to the households, one page each."""
    parts = [  # each letter counts its own tables from 1
        f'<section class="letter" id="brief-{i}"><h2>{escape(letter.title)}</h2>'
        f"{_blocks(letter.blocks, images or {}, _Counter())}</section>"
        for i, letter in enumerate(doc.letters, start=1)
        if isinstance(letter, Letter)
    ]
    return _page(f"Brieven: {doc.title}", "\n".join(parts))

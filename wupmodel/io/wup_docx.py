"""The document as a Word file (python-docx): editable in Word and LibreOffice, Dutch as its
language, chapters as Heading 1, sections as Heading 2, numbered table and figure captions with
their source, and alt text on every figure."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from wupmodel.document import (
    Bullets,
    Figure,
    Paragraph,
    Subheading,
    Table,
    WupDocument,
)

__all__ = ["wup_docx_bytes", "letters_docx_bytes"]

_GREEN = (0x1B, 0x5E, 0x4A)


def _new_document():
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "nl-NL")
    for name in ("Heading 1", "Heading 2", "Title"):
        styles[name].font.color.rgb = RGBColor(*_GREEN)
    doc.core_properties.language = "nl-NL"
    doc.core_properties.author = "wupmodel"
    return doc


def _small(paragraph, italic: bool = True, size: float = 8.5) -> None:
    from docx.shared import Pt

    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.italic = italic


def _repeat_header(row) -> None:
    """The table's first row repeated at the top of every page it runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _table(doc, block: Table, number: int) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    caption = doc.add_paragraph()
    caption.add_run(f"Tabel {number}. {block.caption}").bold = True
    caption.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=len(block.columns))
    table.style = doc.styles["Light Grid Accent 1"]
    align = block.align or ("l",) * len(block.columns)
    for cell, text, a in zip(table.rows[0].cells, block.columns, align, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        if a == "r":
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text, a in zip(cells, row, align, strict=True):
            cell.text = text
            if a == "r":
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    whole = len(block.rows) <= 20  # a short table stays on one page, a long one repeats its head
    last = len(table.rows) - 1
    for i, row in enumerate(table.rows):
        for cell in row.cells:
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.keep_with_next = whole and i < last
            for run in paragraph.runs:
                run.font.size = Pt(8.5 if block.kind == "verbatim" else 9)
    if not whole:
        _repeat_header(table.rows[0])
    if block.note:
        _small(doc.add_paragraph(block.note), italic=False)
    if block.source_line:
        _small(doc.add_paragraph(block.source_line))


def _figure(doc, block: Figure, number: int, images: Mapping[str, bytes]) -> None:
    from docx.shared import Cm

    png = images.get(block.key)
    if png is None:
        doc.add_paragraph(f"Figuur {number} ({block.title}) is niet getekend.").runs[
            0
        ].italic = True
        return
    doc.add_picture(io.BytesIO(png), width=Cm(16.0))
    picture = doc.paragraphs[-1]
    picture.paragraph_format.keep_with_next = True
    inline = picture.runs[-1]._r.xpath(".//wp:inline")[0]
    inline.docPr.set("descr", block.alt)  # the alt text Word and screen readers show
    inline.docPr.set("title", block.title)
    caption = doc.add_paragraph()
    caption.add_run(f"Figuur {number}. {block.title}").bold = True
    _small(doc.add_paragraph(block.source_line))


def _blocks(doc, blocks: Sequence, images: Mapping[str, bytes], count: list[int]) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            p = doc.add_paragraph()
            run = p.add_run(block.text)
            run.bold = block.kind == "lead"
            run.italic = block.kind == "missing"
            if block.kind == "verbatim":
                run.font.name = "Consolas"
        elif isinstance(block, Subheading):
            doc.add_heading(block.text, level=2)
        elif isinstance(block, Bullets):
            for item in block.items:
                p = doc.add_paragraph(item, style="List Bullet")
                if block.kind == "citation":
                    _small(p, italic=False)
        elif isinstance(block, Table):
            count[0] += 1
            _table(doc, block, count[0])
        elif isinstance(block, Figure):
            count[1] += 1
            _figure(doc, block, count[1], images)


def _save(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def wup_docx_bytes(doc: WupDocument, images: Mapping[str, bytes]) -> bytes:
    """The document as ``.docx`` bytes (``images``: PNG bytes by figure key)."""
    from docx.enum.text import WD_BREAK

    out = _new_document()
    out.core_properties.title = doc.title
    out.core_properties.subject = doc.subtitle
    out.add_heading(doc.title, level=0)
    out.add_paragraph(doc.subtitle)
    out.add_heading("Inhoud", level=2)
    for chapter in doc.chapters:
        out.add_paragraph(chapter.title)
    count = [0, 0]
    for chapter in doc.chapters:
        out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        out.add_heading(chapter.title, level=1)
        _blocks(out, chapter.blocks, images, count)
    return _save(out)


def letters_docx_bytes(doc: WupDocument, images: Mapping[str, bytes] | None = None) -> bytes:
    """The letters to the households, one page each, as ``.docx`` bytes."""
    from docx.enum.text import WD_BREAK

    out = _new_document()
    out.core_properties.title = f"Brieven: {doc.title}"
    for i, letter in enumerate(doc.letters):
        if i:
            out.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        out.add_heading(letter.title, level=1)
        _blocks(out, letter.blocks, images or {}, [0, 0])  # each letter counts from 1
    return _save(out)

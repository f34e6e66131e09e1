"""The document's files, written together or not at all: ``wup.docx``, ``wup.html``,
``wup.pdf`` (where a browser can print it), ``wup.json`` (the run's key results and the
provenance), ``wup_tabellen.xlsx`` (every table the document was read from) and, with letters,
``brieven.docx`` and ``brieven.html``.

Everything is written into a hidden folder beside the output folder and moved into place only
when all files are complete: a failure leaves no partial document.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from wupmodel.document import SOURCE_TABLES, WupDocument
from wupmodel.errors import WupInputError
from wupmodel.io.workbook import workbook_bytes
from wupmodel.io.wup_docx import letters_docx_bytes, wup_docx_bytes
from wupmodel.io.wup_html import letters_html, wup_html
from wupmodel.io.wup_pdf import html_to_pdf
from wupmodel.stock.read import load_stock, read_raw_table

__all__ = [
    "check_document_folder",
    "stock_addresses",
    "write_wup_document",
    "wup_json",
    "wup_workbook_bytes",
    "WUP_FORMATS",
]

WUP_FORMATS = ("docx", "html", "pdf")


def _clean(value: Any) -> Any:
    """JSON values: NaN and infinities as null, numpy scalars as numbers."""
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def wup_json(doc: WupDocument) -> str:
    """The run's key results, the chapters (title, filled or not) and the provenance, as
    JSON text."""
    payload = {
        "title": doc.title,
        "chapters": [
            {"title": c.title, "capability": c.capability, "filled": c.filled} for c in doc.chapters
        ],
        "missing": list(doc.missing),
        **doc.data,
        "provenance": doc.provenance,
    }
    return json.dumps(_clean(payload), indent=2, ensure_ascii=False, default=str)


def check_document_folder(out_dir: str | os.PathLike) -> Path:
    """The output folder may exist (as a folder) or not yet; its parent must exist."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise WupInputError(f"{out_dir}: exists and is not a folder", str(out_dir))
    if not out.exists() and not out.parent.exists():
        raise WupInputError(f"{out_dir}: folder {out.parent} does not exist", str(out_dir))
    return out


def wup_workbook_bytes(doc: WupDocument) -> bytes:
    """``wup_tabellen.xlsx``: every table the document was read from, under the Dutch name the
    document cites, with a read-me and the provenance (needs no figure, so it can be made while
    the figures are drawn)."""
    sheets = {SOURCE_TABLES.get(k, k)[:31]: v for k, v in doc.tables.items()}
    return workbook_bytes(sheets, doc.provenance or None, lang="nl")


def _files(
    doc: WupDocument,
    images: Mapping[str, bytes],
    formats: Sequence[str],
    workbook: bytes | None = None,
):
    """(file name, content) of every file but the PDF, the HTML first (the PDF is printed
    from it while the others are made)."""
    if "html" in formats or "pdf" in formats:
        yield "wup.html", wup_html(doc, images)
    if "docx" in formats:
        yield "wup.docx", wup_docx_bytes(doc, images)
    yield "wup.json", wup_json(doc)
    yield "wup_tabellen.xlsx", workbook if workbook is not None else wup_workbook_bytes(doc)
    if doc.letters:
        yield "brieven.docx", letters_docx_bytes(doc, images)
        yield "brieven.html", letters_html(doc, images)


def write_wup_document(
    out_dir: str | os.PathLike,
    doc: WupDocument,
    images: Mapping[str, bytes],
    formats: Sequence[str] = WUP_FORMATS,
    workbook: bytes | None = None,
) -> tuple[list[Path], list[str]]:
    """Write the document's files into ``out_dir`` (created if needed), all or nothing.

    Parameters
    ----------
    out_dir
        The output folder: it may exist as a folder (files of the same name are replaced) or
        not yet; a file of that name is an error (nothing is written).
    doc
        From :func:`wupmodel.wup_document`.
    images
        PNG bytes per figure key (:func:`wupmodel.app.document_images`, or
        :func:`draw_figures` without the app).
    formats
        Of ``docx``, ``html``, ``pdf``.
    workbook
        ``wup_tabellen.xlsx`` already made (:func:`wup_workbook_bytes`), else made here.

    Returns
    -------
    (list of Path, list of str)
        The files written, and notes (e.g. why there is no PDF).
    """
    out = check_document_folder(out_dir)
    unknown = set(formats) - set(WUP_FORMATS)
    if unknown:
        raise WupInputError(f"unknown document format(s): {', '.join(sorted(unknown))}")
    notes: list[str] = []
    parent = out.resolve().parent
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.wup-", dir=parent))
    printing = None
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            for name, content in _files(doc, images, formats, workbook):
                target = staging / name
                if isinstance(content, str):
                    target.write_text(content, "utf-8")
                else:
                    target.write_bytes(content)
                if name == "wup.html" and "pdf" in formats:  # printed while the rest is made
                    printing = pool.submit(html_to_pdf, target, staging / "wup.pdf")
            note = printing.result() if printing is not None else ""
        if note:
            notes.append(note)
        if "html" not in formats:
            (staging / "wup.html").unlink(missing_ok=True)
        out.mkdir(exist_ok=True)
        written = []
        for path in sorted(staging.iterdir()):
            os.replace(path, out / path.name)
            written.append(out / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written, notes


def stock_addresses(stock_file: str | os.PathLike, column: str) -> dict[str, str]:
    """Dwelling id -> the text of ``column`` of the user's own stock file, for the letters only
    (the stock itself drops address-like columns on import and never writes them).

    Raises
    ------
    WupInputError
        The file has no such column (its columns are named), or cannot be read.
    """
    path = Path(stock_file)
    stock = load_stock(path)  # every check of the file, and the dwelling ids in its order
    raw = read_raw_table(path)
    names = {str(c).strip(): c for c in raw.columns}
    if column not in names:
        shown = ", ".join(sorted(names))[:300]
        raise WupInputError(
            f"{path.name}: --address-column {column!r} is not a column of the file (its columns:"
            f" {shown})",
            path.name,
        )
    if len(raw) != len(stock):
        raise WupInputError(f"{path.name}: the address column does not line up with the rows")
    text = raw[names[column]].astype(object).where(raw[names[column]].notna(), "")
    ids = stock["dwelling_id"].astype(str)
    return {i: str(t).strip() for i, t in zip(ids, text, strict=True) if str(t).strip()}

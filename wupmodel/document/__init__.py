"""The Wijkuitvoeringsplan as a document: one run of the model in, a document model out.

Pure: results in, chapters of Dutch paragraphs, tables and figure data out; no file is read or
written here and no word processor is imported (the writers are :mod:`wupmodel.io`'s
``wup_docx``, ``wup_html`` and ``wup_pdf``).

``build`` (:func:`wup_document`, the document of a run) · ``run`` (every result the chapters
read, computed once: evaluation, plan, cooperative, weighing, uncertainty, and the capabilities
later issues add) · ``model`` (:class:`WupDocument`, chapters and blocks) · ``summary`` (the
one-page summary) · ``today`` (chapters 1 and 2: the village today, what it wants) ·
``hours`` (chapter 1's grid section from the hourly pass, when the run has one) ·
``wishes`` (chapter 2's weighing) · ``options`` (chapter 3: the options compared) · ``plan``
(chapter 4: the plan, its organisation and business case) · ``timeline`` (chapter 5: the time
path) · ``money`` (chapter 6) · ``risks`` (chapter 7) · ``appendix`` (assumptions and
sources, provenance) · ``policy`` (appendix A's taxes and support per year, carried-forward
figures marked) · ``letters`` (one page per household) · ``parts`` (tables, figures and
lists the chapters share) · ``numbers`` (Dutch number formats) · ``words`` (Dutch words for
the model's vocabulary and its tables).
"""

from wupmodel.document.build import document_from_run, wup_document
from wupmodel.document.model import (
    Bullets,
    Chapter,
    Figure,
    Letter,
    Paragraph,
    Series,
    Subheading,
    Table,
    WupDocument,
)
from wupmodel.document.numbers import NBSP
from wupmodel.document.run import DocumentRun, run_for_document
from wupmodel.document.words import SOURCE_TABLES

__all__ = [
    "NBSP",
    "SOURCE_TABLES",
    "Bullets",
    "Chapter",
    "DocumentRun",
    "Figure",
    "Letter",
    "Paragraph",
    "Series",
    "Subheading",
    "Table",
    "WupDocument",
    "document_from_run",
    "run_for_document",
    "wup_document",
]

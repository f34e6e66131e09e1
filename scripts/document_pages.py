"""Pages of the default village's Wijkuitvoeringsplan as PNG, as a reader sees them: the README's
picture (the summary and chapter 1 side by side, ``docs/wup-document.png``) and a few pages in
``docs/img/wup_page_*.png``.

Runs ``wupmodel report`` into a temporary folder (or reads ``--pdf FILE``), renders the PDF's
pages with poppler's ``pdftoppm`` and joins them with Pillow.

Run: ``.venv/bin/python scripts/document_pages.py [--pdf wup/wup.pdf]``
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
#: the README's picture: the summary and chapter 1's first two pages
README_PAGES = (2, 3, 4)
#: representative pages: by the first words of a heading on the page
PAGES = {
    "summary": "Samenvatting",
    "options": "3. De mogelijkheden vergeleken",
    "plan": "4. Het plan",
    "time": "5. Het tijdpad",
}


def _render(pdf: Path, folder: Path, dpi: int) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "p")], check=True)
    return sorted(folder.glob("p-*.png"))


def _page_of(pdf: Path, heading: str) -> int:
    """The first page (1-based) whose text starts a line with ``heading``, after the title
    page's table of contents."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for number, page in enumerate(text.split("\f")[1:], start=2):
        if any(line.strip() == heading for line in page.splitlines()):
            return number
    raise SystemExit(f"no page starts with {heading!r}")


def _side_by_side(images: list[Path], out: Path, gap: int = 12) -> None:
    pages = [Image.open(p).convert("RGB") for p in images]
    width = sum(p.width for p in pages) + gap * (len(pages) + 1)
    height = max(p.height for p in pages) + 2 * gap
    sheet = Image.new("RGB", (width, height), (221, 221, 221))
    x = gap
    for page in pages:
        sheet.paste(page, (x, gap))
        x += page.width + gap
    sheet.save(out, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", type=Path, help="a wup.pdf already made (default: make one)")
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is needed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = args.pdf
        if pdf is None:
            out = folder / "wup"
            cli = [sys.executable, "-m", "wupmodel.cli", "report", "--out", str(out)]
            subprocess.run(cli, check=True, cwd=ROOT)
            pdf = out / "wup.pdf"
        small = _render(pdf, folder, 60)
        _side_by_side([small[i - 1] for i in README_PAGES], ROOT / "docs" / "wup-document.png")
        large = folder / "large"
        large.mkdir()
        pages = _render(pdf, large, 90)
        for name, heading in PAGES.items():
            target = ROOT / "docs" / "img" / f"wup_page_{name}.png"
            Image.open(pages[_page_of(pdf, heading) - 1]).convert("RGB").save(target, optimize=True)
            print(target.relative_to(ROOT))
    print("docs/wup-document.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

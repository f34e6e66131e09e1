"""The document as PDF: the self-contained HTML printed by a headless Chromium where the
machine has one (Debian's ``chromium``); without a browser the PDF is skipped with a note."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["find_browser", "html_to_pdf", "html_to_png"]

#: where a Chromium is looked for, besides ``$BROWSER_PATH`` and the PATH
_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PRINT_TIMEOUT_S = 120


def find_browser() -> str | None:
    """A Chromium to print with: ``$BROWSER_PATH``, then ``chromium`` (and kin) on the PATH."""
    given = os.environ.get("BROWSER_PATH")
    if given and Path(given).exists():
        return given
    for name in _CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def _run(browser: str, args: list[str], target: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="wup-chromium-") as profile:
        cmd = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={profile}",
            *args,
        ]
        subprocess.run(
            cmd, check=True, capture_output=True, timeout=PRINT_TIMEOUT_S, stdin=subprocess.DEVNULL
        )
    if not target.exists() or target.stat().st_size == 0:
        raise RuntimeError(f"the browser wrote no {target.suffix} file")


def html_to_pdf(html: Path, pdf: Path, browser: str | None = None) -> str:
    """Print ``html`` to ``pdf``; returns "" or a note why no PDF was made."""
    browser = browser or find_browser()
    if browser is None:
        return "no PDF: no Chromium on this machine (install Debian's chromium to get one)"
    try:
        _run(
            browser,
            ["--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.resolve().as_uri()],
            pdf,
        )
    except (OSError, subprocess.SubprocessError, RuntimeError) as err:
        return f"no PDF: the browser could not print the document ({err.__class__.__name__})"
    return ""


def html_to_png(html: Path, png: Path, width: int = 900, height: int = 1270) -> str:
    """A screenshot of the first screen of ``html`` (e.g. the README's picture); "" or a note."""
    browser = find_browser()
    if browser is None:
        return "no picture: no Chromium on this machine"
    try:
        _run(
            browser,
            [
                f"--window-size={width},{height}",
                "--hide-scrollbars",
                f"--screenshot={png}",
                html.resolve().as_uri(),
            ],
            png,
        )
    except (OSError, subprocess.SubprocessError, RuntimeError) as err:
        return f"no picture ({err.__class__.__name__})"
    return ""

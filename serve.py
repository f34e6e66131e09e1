"""Start the village app, with the default village computed while the server starts.

    .venv/bin/python serve.py [Streamlit options, e.g. --server.port 8502]     (or: make app)

The same as ``streamlit run app.py`` with the same options and ``.streamlit/config.toml``,
plus one thing: beside the starting server, a thread imports the package and computes what the
first page of the default village shows (:func:`app_pages.common.warm_default`, into the same
caches the pages read). The first visitor's browser loads Streamlit's JavaScript in the
meantime, so the imports and the evaluation no longer wait for it, and the first page answers
from the cache. A warm-up that fails changes nothing: the page computes, and reports, as usual.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def _warm() -> None:
    try:
        from app_pages.common import warm_default

        warm_default()
    except Exception:  # noqa: BLE001 - the page itself computes and reports what went wrong
        pass


def main(argv: list[str]) -> int:
    """Start the warm-up thread, then Streamlit's ``run app.py`` with ``argv`` (blocks)."""
    from streamlit.web import cli as stcli

    threading.Thread(target=_warm, name="wupmodel-warm-up", daemon=True).start()
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *argv]
    return stcli.main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

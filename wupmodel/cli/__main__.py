"""``python -m wupmodel.cli``: the same as the ``wupmodel`` command."""

import sys

from wupmodel.cli import main

sys.exit(main())

"""``python sample_workbooks/make_samples`` (or ``python -m sample_workbooks.make_samples``)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the package, however it was started

from make_samples.cli import main  # noqa: E402

main()

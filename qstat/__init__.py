"""qstat: consolidate the Henan construction-quality statistics workbooks (附表1-7).

import qstat
result = qstat.consolidate("inbox/2024Q3", "2024Q3", config="qstat.toml", out="out/2024Q3")
result.summary()      # what summary.json holds
result.exit_code      # 0 clean, 1 errors found, 2 nothing readable
"""

from .config import Config
from .consolidate import consolidate
from .periods import Period
from .result import Result

__all__ = ["Config", "Period", "Result", "consolidate"]
__version__ = "0.1.0"

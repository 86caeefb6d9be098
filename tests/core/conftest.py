"""The compiled core's tests: the old engine's oracle (oracle.py) importable as ``oracle``."""

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

"""Where the game's own data is: the shipped scenarios and the assets (fonts, encyclopedia).

In the source tree they are the top-level ``scenarios/`` and ``assets/`` folders. A built
package (``pip install .``, a wheel, ``pipx install``) ships them inside the ``game`` package as
``game/scenarios`` and ``game/assets`` (pyproject.toml maps the folders there), and they are
found through :mod:`importlib.resources`, wherever the package is installed. A source checkout
(``pip install -e .``, the tests) has no such folders inside ``game``, and reads the top-level
ones.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

SOURCE_TREE = Path(__file__).resolve().parents[1]


def data_folder(name: str) -> Path:
    """The folder of shipped data called ``name`` (``scenarios`` or ``assets``)."""
    packaged = files("game") / name
    if packaged.is_dir():
        return Path(str(packaged))  # pip always installs packages as files on disk
    return SOURCE_TREE / name


def scenarios_folder() -> Path:
    return data_folder("scenarios")


def assets_folder() -> Path:
    return data_folder("assets")

"""One resolver for bundled files (resources/, forms/), from source and from the frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def bundle_root() -> Path:
    """The folder that holds resources/ and forms/.

    From source it is the repository root (the parent of the package); in a PyInstaller
    one-folder build, build.spec copies both folders next to the package under
    ``sys._MEIPASS``, so the same relative paths work in both.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under resources/, e.g. ``resource_path("admin_units", "communes.csv")``."""
    return bundle_root().joinpath("resources", *parts)


def form_path(*parts: str) -> Path:
    """A file under forms/ (pledge and report templates)."""
    return bundle_root().joinpath("forms", *parts)

"""An example reportlint plugin for meeting minutes (会议纪要)."""

from pathlib import Path


def pack() -> Path:
    """The rule pack folder (entry point ``reportlint.rules``)."""
    return Path(__file__).parent / "pack"

"""reportlint: lint structured report documents against YAML-declared rules."""

__version__ = "0.1.0"

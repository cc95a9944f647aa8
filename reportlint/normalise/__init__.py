"""Pipeline step 2: a normalised view of each line, mapped back to the original.

Matching never happens on raw text. Each line gets a ``NormText``: the text
with widths folded (NFKC), odd spaces unified, zero-width characters dropped,
spaces between hanzi removed and Traditional characters mapped to Simplified,
together with the original column of every character.
"""

from reportlint.normalise.text import LineViews, NormText, fold_line, normalise_line

__all__ = ["LineViews", "NormText", "fold_line", "normalise_line"]

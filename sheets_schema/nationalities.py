"""The nationalities coordinators' figures name; any other counts as „weitere“."""

from __future__ import annotations

# Coordinators see only these rows (fixed, whatever the data): a label taken from the
# free-text column could itself name a single person's nationality. Spelled as the sheets
# hold them; case and spaces do not matter when counting.
REPORTED_NATIONALITIES: tuple[str, ...] = (
    "syrisch",
    "ukrainisch",
    "afghanisch",
    "irakisch",
    "türkisch",
    "iranisch",
    "eritreisch",
    "somalisch",
    "russisch",
    "georgisch",
    "guineisch",
    "nigerianisch",
    "staatenlos",
)

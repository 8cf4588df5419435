"""Whatever a user typed prints as typed in the PDF: Typst never reads it as markup or code."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from casebook.cases.documents import render_pdf

# Typst's markup and code characters, German letters, and the rest of printable ASCII.
ALPHABET = st.sampled_from(
    list("#$*_`<>@=[]{}\\/~-+\"'()%&;:,.!?") + list("äöüßÄÖÜéç") + [chr(c) for c in range(48, 123)]
)


def document(text: str) -> dict[str, object]:
    return {
        "title": "Fallblatt KIM-XAN-2026-0001",
        "author": text,
        "keywords": [text],
        "subtitle": text,
        "footer": text,
        "sections": [{"title": text, "rows": [["Notiz", text]], "empty": ""}],
        "tables": [{"title": "Kontakte", "headers": ["Notiz"], "rows": [[text]], "empty": ""}],
        "signatures": [],
    }


def squeezed(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(ALPHABET, min_size=1, max_size=60))
def test_any_typed_text_comes_out_of_the_pdf_as_it_went_in(text: str) -> None:
    pdf = render_pdf(document(text))
    extracted = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    assert squeezed(text) in squeezed(extracted)


def test_a_note_that_looks_like_typst_code_is_not_run() -> None:
    text = '#import "/etc/passwd" #read("/etc/hostname") #panic("x")'
    pdf = render_pdf(document(text))
    extracted = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    assert squeezed(text) in squeezed(extracted)

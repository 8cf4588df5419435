"""The client script reaches the browser whole: Streamlit's HTML sanitiser drops a script that
contains anything that looks like a tag, and then nothing of it runs (lang stays "en")."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from ui.client_helpers import CSS_FILE, SCRIPT_FILE


def test_the_script_has_nothing_the_sanitiser_takes_for_a_tag() -> None:
    # DOMPurify removes a <script> whose text matches this (its SAFE_FOR_XML check).
    assert re.findall(r"<[/\w!].{0,20}", SCRIPT_FILE.read_text(encoding="utf-8")) == []


def test_the_stylesheet_holds_only_rules_so_it_takes_no_room() -> None:
    assert "<" not in CSS_FILE.read_text(encoding="utf-8")


def _app() -> None:
    from ui.client_helpers import install_client_helpers

    install_client_helpers()


def test_the_helpers_render_as_html_with_javascript_enabled() -> None:
    at = AppTest.from_function(_app).run()
    assert not at.exception
    bodies = [element.proto.body for element in at.get("html")]
    assert any("kimClientHelpers" in body and body.startswith("<script>") for body in bodies)

"""The page kept across the town's sign-in is always one of the app's own pages."""

from __future__ import annotations

import pytest

from casebook.core.actors import Role
from ui.wanted_page import WantedPage, page_after_sign_in, wanted_page


def test_a_case_address_is_kept_with_its_query() -> None:
    wanted = wanted_page("fall", {"id": "KIM-MOE-2026-0007"})
    assert wanted == WantedPage("fall", (("id", "KIM-MOE-2026-0007"),))


@pytest.mark.parametrize(
    "url_path",
    [
        "",  # the login at the app's root: nothing wanted
        "anmeldung",
        "https://evil.example/phish",
        "//evil.example",
        "evil.example/fall",
        "../fall",
        "geheim",
    ],
)
def test_an_address_that_is_no_page_of_the_app_is_not_kept(url_path: str) -> None:
    assert wanted_page(url_path, {"id": "KIM-MOE-2026-0007"}) is None


def test_overlong_or_odd_query_values_are_left_out() -> None:
    query: dict[str, object] = {"id": "KIM-MOE-2026-0007", "x": "y" * 500, "n": 3}
    query.update({f"k{i}": "v" for i in range(10)})
    wanted = wanted_page("fall", query)
    assert wanted is not None
    assert ("id", "KIM-MOE-2026-0007") in wanted.query
    assert all(key not in ("x", "n") for key, _ in wanted.query)
    assert len(wanted.query) == 5


def test_after_sign_in_the_kept_page_opens_with_its_query() -> None:
    target = page_after_sign_in(
        WantedPage("fall", (("id", "KIM-MOE-2026-0007"),)), Role.CASE_MANAGEMENT
    )
    assert target is not None
    spec, query = target
    assert spec.path == "pages/fall.py"
    assert query == {"id": "KIM-MOE-2026-0007"}


def test_a_page_the_role_may_not_open_is_not_opened() -> None:
    # A coordinator never gets the case page, whatever was kept before signing in.
    assert (
        page_after_sign_in(WantedPage("fall", (("id", "KIM-MOE-2026-0007"),)), Role.COORDINATION)
        is None
    )
    assert page_after_sign_in(WantedPage("auswertung"), Role.COORDINATION) is not None


@pytest.mark.parametrize(
    "kept",
    [None, "fall?id=KIM-MOE-2026-0007", {"url_path": "fall"}, WantedPage("https://evil.example")],
)
def test_anything_else_kept_is_ignored(kept: object) -> None:
    assert page_after_sign_in(kept, Role.CASE_MANAGEMENT) is None

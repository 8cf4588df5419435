"""The index follows saves: upsert adds or replaces a case, remove forgets it, reads stay safe."""

from __future__ import annotations

import threading

from casebook.search.index import SearchDoc, SearchIndex


def _doc(key: str, first: str | None, last: str | None, phone: str | None = None) -> SearchDoc:
    return SearchDoc(key=key, first_name=first, last_name=last, phone=phone, birth_date=None)


def test_an_upserted_case_is_found() -> None:
    index = SearchIndex.build([_doc("KIM-XAN-2026-0001", "Anna", "Becker")])

    index.upsert(_doc("KIM-XAN-2026-0002", "Олена", "Коваль", phone="0170 7654321"))

    assert len(index) == 2
    assert index.search("Olena Koval")[0].key == "KIM-XAN-2026-0002"
    assert index.search("0170 7654321")[0].key == "KIM-XAN-2026-0002"
    assert index.search("XAN-2026-0002")[0].key == "KIM-XAN-2026-0002"


def test_an_upsert_with_a_known_key_replaces_the_old_values() -> None:
    index = SearchIndex.build([_doc("KIM-XAN-2026-0001", "Anna", "Becker", phone="0170 1111111")])

    index.upsert(_doc("KIM-XAN-2026-0001", "Anna", "Schulz", phone="0170 2222222"))

    assert len(index) == 1
    assert index.search("Becker") == []
    assert index.search("0170 1111111") == []
    assert index.search("Schulz")[0].key == "KIM-XAN-2026-0001"
    assert index.search("0170 2222222")[0].key == "KIM-XAN-2026-0001"


def test_a_removed_case_is_not_found_by_any_field() -> None:
    index = SearchIndex.build(
        [
            _doc("KIM-XAN-2026-0001", "Anna", "Becker", phone="0170 1111111"),
            _doc("KIM-XAN-2026-0002", "Hans", "Weber"),
        ]
    )

    index.remove("KIM-XAN-2026-0001")

    assert len(index) == 1
    assert "KIM-XAN-2026-0001" not in index
    assert index.search("Becker") == []
    assert index.search("0170 1111111") == []
    assert index.search("KIM-XAN-2026-0001") == []
    assert index.search("Weber")[0].key == "KIM-XAN-2026-0002"


def test_removing_an_unknown_key_changes_nothing() -> None:
    index = SearchIndex.build([_doc("KIM-XAN-2026-0001", "Anna", "Becker")])

    index.remove("KIM-XAN-2026-9999")

    assert len(index) == 1


def test_an_empty_index_finds_nothing_until_a_case_is_added() -> None:
    index = SearchIndex.build([])

    assert len(index) == 0
    assert index.search("Becker") == []
    index.upsert(_doc("KIM-XAN-2026-0001", "Anna", "Becker"))
    assert index.search("Becker")[0].key == "KIM-XAN-2026-0001"


def test_a_key_given_twice_to_build_counts_as_its_last_version() -> None:
    index = SearchIndex.build(
        [_doc("KIM-XAN-2026-0001", "Anna", "Becker"), _doc("KIM-XAN-2026-0001", "Anna", "Schulz")]
    )

    assert len(index) == 1
    assert index.search("Becker") == []
    assert index.search("Schulz")[0].key == "KIM-XAN-2026-0001"


def test_many_saves_of_one_case_keep_one_hit() -> None:
    index = SearchIndex.build([_doc("KIM-XAN-2026-0001", "Anna", "Becker")])

    for number in range(2500):
        index.upsert(_doc("KIM-XAN-2026-0001", "Anna", f"Becker{'x' * (number % 3)}"))

    assert len(index) == 1
    assert [hit.key for hit in index.search("Anna Beckerx")] == ["KIM-XAN-2026-0001"]


def test_searches_in_other_threads_see_a_consistent_index_during_saves() -> None:
    keys = [f"KIM-MOE-2026-{number:04d}" for number in range(1, 301)]
    index = SearchIndex.build(_doc(key, "Jürgen", "Müller") for key in keys)
    failures: list[str] = []
    stop = threading.Event()

    def search_until_stopped() -> None:
        while not stop.is_set():
            hits = index.search("Juergen Mueller", limit=1000)
            # Every save replaces one Müller by another: the count never changes.
            if len(hits) != len(keys):
                failures.append(f"{len(hits)} hits")

    readers = [threading.Thread(target=search_until_stopped) for _ in range(3)]
    for reader in readers:
        reader.start()
    for number, key in enumerate(keys):
        index.upsert(_doc(key, "Jürgen", "Müller", phone=f"0170 {number:07d}"))
    stop.set()
    for reader in readers:
        reader.join()

    assert failures == []
    assert index.search("0170 0000299")[0].key == keys[-1]

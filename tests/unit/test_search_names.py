"""Name search finds a client in any script and spelling, with typos, swapped or partial input."""

from __future__ import annotations

import pytest

from casebook.search.index import MatchedField, SearchDoc, SearchIndex

TARGET = "KIM-XAN-2026-0001"

# Clearly different names around each target, from all origins, so that a family test fails
# when the target is not the best hit.
DISTRACTORS = (
    ("Tetiana", "Bondarenko"),
    ("Ahmad", "Rahimi"),
    ("Zeynep", "Yılmaz"),
    ("Yohannes", "Tekle"),
    ("Sabine", "Schneider"),
    ("Khaled", "Al-Khatib"),
    ("Iryna", "Kovalenko"),
    ("Hans", "Becker"),
    ("Samira", "Nazari"),
    ("Emine", "Kaya"),
    ("Saba", "Kahsay"),
)


def _doc(key: str, first: str | None, last: str | None) -> SearchDoc:
    return SearchDoc(key=key, first_name=first, last_name=last, phone=None, birth_date=None)


def _index_with(first: str | None, last: str | None) -> SearchIndex:
    docs = [_doc(TARGET, first, last)]
    docs += [
        _doc(f"KIM-DIN-2025-{number:04d}", f, last_name)
        for number, (f, last_name) in enumerate(DISTRACTORS, 1)
    ]
    return SearchIndex.build(docs)


def _best_key(index: SearchIndex, query: str) -> str | None:
    hits = index.search(query)
    return hits[0].key if hits else None


@pytest.mark.parametrize(
    ("stored_first", "stored_last", "query"),
    [
        # Ukrainian in Cyrillic, passport, German and Russian spellings
        ("Олександр", "Шевченко", "Oleksandr Shevchenko"),
        ("Олександр", "Шевченко", "Aleksandr Schewtschenko"),
        ("Олександр", "Шевченко", "Schewtschenko"),
        ("Oleksandr", "Shevchenko", "Олександр Шевченко"),
        ("Oleksandr", "Shevchenko", "Шевченко"),
        ("Aleksandr", "Schewtschenko", "Shevchenko"),
        ("Oleksandr", "Ševčenko", "Shevchenko"),
        ("Андрій", "Ткаченко", "Andrii Tkachenko"),
        ("Andriy", "Tkachenko", "Andrij Tkatschenko"),
        ("Юлія", "Кравець", "Julija Krawez"),
        ("Yuliia", "Kravets", "Юлія Кравець"),
        ("Сергій", "Мельник", "Serhii Melnyk"),
        ("Serhiy", "Melnyk", "Sergej Melnik"),
        ("Євген", "Іваненко", "Yevhen Ivanenko"),
        ("Jewgeni", "Iwanenko", "Yevhen Ivanenko"),
        ("Mykhailo", "Kharchenko", "Michajlo Chartschenko"),
        # Arabic script and the many Latin spellings of Arabic names
        ("محمد", "حداد", "Mohammed Haddad"),
        ("محمد", "حداد", "Muhammad Hadad"),
        ("محمد", "حداد", "Mohamed"),
        ("Mohammed", "Haddad", "محمد"),
        ("Muhammad", "Haddad", "Mohamed Haddad"),
        ("Mohamed", "Haddad", "mhmd"),
        ("يوسف", "الحسن", "Youssef Al-Hassan"),
        ("Yusuf", "Al-Hassan", "Youssef Hassan"),
        ("عائشة", "خليل", "Aisha Khalil"),
        ("Khaled", "Mansour", "Khalid Mansur"),
        ("Abdul Rahman", "Othman", "Abdulrahman Osman"),
        ("عبد الله", "صالح", "Abdullah Saleh"),
        ("فاطمة", "درويش", "Fatima Darwish"),
        # Dari in Persian script
        ("حمید", "حسینی", "Hamid Hosseini"),
        ("Zahra", "Ahmadzai", "زهرا احمدزی"),
        ("جواد", "رضایی", "Jawad Rezaei"),
        # Turkish letters, German umlaut spellings and plain ASCII
        ("Ayşe", "Öztürk", "Ayse Oeztuerk"),
        ("Ayşe", "Öztürk", "Ozturk"),
        ("Ayse", "Oeztuerk", "Öztürk"),
        ("Hüseyin", "Çelik", "Hueseyin Celik"),
        ("Hüseyin", "Çelik", "Tschelik"),
        ("Mehmet", "Yıldız", "Mehmet Yildiz"),
        # German umlauts and ß
        ("Jürgen", "Müller", "Juergen Mueller"),
        ("Jürgen", "Müller", "Mueller"),
        ("Jürgen", "Müller", "muller"),
        ("Juergen", "Mueller", "Jürgen Müller"),
        ("Klaus", "Weiß", "Klaus Weiss"),
        ("Stephan", "Hoffmann", "Stefan Hofmann"),
        ("Christian", "Groß", "Kristian Gross"),
        # Tigrinya in Ge'ez script and Latin spellings
        ("ተስፋይ", "ገብረማርያም", "Tesfay Gebremariam"),
        ("Tesfaye", "Ghebremariam", "Tesfai Gebre Mariam"),
        ("Yohannes", "Gebreyesus", "Johannes Ghebreyesus"),
    ],
)
def test_a_name_is_found_in_another_spelling_or_script(
    stored_first: str, stored_last: str, query: str
) -> None:
    index = _index_with(stored_first, stored_last)

    hits = index.search(query)

    assert hits, f"nothing found for {query!r}"
    assert hits[0].key == TARGET
    assert hits[0].matched is MatchedField.NAME


@pytest.mark.parametrize(
    ("stored_first", "stored_last", "query"),
    [
        ("Oleksandr", "Shevchenko", "Oleksandr Shevchneko"),
        ("Oleksandr", "Shevchenko", "Olexsandr Schewtschnko"),
        ("Jürgen", "Müller", "Jürgen Mülelr"),
        ("Ayşe", "Öztürk", "Aysee Ozturk"),
        ("Mohammed", "Haddad", "Mohammed Hadadd"),
        ("Tesfay", "Gebremariam", "Tesfay Gebremarim"),
        ("Hamid", "Hosseini", "Hamd Hoseini"),
    ],
)
def test_a_name_with_a_typo_is_found(stored_first: str, stored_last: str, query: str) -> None:
    assert _best_key(_index_with(stored_first, stored_last), query) == TARGET


@pytest.mark.parametrize(
    "query",
    ["Shevchenko Oleksandr", "Schewtschenko, Aleksandr", "Шевченко Олександр", "shevchenko o"],
)
def test_last_name_first_finds_the_same_person(query: str) -> None:
    assert _best_key(_index_with("Oleksandr", "Shevchenko"), query) == TARGET


@pytest.mark.parametrize("query", ["Schev", "Shevch", "Oleksandr Shev", "Olek", "Шев"])
def test_the_beginning_of_a_name_is_enough(query: str) -> None:
    assert _best_key(_index_with("Oleksandr", "Shevchenko"), query) == TARGET


def test_a_compound_name_is_found_written_apart_or_together() -> None:
    index = _index_with("Abdul Rahman", "Al-Khatib")

    assert _best_key(index, "Abdulrahman Alkhatib") == TARGET
    assert _best_key(index, "Abdul Rahman Khatib") == TARGET


@pytest.mark.parametrize("query", ["Hartmann", "Weber", "Ibrahim", "Tsegay", "Schmidt Peter"])
def test_a_clearly_different_name_finds_nothing(query: str) -> None:
    index = _index_with("Oleksandr", "Shevchenko")

    assert index.search(query) == []


def test_a_full_name_query_does_not_offer_someone_with_only_the_same_first_name() -> None:
    index = SearchIndex.build(
        [
            _doc("KIM-XAN-2026-0001", "Jürgen", "Müller"),
            _doc("KIM-XAN-2026-0002", "Jürgen", "Schmidt"),
        ]
    )

    assert [hit.key for hit in index.search("Juergen Mueller")] == ["KIM-XAN-2026-0001"]


def test_the_hit_shows_the_stored_name() -> None:
    hits = _index_with("Олександр", "Шевченко").search("Shevchenko")

    assert hits[0].matched_text == "Олександр Шевченко"


def test_a_case_without_a_name_is_not_found_by_name() -> None:
    index = SearchIndex.build([_doc(TARGET, None, None)])

    assert index.search("Müller") == []


def test_a_beginning_cut_inside_a_letter_group_is_enough() -> None:
    assert _best_key(_index_with("Tetiana", "Kravchenko"), "Tetiana Kravc") == TARGET


def test_a_longer_name_does_not_find_its_shorter_beginning() -> None:
    index = SearchIndex.build([_doc(TARGET, "Ali", "Kaya")])

    assert index.search("Alina") == []


@pytest.mark.parametrize(
    ("stored_first", "stored_last", "query"),
    [
        ("Çağlar", "Kılıç", "Tschaglar Kilitsch"),
        ("Ayşe", "Şahin", "Ayse Sahin"),
        ("Mohammad", "Alhalabi", "Mohammed Halabi"),
        ("خديجة", "صالح", "Khadija Salih"),
        ("Tesfai", "Weldemichael", "Tesfaye Welde Mikael"),
    ],
)
def test_turkish_spoken_spellings_articles_and_split_compounds_are_found(
    stored_first: str, stored_last: str, query: str
) -> None:
    assert _best_key(_index_with(stored_first, stored_last), query) == TARGET


def test_hussein_in_arabic_script_finds_hussain_before_hasan() -> None:
    index = SearchIndex.build(
        [_doc("KIM-XAN-2026-0001", "Hasan", "Kaya"), _doc("KIM-XAN-2026-0002", "Hussain", "Kaya")]
    )

    assert _best_key(index, "حسين") == "KIM-XAN-2026-0002"

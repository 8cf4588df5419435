"""Benchmark of the case search: build time, latency and recall on synthetic corpora."""

from __future__ import annotations

import platform
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from casebook.demo.names import PersonName, random_identity, spell, with_typo
from casebook.search.index import SearchDoc, SearchIndex

SIZES = (1_000, 10_000, 50_000)
QUERIES_PER_SIZE = 1000
TOWNS = ("XAN", "DIN", "MOE", "WES", "KLF")
SEED = 20260707


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    relevant: Callable[[str], bool]  # Fall-ID -> is this a right answer?


def _phone(rng: random.Random) -> str:
    return f"01{rng.choice('567')}{rng.randrange(10)}{rng.randrange(1_000_000, 9_999_999)}"


def _phone_formats(digits: str, rng: random.Random) -> str:
    national = digits[1:]
    prefix, rest = national[:3], national[3:]
    return rng.choice(
        (
            f"0{prefix} {rest}",
            f"+49 {prefix} {rest}",
            f"0049-{prefix}/{rest}",
            f"(0{prefix}) {rest[:3]}-{rest[3:]}",
            f"+49{national}",
        )
    )


def make_corpus(size: int, rng: random.Random) -> tuple[list[SearchDoc], dict[str, PersonName]]:
    docs: list[SearchDoc] = []
    people: dict[str, PersonName] = {}
    for number in range(size):
        person = random_identity(rng)
        first, last = spell(person, rng)
        key = f"KIM-{TOWNS[number % 5]}-{2020 + number % 7}-{number // 35 + 1:04d}"
        phone = _phone(rng) if rng.random() < 0.7 else None
        if phone and rng.random() < 0.5:
            phone = _phone_formats(phone, rng)
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(60 * 365))
        docs.append(SearchDoc(key, first, last, phone, born if rng.random() < 0.9 else None))
        people[key] = person
    return docs, people


def _other(rng: random.Random, spellings: tuple[str, ...], stored: str | None) -> str:
    others = [text for text in spellings if text != stored]
    return rng.choice(others or list(spellings))


def _name_query(
    doc: SearchDoc, person: PersonName, people: dict[str, PersonName], rng: random.Random
) -> Query:
    first = _other(rng, person.first_spellings, doc.first_name)
    last = _other(rng, person.last_spellings, doc.last_name)
    kinds = ["spelling"]
    if rng.random() < 0.35:
        if rng.random() < 0.5:
            first = with_typo(rng, first)
        else:
            last = with_typo(rng, last)
        kinds.append("typo")
    if rng.random() < 0.3:
        first, last = last, first
        kinds.append("swapped")
    roll = rng.random()

    def same_person(key: str) -> bool:
        return people[key] == person

    def same_last_name(key: str) -> bool:
        other = people[key]
        return (other.origin, other.last) == (person.origin, person.last)

    if roll < 0.1 and "swapped" not in kinds:
        return Query(last, "+".join([*kinds, "last-only"]), same_last_name)
    if roll < 0.2 and "swapped" not in kinds and len(last) >= 6 and last.isascii():
        return Query(f"{first} {last[:5]}", "+".join([*kinds, "prefix"]), same_person)
    text = f"{first} {last}"
    if rng.random() < 0.3:
        text = text.lower()
    return Query(text, "+".join(kinds), same_person)


def _born_on(dates: dict[str, date | None], born: date) -> Callable[[str], bool]:
    def relevant(key: str) -> bool:
        return dates[key] == born

    return relevant


def make_queries(
    docs: list[SearchDoc], people: dict[str, PersonName], count: int, rng: random.Random
) -> list[Query]:
    queries: list[Query] = []
    dates = {doc.key: doc.birth_date for doc in docs}
    for _ in range(count):
        doc = rng.choice(docs)
        roll = rng.random()
        if roll < 0.7:
            queries.append(_name_query(doc, people[doc.key], people, rng))
        elif roll < 0.8:
            tail = doc.key.split("-", 1)[1] if rng.random() < 0.5 else doc.key
            queries.append(Query(tail, "case-id", doc.key.__eq__))
        elif roll < 0.9 and doc.phone:
            digits = "".join(ch for ch in doc.phone if ch.isdigit())
            national = "0" + digits[-10:]
            queries.append(Query(_phone_formats(national, rng), "phone", doc.key.__eq__))
        elif doc.birth_date:
            born = doc.birth_date
            text = rng.choice(
                (
                    born.strftime("%d.%m.%Y"),
                    f"{born.day}.{born.month}.{born:%y}",
                    born.isoformat(),
                    born.strftime("%d/%m/%Y"),
                )
            )
            queries.append(Query(text, "birth-date", _born_on(dates, born)))
        else:
            queries.append(_name_query(doc, people[doc.key], people, rng))
    return queries


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run() -> None:
    import os

    print(f"Python {platform.python_version()}, CPU {_cpu_model()}, {os.cpu_count()} cores\n")
    print("| docs | build s | upsert ms | queries | median ms | p95 ms | recall@1 | recall@5 |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    by_kind_last: dict[str, list[tuple[bool, bool]]] = {}
    for size in SIZES:
        rng = random.Random(SEED + size)
        docs, people = make_corpus(size, rng)
        started = time.perf_counter()
        index = SearchIndex.build(docs)
        build = time.perf_counter() - started
        queries = make_queries(docs, people, QUERIES_PER_SIZE, rng)
        for query in queries[:20]:
            index.search(query.text)  # warm caches before timing
        latencies: list[float] = []
        by_kind: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
        for query in queries:
            started = time.perf_counter()
            hits = index.search(query.text, limit=20)
            latencies.append((time.perf_counter() - started) * 1000)
            at1 = bool(hits) and query.relevant(hits[0].key)
            at5 = any(query.relevant(hit.key) for hit in hits[:5])
            by_kind[query.kind].append((at1, at5))
        started = time.perf_counter()
        index.upsert(docs[len(docs) // 2])
        upsert_ms = (time.perf_counter() - started) * 1000
        outcomes = [outcome for results in by_kind.values() for outcome in results]
        recall1 = sum(a for a, _ in outcomes) / len(outcomes)
        recall5 = sum(b for _, b in outcomes) / len(outcomes)
        print(
            f"| {size:,} | {build:.2f} | {upsert_ms:.1f} | {len(queries)} "
            f"| {statistics.median(latencies):.2f} | {_percentile(latencies, 0.95):.2f} "
            f"| {recall1:.3f} | {recall5:.3f} |"
        )
        by_kind_last = by_kind
    print(f"\nRecall by query kind at {SIZES[-1]:,} docs:\n")
    print("| kind | queries | recall@1 | recall@5 |")
    print("|---|---:|---:|---:|")
    for kind, results in sorted(by_kind_last.items()):
        r1 = sum(a for a, _ in results) / len(results)
        r5 = sum(b for _, b in results) / len(results)
        print(f"| {kind} | {len(results)} | {r1:.3f} | {r5:.3f} |")


if __name__ == "__main__":
    run()

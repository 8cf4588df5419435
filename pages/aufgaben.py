"""Page „Meine Aufgaben“: appointments, Wiedervorlagen, reviews, referrals, titles and consents due."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from casebook.cases.tasks import Task, TaskKind, assigned_to, my_tasks
from casebook.cases.worklists import end_of_week
from casebook.core.town_data import TownData
from casebook.messages import storage_message
from casebook.storage.base import StorageError
from ui.case_table import case_link
from ui.layout import table_height
from ui.loading import load
from ui.session import AppContext, run_page

MINE, ALL = "Nur meine Fälle", "Alle Fälle der Kommune"

EXPLAINED: dict[TaskKind, str] = {
    TaskKind.APPOINTMENT_PASSED: "Geplante Termine, deren Datum vorbei ist.",
    TaskKind.APPOINTMENT: "Kontakte mit „Geplant“ = ja in den nächsten 14 Tagen.",
    TaskKind.FOLLOW_UP: "Wiedervorlagen bis Ende dieser Woche und überfällige.",
    TaskKind.GOAL_REVIEW: "Offene Ziele: Zieldatum erreicht oder seit 90 Tagen nicht überprüft.",
    TaskKind.REFERRAL: "Vermittlungen, die nach 21 Tagen noch kein Ergebnis haben.",
    TaskKind.RESIDENCE: "Aufenthaltstitel, die in 90 Tagen enden oder abgelaufen sind.",
    TaskKind.CONSENT: "Einwilligung fehlt, wurde widerrufen oder ist bald zwei Jahre alt.",
}


def _when(days: int) -> str:
    if days == 0:
        return "heute"
    if days < 0:
        return f"seit {-days} Tag{'en' if days < -1 else ''}"
    return f"in {days} Tag{'en' if days > 1 else ''}"


def _frame(tasks: list[Task]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Fall-ID": [case_link(task.case_id) for task in tasks],
            "Name": [task.name for task in tasks],
            "Fällig": [task.due for task in tasks],
            "Wann": [_when(task.days) for task in tasks],
            "Was": [task.detail for task in tasks],
            "Fallmanager:in": [task.case_manager or "" for task in tasks],
        }
    )


def _task_list(kind: TaskKind, tasks: list[Task], key: str) -> None:
    st.subheader(f"{kind.value} ({len(tasks)})")
    st.caption(EXPLAINED[kind])
    st.dataframe(
        _frame(tasks),
        hide_index=True,
        width="stretch",
        height=table_height(len(tasks), 400),
        key=key,
        column_config={
            "Fall-ID": st.column_config.LinkColumn("Fall-ID", display_text=r"id=(.*)$"),
            "Fällig": st.column_config.DateColumn("Fällig", format="DD.MM.YYYY"),
            "Was": st.column_config.TextColumn("Was", width="large"),
        },
    )


def _loaded(ctx: AppContext) -> list[TownData]:
    towns = []
    for source in ctx.sources:
        try:
            towns.append(load(source, ctx.actor, ctx.today))
        except StorageError as error:
            st.error(f"{source.town.value}: {storage_message(error)}")
    return towns


def main(ctx: AppContext) -> None:
    st.title("Meine Aufgaben")
    st.caption(
        f"Stand {ctx.today:%d.%m.%Y}; Wiedervorlagen bis Sonntag, "
        f"{end_of_week(ctx.today):%d.%m.%Y}. Ein Klick auf die Fall-ID öffnet den Fall."
    )
    towns = _loaded(ctx)
    assigned = {data.town: assigned_to(data, ctx.actor.name) for data in towns}
    # Someone without cases of their own (a stand-in, the demo) starts with the whole town.
    scope = st.radio(
        "Fälle",
        [MINE, ALL],
        index=0 if any(assigned.values()) else 1,
        horizontal=True,
        key="aufgaben.umfang",
    )
    only_mine = scope == MINE
    for data in towns:
        if len(towns) > 1:
            st.header(data.town.value)
        if only_mine and not assigned[data.town]:
            st.info(
                f"In {data.town.value} nennt kein offener Fall Sie („{ctx.actor.name}“) als "
                "Fallmanager:in. Wählen Sie „Alle Fälle der Kommune“ oder tragen Sie sich im "
                "Fall als Fallmanager:in ein."
            )
            continue
        tasks = my_tasks(ctx.source(data.town), data, ctx.actor, ctx.today, only_mine)
        if not tasks:
            st.success("Heute ist nichts fällig.")
            continue
        nothing = []
        for kind in TaskKind:
            due = [task for task in tasks if task.kind is kind]
            if due:
                _task_list(kind, due, f"aufgaben.{data.town.code}.{kind.name}")
            else:
                nothing.append(kind.value)
        if nothing:
            st.caption("Nichts fällig: " + ", ".join(nothing) + ".")


if __name__ == "__main__":
    run_page(main)

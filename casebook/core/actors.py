"""Who acts: a user's name, role and the towns they work for."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sheets_schema.enums import Town


class Role(StrEnum):
    CASE_MANAGEMENT = "Fallmanagement"
    COORDINATION = "Koordination"
    ADMINISTRATION = "Administration"


@dataclass(frozen=True)
class Actor:
    """The acting user; every service call takes one and checks it."""

    name: str
    role: Role
    towns: frozenset[Town]

    def may_edit(self, town: Town) -> bool:
        return self.role is Role.CASE_MANAGEMENT and town in self.towns

    def may_read_personal_data(self, town: Town) -> bool:
        return self.role is Role.CASE_MANAGEMENT and town in self.towns

    def may_view_aggregates(self, town: Town) -> bool:
        """Counts without names: coordinators for their towns, case managers for their own."""
        return self.role in (Role.COORDINATION, Role.CASE_MANAGEMENT) and town in self.towns

    def may_administer(self, town: Town) -> bool:
        """Deletion runs and the sources of a town; never the personal data itself."""
        return self.role is Role.ADMINISTRATION and town in self.towns

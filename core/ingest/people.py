"""Finding reps by email or by name, and creating the ones an import names but lacks.

Emails are compared lower-case; names case-insensitively with spaces trimmed and
runs of spaces taken as one, so "  ada  LOVELACE" is "Ada Lovelace". A name shared by
two reps finds neither: the import must then use the email.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlmodel import Session, SQLModel

from core.ingest.bulk import insert_returning_ids
from core.ingest.records import PLACEHOLDER_DOMAIN, CreatedRep
from core.models import Role

REP = SQLModel.metadata.tables["rep"]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def email_key(text: str) -> str:
    return text.strip().lower()


def looks_like_email(text: str) -> bool:
    return _EMAIL.match(text.strip()) is not None


def person_key(text: str) -> str:
    """One key for the ways of writing one person's email, or else one person's name."""
    return email_key(text) if looks_like_email(text) else name_key(text)


def is_placeholder(email: str) -> bool:
    return email.endswith("@" + PLACEHOLDER_DOMAIN)


def name_from_email(email: str) -> str:
    """ "ada.lovelace@example.com" -> "Ada Lovelace": a readable name until a real one comes."""
    local = email.partition("@")[0]
    return " ".join(part.capitalize() for part in re.split(r"[._\-+]+", local) if part) or local


@dataclass(slots=True)
class StoredRep:
    id: int
    name: str
    email: str
    team_id: int | None = None
    manager_id: int | None = None
    role: str = Role.REP
    hire_date: date | None = None


class UnknownPerson(LookupError):
    """Nobody has that email or name."""


class AmbiguousName(LookupError):
    """More than one rep has that name."""


class RepDirectory:
    """Every stored rep, by id, by email and by name."""

    def __init__(self, reps: Iterable[StoredRep] = ()) -> None:
        self.by_id: dict[int, StoredRep] = {}
        self.by_email: dict[str, StoredRep] = {}
        self.by_name: defaultdict[str, list[StoredRep]] = defaultdict(list)
        self.taken_emails: set[str] = set()
        for rep in reps:
            self.add(rep)

    @classmethod
    def load(cls, session: Session) -> RepDirectory:
        columns = (
            REP.c.id, REP.c.name, REP.c.email, REP.c.team_id, REP.c.manager_id,
            REP.c.role, REP.c.hire_date,
        )  # fmt: skip
        return cls(StoredRep(*row) for row in session.execute(select(*columns)))

    def add(self, rep: StoredRep) -> None:
        self.by_id[rep.id] = rep
        self.by_email[email_key(rep.email)] = rep
        self.by_name[name_key(rep.name)].append(rep)
        self.taken_emails.add(email_key(rep.email))

    def find(self, who: str) -> StoredRep:
        """The rep with this email or name; `LookupError` with the reason when none fits."""
        if looks_like_email(who):
            found = self.by_email.get(email_key(who))
            if found is not None:
                return found
        named = self.by_name.get(name_key(who), [])
        if len(named) > 1:
            raise AmbiguousName(f"{len(named)} reps are named {who.strip()!r}; use the email")
        if not named:
            raise UnknownPerson(f"no rep has the email or name {who.strip()!r}")
        return named[0]

    def placeholder_email(self, name: str) -> str:
        """A unique address under a reserved domain (RFC 2606), kept until a real one comes."""
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", ".", ascii_name.lower()).strip(".") or "rep"
        email, number = f"{slug}@{PLACEHOLDER_DOMAIN}", 1
        while email in self.taken_emails:
            number += 1
            email = f"{slug}.{number}@{PLACEHOLDER_DOMAIN}"
        self.taken_emails.add(email)
        return email


@dataclass
class OwnerResolver:
    """The rep each owner text names, found once per distinct text.

    With `create`, a text that names nobody plans a new rep: it is given a negative
    stand-in id until `create_planned` stores the planned reps and returns their ids.
    """

    directory: RepDirectory
    create: bool = False
    planned: list[CreatedRep] = field(default_factory=list)
    _known: dict[str, int | LookupError] = field(default_factory=dict)
    _planned_by_key: dict[str, int] = field(default_factory=dict)

    def resolve(self, who: str) -> int:
        """The owner's id (negative while planned); raises `LookupError` with the reason."""
        found = self._known.get(who)
        if found is None:
            found = self._known[who] = self._look_up(who)
        if isinstance(found, LookupError):
            raise found
        return found

    def _look_up(self, who: str) -> int | LookupError:
        try:
            return self.directory.find(who).id
        except UnknownPerson as error:
            if not self.create:
                return error
        except AmbiguousName as error:
            return error

        # The same person may be written in several ways: plan them once.
        key = person_key(who)
        if key not in self._planned_by_key:
            if looks_like_email(who):
                rep = CreatedRep(name_from_email(who), email_key(who), Role.REP)
                self.directory.taken_emails.add(rep.email)
            else:
                name = " ".join(who.split())
                rep = CreatedRep(name, self.directory.placeholder_email(name), Role.REP)
            self.planned.append(rep)
            self._planned_by_key[key] = -len(self.planned)
        return self._planned_by_key[key]

    def create_planned(self, session: Session) -> dict[int, int]:
        """Store the planned reps; the map from stand-in id to real id."""
        rows = [
            {"name": rep.name, "email": rep.email, "role": rep.role, "active": True}
            for rep in self.planned
        ]
        ids = insert_returning_ids(session, REP, rows)
        return {-(index + 1): rep_id for index, rep_id in enumerate(ids)}

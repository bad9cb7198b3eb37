"""What every command needs: the settings, the calendar and the database, opened lazily."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from core.config import Settings, load_settings
from core.periods import FiscalCalendar
from core.storage import database_url, open_database


@dataclass
class AppContext:
    database: str | None = None
    config_path: Path | None = None
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    @cached_property
    def settings(self) -> Settings:
        return load_settings(self.config_path)

    @cached_property
    def calendar(self) -> FiscalCalendar:
        return FiscalCalendar(self.settings.calendar)

    @cached_property
    def engine(self) -> Engine:
        return open_database(self.database or database_url())

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

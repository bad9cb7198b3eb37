"""Reps, quotas and activities from CSV files."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session, select

from core.models import Activity, Quota, Rep, Team, TeamMembership
from tests.crm.builders import add_reps, import_file, write_csv

REPS = """
    Name,Email,Team,Region,Manager,Role,Hire Date
    Ada Lovelace,ADA@Example.com,East,Americas,Dora Bellweather,,2024-02-01
    Alan Turing,alan@example.com,West,Americas,ada@example.com,,
    Grace Hopper,grace@example.com,West,Americas,Dora Bellweather,admin,
    """


def reps_by_email(session: Session) -> dict[str, Rep]:
    session.expire_all()
    return {rep.email: rep for rep in session.exec(select(Rep))}


def memberships(session: Session, rep: Rep) -> list[tuple[str, date, date | None]]:
    teams = {team.id: team.name for team in session.exec(select(Team))}
    rows = session.exec(
        select(TeamMembership)
        .where(TeamMembership.rep_id == rep.id)
        .order_by(TeamMembership.start_date)  # type: ignore[arg-type]
    )
    return [(teams[row.team_id], row.start_date, row.end_date) for row in rows]


def test_reps_with_teams_regions_and_a_manager_without_a_row(
    session: Session, tmp_path: Path
) -> None:
    summary = import_file(session, write_csv(tmp_path / "reps.csv", REPS), "reps")

    reps = reps_by_email(session)
    teams = {team.name: team for team in session.exec(select(Team))}
    dora = reps["dora.bellweather@unknown.invalid"]
    ada, alan = reps["ada@example.com"], reps["alan@example.com"]
    assert (summary.new, summary.updated, summary.unchanged) == (3, 0, 0)
    assert [(rep.name, rep.role) for rep in summary.created_reps] == [
        ("Dora Bellweather", "manager")
    ]
    assert set(summary.created_teams) == {"East", "West", "Americas"}
    assert teams["East"].parent_id == teams["West"].parent_id == teams["Americas"].id
    assert (ada.team_id, ada.manager_id, ada.role) == (teams["East"].id, dora.id, "manager")
    assert (alan.manager_id, alan.role) == (ada.id, "rep")
    assert reps["grace@example.com"].role == "admin"
    assert dora.team_id is None
    assert memberships(session, ada) == [("East", date(2024, 2, 1), None)]
    # No hire date: the first team holds all of the rep's known history.
    assert memberships(session, alan) == [("West", date(1900, 1, 1), None)]


def test_a_team_move_closes_the_old_membership(session: Session, tmp_path: Path) -> None:
    import_file(session, write_csv(tmp_path / "reps.csv", REPS), "reps")
    moved = write_csv(
        tmp_path / "moved.csv", "Email,Name,Team\nada@example.com,Ada Lovelace,West\n"
    )

    summary = import_file(session, moved, "reps", effective=date(2027, 1, 1))

    ada = reps_by_email(session)["ada@example.com"]
    assert (summary.updated, summary.unchanged) == (1, 0)
    assert memberships(session, ada) == [
        ("East", date(2024, 2, 1), date(2026, 12, 31)),
        ("West", date(2027, 1, 1), None),
    ]
    assert ada.manager_id is not None  # the file says nothing of managers: kept
    assert ada.role == "manager"


def test_the_same_reps_file_twice_changes_nothing(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "reps.csv", REPS)
    import_file(session, path, "reps")

    summary = import_file(session, path, "reps", effective=date(2027, 3, 1))

    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 3)
    assert summary.created_reps == ()
    assert summary.created_teams == ()


def test_quotas_for_reps_and_teams(session: Session, tmp_path: Path) -> None:
    import_file(session, write_csv(tmp_path / "reps.csv", REPS), "reps")
    path = write_csv(
        tmp_path / "quotas.csv",
        """
        Owner,Period,Target,Metric
        ada@example.com,2026-Q4,"$250,000",
        Alan Turing,2026-11,80000,Won Revenue
        west,2026-Q4,500000,
        West,2026,12,deals_won
        """,
    )

    summary = import_file(session, path, "quotas")
    again = import_file(session, path, "quotas")

    quotas = session.exec(select(Quota)).all()
    teams = {team.name: team.id for team in session.exec(select(Team))}
    ada, alan = (reps_by_email(session)[f"{name}@example.com"] for name in ("ada", "alan"))
    assert (summary.new, again.unchanged) == (4, 4)
    assert {
        (quota.rep_id, quota.team_id, quota.metric, quota.period_label, quota.target)
        for quota in quotas
    } == {
        (ada.id, None, "won_revenue", "2026-Q4", Decimal(250000)),
        (alan.id, None, "won_revenue", "2026-11", Decimal(80000)),
        (None, teams["West"], "won_revenue", "2026-Q4", Decimal(500000)),
        (None, teams["West"], "deals_won", "2026", Decimal(12)),
    }
    november = next(quota for quota in quotas if quota.period_label == "2026-11")
    assert (november.start_date, november.end_date) == (date(2026, 11, 1), date(2026, 11, 30))


def test_activity_rows_of_one_day_are_added_up(session: Session, tmp_path: Path) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"))
    path = write_csv(
        tmp_path / "activities.csv",
        """
        Rep,Kind,Date,Count
        ada@example.com,Call,2026-11-30,2
        Ada Lovelace,call,2026-11-30,
        ada@example.com,Meeting,2026-11-30,1
        ada@example.com,Call,2026-12-01,4
        """,
    )

    summary = import_file(session, path, "activities")
    again = import_file(session, path, "activities")

    counts = {
        (activity.kind, activity.occurred_on): activity.count
        for activity in session.exec(select(Activity))
    }
    assert (summary.rows, summary.new, again.unchanged) == (4, 3, 3)
    assert counts == {
        ("call", date(2026, 11, 30)): 3,
        ("meeting", date(2026, 11, 30)): 1,
        ("call", date(2026, 12, 1)): 4,
    }

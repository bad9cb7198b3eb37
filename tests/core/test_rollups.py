"""Teams, regions, managers and the company add up their people's figures."""

from datetime import date

from sqlmodel import Session

from core.config import Settings
from core.results import GroupBy, Scope, SubjectKind
from core.scorecards import scorecard, scorecards
from tests.builders import Company, at, usd
from tests.core.test_scorecards import MID_NOVEMBER, NOVEMBER

SETTINGS = Settings()


def team(team_id: int | None) -> Scope:
    return Scope(SubjectKind.TEAM, team_id)


def test_a_rep_who_changes_team_leaves_past_results_with_the_old_team(
    session: Session,
) -> None:
    company = Company(session)
    north, south = company.team("North"), company.team("South")
    ada = company.rep("Ada", north)
    company.deal(ada, "won", 1_000, date(2026, 11, 4))
    company.move(ada, south, on=date(2026, 11, 10))
    company.deal(ada, "won", 300, date(2026, 11, 11))
    session.commit()

    north_card = scorecard(session, SETTINGS, team(north.id), NOVEMBER, MID_NOVEMBER)
    south_card = scorecard(session, SETTINGS, team(south.id), NOVEMBER, MID_NOVEMBER)
    ada_card = scorecard(session, SETTINGS, Scope(SubjectKind.REP, ada.id), NOVEMBER, MID_NOVEMBER)

    assert north_card.won_revenue == usd(1_000)
    assert south_card.won_revenue == usd(300)
    assert ada_card.won_revenue == usd(1_300)  # a rep keeps all of their own results


def test_team_quota_is_its_own_or_the_sum_of_its_members(session: Session) -> None:
    company = Company(session)
    region = company.team("EMEA")
    north, south = company.team("North", region), company.team("South", region)
    for name, home, target in (("Ada", north, 1_000), ("Bea", north, 2_000), ("Cy", south, 500)):
        company.quota(company.rep(name, home), NOVEMBER, target)
    company.quota(south, NOVEMBER, 4_000)  # South's own target beats its members' sum
    session.commit()

    def quota_of(team_id: int | None) -> object:
        return scorecard(session, SETTINGS, team(team_id), NOVEMBER, MID_NOVEMBER).quota

    assert quota_of(north.id) == usd(3_000)
    assert quota_of(south.id) == usd(4_000)
    assert quota_of(region.id) == usd(7_000)
    company_card = scorecard(session, SETTINGS, Scope.company(), NOVEMBER, MID_NOVEMBER)
    assert company_card.quota == usd(7_000)


def test_a_region_adds_up_the_teams_below_it(session: Session) -> None:
    company = Company(session)
    region = company.team("EMEA")
    north, south = company.team("North", region), company.team("South", region)
    company.deal(company.rep("Ada", north), "won", 1_000, date(2026, 11, 2))
    company.deal(company.rep("Cy", south), "won", 250, date(2026, 11, 3))
    company.deal(company.rep("Dee", south), "lost", 900, date(2026, 11, 3))
    session.commit()

    card = scorecard(session, SETTINGS, team(region.id), NOVEMBER, MID_NOVEMBER)

    assert card.won_revenue == usd(1_250)
    assert (card.deals_won, card.deals_lost) == (2, 1)


def test_a_manager_rolls_up_everyone_below_them_but_not_themselves(session: Session) -> None:
    company = Company(session)
    vp = company.rep("Vera", role="manager")
    lead = company.rep("Lou", manager=vp, role="manager")
    ada = company.rep("Ada", manager=lead)
    bea = company.rep("Bea", manager=vp)
    for person, amount in ((vp, 9_000), (lead, 100), (ada, 1_000), (bea, 10)):
        company.deal(person, "won", amount, date(2026, 11, 2))
    company.quota(ada, NOVEMBER, 2_000)
    company.quota(bea, NOVEMBER, 1_000)
    session.commit()

    card = scorecard(session, SETTINGS, Scope(SubjectKind.MANAGER, vp.id), NOVEMBER, MID_NOVEMBER)

    assert card.won_revenue == usd(1_110)  # Lou, Ada and Bea; not Vera's own deal
    assert card.quota == usd(3_000)


def test_scorecards_by_rep_list_active_reps_and_anyone_with_results(session: Session) -> None:
    company = Company(session)
    company.rep("Ada")
    company.rep("Gone", active=False)
    boss = company.rep("Boss", role="manager")
    company.deal(boss, "won", 5, date(2026, 11, 2))
    session.commit()

    cards = scorecards(session, SETTINGS, GroupBy.REP, NOVEMBER, at(2026, 11, 16))

    assert [card.subject.name for card in cards] == ["Ada", "Boss"]

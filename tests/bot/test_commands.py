"""Every command's answer against figures worked out by hand (see tests/bot/company.py).

Ada: $30,000 won of $60,000 (50%). Pace 43/66: $39,090.91 expected, $9,090.91 behind;
$30,000 left over 23 business days is $1,304.35 a day. Open: Acme renewal $20,000
(commit, 80%), Globex expansion $15,000 (best case, 50%, untouched since Oct 20: 42
days), Initech pilot $5,000 (pipeline, 10%, due Nov 20). Weighted projection:
30,000 + 16,000 + 7,500 + 500 = $54,000 (90%).
"""

from datetime import date

from sqlmodel import Session, select

from bot.people import asker_by_identity
from bot.reply import POST, RUN, Visibility
from core.models import ChatIdentity
from tests.bot.company import ask, build, fields


def test_myquota(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "myquota 2026-Q4")

    assert reply.title == "Your quota · 2026-Q4"
    assert reply.paragraphs[0] == (
        "*$30,000* won of *$60,000*: *50%* of quota. "
        "That is $9,091 behind pace ($39,091 expected by now)."
    )
    figures = fields(reply)
    assert figures["Pace gap"] == "$9,091 behind"
    assert figures["Needed per business day"] == "$1,304"
    assert figures["Business days left"] == "23"
    assert figures["Projection (weighted pipeline)"] == "$54,000"
    assert figures["Projected attainment"] == "90%"
    assert figures["Open pipeline"] == "$40,000 in 3 deals"
    [bar] = reply.progress
    assert (bar.fraction, round(bar.marker or 0, 4)) == (0.5, round(43 / 66, 4))
    assert bar.caption == "$30,000 of $60,000"


def test_myquota_coaches_when_behind_pace(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "myquota 2026-Q4")

    assert reply.paragraphs[1] == (
        "*To catch up:* close $1,304 per business day for the 23 business days left."
    )
    assert reply.paragraphs[3] == (
        "• *Globex expansion* · $15,000 · Proposal · untouched for 42 days\n"
        "• *Initech pilot* · $5,000 · Discovery · close date Nov 20, 2026 has passed"
    )


def test_myquota_has_the_cumulative_chart_and_buttons(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "myquota", charts=True)

    [chart] = reply.images
    assert chart.png.startswith(b"\x89PNG")
    assert "Ada Lovelace" in chart.alt_text
    assert [(b.action, b.value) for b in reply.buttons] == [
        (RUN, "myquota last-quarter"),
        (RUN, "pipeline"),
        (POST, "myquota public"),
    ]


def test_leaderboard_shows_the_top_ten_and_the_askers_row(session: Session) -> None:
    people = build(session)
    for number in range(1, 12):  # Seller 01 to 11 won $40,000 to $50,000
        seller = people.company.rep(f"Seller {number:02d}")
        people.company.deal(seller, "won", 39_000 + number * 1_000, date(2026, 11, 2))
    session.commit()

    reply = ask(session, people.carl, "leaderboard 2026-Q4", charts=True)

    lines = reply.paragraphs[0].split("\n")
    assert lines[0] == "`  1.` Seller 11 · $50,000"
    assert lines[9] == "` 10.` Seller 02 · $41,000"
    assert lines[10:] == ["…", "` 14.` *Carl Weber* (you) · $10,000"]
    assert reply.paragraphs[1] == "14 people ranked in all."
    assert "Carl Weber" in reply.images[0].alt_text


def test_leaderboard_on_another_metric_for_a_team(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "leaderboard North win_rate 2026-Q4")

    assert reply.title == "Leaderboard · win rate · 2026-Q4 · North"
    assert reply.paragraphs[0].split("\n") == [
        "`  1.` *Ada Lovelace* (you) · 100%",
        "`  2.` Bea Rossi · 50%",
    ]


def test_pipeline_flags_stale_and_past_due_deals(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "pipeline 2026-Q4", charts=True)

    assert reply.paragraphs[0] == (
        "3 open deals worth $40,000; $40,000 of it is due to close in 2026-Q4."
    )
    assert reply.paragraphs[3].startswith("*Past its close date* (1 deal)")
    assert reply.paragraphs[4].startswith("• *Initech pilot*")
    assert reply.paragraphs[5].startswith("*Stale* (1 deal")
    assert reply.paragraphs[6].startswith("• *Globex expansion*")
    assert fields(reply)["Pipeline coverage"] == "1.3x"  # 40,000 / 30,000 left
    assert reply.images[0].alt_text


def test_forecast(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "forecast 2026-Q4")

    assert reply.paragraphs == (
        "Closed plus commit reaches *83%* of quota; with best case, *108%*.",
    )
    assert fields(reply) == {
        "Quota": "$60,000",
        "Closed": "$30,000 (50% of quota)",
        "Commit (closed + commit)": "$50,000 (83% of quota)",
        "Best case (+ best case deals)": "$65,000 (108% of quota)",
        "Pipeline (not committed)": "$5,000",
        "Projection (weighted pipeline)": "$54,000 (90% of quota)",
        "Projection (run rate)": "$46,047 (77% of quota)",
    }


def test_a_managers_forecast_is_their_teams(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.mona, "forecast 2026-Q4")

    assert reply.title == "Forecast · Your team · 2026-Q4"
    assert fields(reply)["Closed"] == "$66,000 (66% of quota)"


def test_team_lists_reports_by_attainment(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.mona, "team 2026-Q4", charts=True)

    assert reply.title == "Your team · 2026-Q4"
    assert reply.paragraphs == (
        "2 people: $66,000 won of $100,000 (66%); 0 at risk.",
        "• *Bea Rossi* · 90% · $36,000 of $40,000 · $9,939 ahead\n"
        "• *Ada Lovelace* · 50% · $30,000 of $60,000 · $9,091 behind",
    )
    assert len(reply.images) == 1


def test_atrisk_gives_reasons_and_what_it_takes(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.root, "atrisk 2026-Q4")

    # Carl: $10,000 of $50,000, no pipeline; run rate 10,000 / (43/66) = $15,349 (31%).
    assert reply.paragraphs == (
        "*Carl Weber* (South)\n"
        "• projected to finish at 31% of quota\n"
        "• $22,576 behind pace\n"
        "• no open pipeline to close the gap\n"
        "• close $1,739 per business day for the 23 business days left.",
    )


def test_atrisk_for_a_manager_with_no_one_at_risk(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.mona, "atrisk 2026-Q4")

    assert reply.paragraphs == ("Nobody is at risk in 2026-Q4.",)


def test_help_lists_what_the_asker_can_use(session: Session) -> None:
    people = build(session)

    rep, admin = ask(session, people.ada, "help"), ask(session, people.root, "/quotabot help")

    assert "`team [team or manager] [period]`" not in rep.paragraphs[1]
    assert "`link @user EMAIL`" in admin.paragraphs[1]
    assert ask(session, people.ada, "help myquota").title == "How to use myquota"


def test_whoami(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.mona, "whoami")

    assert reply.title == "You are Mona Manager"
    assert fields(reply)["Role"] == "manager"
    assert fields(reply)["Team"] == "North"
    assert reply.paragraphs == (
        "You can see your own figures and those of the 2 people below you.",
    )


def test_link_ties_a_chat_user_to_a_rep(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.root, f"link <@U42|ada> {people.ada.email.upper()}")

    assert reply.paragraphs == ("Chat user `U42` is now Ada Lovelace (ada.lovelace@example.com).",)
    [identity] = session.exec(select(ChatIdentity)).all()
    assert (identity.user_id, identity.rep_id) == ("U42", people.ada.id)
    asker = asker_by_identity(session, "console", "", "U42")
    assert asker is not None
    assert asker.name == "Ada Lovelace"


def test_link_of_an_unknown_email(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.root, "link @U42 nobody@example.com")

    assert "nobody@example.com" in reply.paragraphs[0]


def test_public_commands_are_posted_to_the_channel(session: Session) -> None:
    people = build(session)

    reply = ask(session, people.ada, "leaderboard public")

    assert reply.visibility is Visibility.CHANNEL
    assert all(button.action != POST for button in reply.buttons)

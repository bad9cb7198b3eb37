"""Each preset reads a small export written in its product's own shape."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session, select

from core.models import DealStageChange, DealStatus, ForecastCategory
from tests.crm.builders import add_reps, deals_by_id, import_file, write_csv, write_rows


def test_a_salesforce_export_with_bom_crlf_and_timestamps(
    session: Session, tmp_path: Path
) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"), ("Alan Turing", "alan@example.com"))
    rows = [
        ["Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "Probability",
         "CloseDate", "IsWon", "ForecastCategoryName", "OwnerId", "Owner.Email", "CreatedDate",
         "LastActivityDate", "CurrencyIsoCode", "Product__c"],
        ["006A1", "false", "001X", "Acme, Inc. - Loans", "Qualification", "1124741.15",
         "10", "2026-12-10", "false", "Pipeline", "005Z", "ADA@example.com",
         "2026-01-22T16:14:25.000+0000", "2026-11-02", "USD", "Business Loans"],
        ["006A2", "false", "001Y", "Globex - Cards", "Closed Won", "1651993.36", "100",
         "2026-11-17", "true", "Closed", "005Z", "alan@example.com",
         "2026-02-03T09:00:00.000+0000", "", "EUR", "Cards"],
        ["006A3", "false", "001Y", "Initech - Leasing", "Closed Lost", "500", "0",
         "2026-10-01", "false", "Omitted", "005Z", "alan@example.com",
         "2026-03-01T00:00:00.000+0000", "", "USD", ""],
    ]  # fmt: skip
    export = write_rows(tmp_path / "Opportunity.csv", rows, bom=True, crlf=True)

    summary = import_file(session, export, "deals", preset="salesforce")

    deals = deals_by_id(session)
    assert (summary.new, summary.updated, summary.unchanged) == (3, 0, 0)
    open_deal, won, lost = deals["006A1"], deals["006A2"], deals["006A3"]
    assert open_deal.source == "salesforce"
    assert open_deal.name == "Acme, Inc. - Loans"
    assert open_deal.account == "001X"
    assert open_deal.amount == Decimal("1124741.15")
    assert open_deal.probability_bp == 1000
    assert open_deal.created_date == date(2026, 1, 22)
    assert open_deal.last_activity_date == date(2026, 11, 2)
    assert open_deal.last_touch_date == date(2026, 11, 2)
    assert open_deal.product == "Business Loans"
    assert open_deal.forecast_category == ForecastCategory.PIPELINE
    assert (won.status, won.currency, won.forecast_category) == ("won", "EUR", "closed")
    assert (lost.status, lost.forecast_category, lost.product) == ("lost", "omitted", None)
    assert won.owner_id == lost.owner_id != open_deal.owner_id


def test_a_hubspot_export_with_owner_names_and_fractions(session: Session, tmp_path: Path) -> None:
    add_reps(session, ("Grace Hopper", "grace@example.com"))
    rows = [
        ["Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date", "Create Date",
         "Deal owner", "Associated Company", "Forecast category", "Deal probability",
         "Last Activity Date", "Currency", "Pipeline"],
        ["9001", "Big renewal", "Contract Sent", "12,500.00", "2026-12-20 00:00",
         "2026-09-01 10:12", "Grace Hopper", "Umbrella", "Best case", "0.9",
         "2026-11-28 17:00", "USD", "Sales Pipeline"],
        ["9002", "Small deal", "Closed Won", "800", "2026-11-03 00:00", "2026-10-01 08:00",
         "grace hopper", "Umbrella", "Closed won", "1", "", "USD", "Sales Pipeline"],
        ["9003", "", "Appointment Scheduled", "", "", "2026-11-30 09:00", "Grace  Hopper",
         "", "", "0.2", "", "", "Sales Pipeline"],
    ]  # fmt: skip
    export = write_rows(tmp_path / "hubspot-crm-exports-all-deals.csv", rows)

    import_file(session, export, "deals", preset="hubspot")

    deals = deals_by_id(session)
    assert deals["9001"].source == "hubspot"
    assert deals["9001"].amount == Decimal("12500.00")
    assert deals["9001"].probability_bp == 9000
    assert deals["9001"].forecast_category == ForecastCategory.BEST_CASE
    assert deals["9001"].close_date == date(2026, 12, 20)
    assert (deals["9002"].status, deals["9002"].probability_bp) == ("won", 10000)
    nameless = deals["9003"]
    assert (nameless.name, nameless.amount, nameless.close_date) == (None, None, None)
    assert (nameless.status, nameless.forecast_category) == ("open", "pipeline")
    assert nameless.probability_bp == 2000


def test_a_pipedrive_export_where_status_decides(session: Session, tmp_path: Path) -> None:
    add_reps(session, ("Linus Pauling", "linus@example.com"))
    rows = [
        ["Deal - ID", "Deal - Title", "Deal - Value", "Deal - Currency", "Deal - Stage",
         "Deal - Status", "Deal - Owner", "Deal - Organization", "Deal - Expected close date",
         "Deal - Won time", "Deal - Lost time", "Deal - Deal created", "Deal - Probability"],
        ["11", "Lab kit", "5000", "USD", "Negotiations Started", "won", "Linus Pauling",
         "Caltech", "2026-12-31", "2026-11-20 14:22:10", "", "2026-09-01 10:00:00", ""],
        ["12", "Microscope", "700", "USD", "Proposal Made", "lost", "Linus Pauling",
         "Caltech", "2026-12-15", "", "2026-11-25 09:00:00", "2026-10-01 10:00:00", ""],
        ["13", "Reagents", "", "USD", "Qualified", "open", "Linus Pauling", "Caltech",
         "2027-01-15", "", "", "2026-11-01 10:00:00", "40"],
    ]  # fmt: skip
    export = write_rows(tmp_path / "deals.csv", rows)

    import_file(session, export, "deals", preset="pipedrive")

    deals = deals_by_id(session)
    assert (deals["11"].stage, deals["11"].status) == ("Negotiations Started", "won")
    assert deals["11"].close_date == date(2026, 11, 20)
    assert (deals["12"].status, deals["12"].close_date) == ("lost", date(2026, 11, 25))
    assert (deals["13"].status, deals["13"].close_date) == ("open", date(2027, 1, 15))
    assert (deals["13"].amount, deals["13"].probability_bp) == (None, 4000)
    assert deals["11"].account == "Caltech"
    assert deals["11"].source == "pipedrive"


def test_a_pipedrive_export_without_the_deal_prefix(session: Session, tmp_path: Path) -> None:
    add_reps(session, ("Linus Pauling", "linus@example.com"))
    export = write_csv(
        tmp_path / "deals.csv",
        """
        ID,Title,Value,Currency,Stage,Status,Owner,Expected close date,Won time
        21,Lab kit,5000,USD,Won,won,linus@example.com,2026-12-31,2026-11-20
        """,
    )

    import_file(session, export, "deals", preset="pipedrive")

    deal = deals_by_id(session)["21"]
    assert (deal.status, deal.close_date, deal.amount) == (
        "won",
        date(2026, 11, 20),
        Decimal(5000),
    )


def test_the_generic_preset_reads_field_names_in_any_case(
    session: Session, tmp_path: Path
) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"))
    export = write_csv(
        tmp_path / "deals.csv",
        """
        External ID,OWNER,stage,Amount,close_date,Forecast Category
        D-1,ada@example.com,Closed Won,100,2026-11-30,
        """,
    )

    import_file(session, export, "deals")

    deal = deals_by_id(session)["D-1"]
    assert (deal.source, deal.status, deal.forecast_category) == ("csv", "won", "closed")


def test_a_column_map_reads_any_csv_and_falls_back_on_empty_cells(
    session: Session, tmp_path: Path
) -> None:
    add_reps(session, ("Milo Franks", "milo@example.com"))
    export = write_csv(
        tmp_path / "sales_pipeline.csv",
        """
        opp_id,agent,product,account,stage,engaged_on,close_date,forecast,value
        OPP00017,Milo Franks,Widget Basic Plus,Northwind,Won,2018-05-14,2018-08-02,,1250
        OPP00042,Milo Franks,WidgetPro,Contoso,Engaging,2018-06-01,,2018-09-28,
        """,
        crlf=True,
    )

    import_file(
        session,
        export,
        "deals",
        column_map=(
            "external_id=opp_id,owner=agent,stage=stage",
            "created_date=engaged_on,close_date=close_date|forecast,amount=value",
        ),
    )

    deals = deals_by_id(session)
    assert (deals["OPP00017"].status, deals["OPP00017"].amount) == ("won", Decimal(1250))
    assert deals["OPP00042"].close_date == date(2018, 9, 28)
    assert deals["OPP00042"].status == DealStatus.OPEN
    # Columns named like fields need no map: the generic preset still reads them.
    won = deals["OPP00017"]
    assert (won.product, won.account) == ("Widget Basic Plus", "Northwind")


def test_a_map_entry_overrides_the_preset(session: Session, tmp_path: Path) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"))
    export = write_csv(
        tmp_path / "Opportunity.csv",
        """
        Id,StageName,Owner.Email,Amount,Amount_Converted__c
        006A1,Prospecting,ada@example.com,100,250
        """,
    )

    import_file(
        session, export, "deals", preset="salesforce", column_map=("amount=Amount_Converted__c",)
    )

    assert deals_by_id(session)["006A1"].amount == 250


def test_every_new_deal_starts_its_stage_history(session: Session, tmp_path: Path) -> None:
    add_reps(session, ("Ada Lovelace", "ada@example.com"))
    export = write_csv(
        tmp_path / "deals.csv",
        """
        external_id,owner,stage,created_date,close_date
        A,ada@example.com,Discovery,2026-11-01,
        B,ada@example.com,Won,2026-10-01,2026-11-15
        """,
    )

    import_file(session, export, "deals")

    changes = {change.to_stage: change for change in session.exec(select(DealStageChange))}
    assert set(changes) == {"Discovery", "Won"}
    assert changes["Discovery"].from_stage is None
    assert changes["Discovery"].changed_on == date(2026, 11, 1)
    assert (changes["Won"].to_status, changes["Won"].changed_on) == ("won", date(2026, 11, 15))

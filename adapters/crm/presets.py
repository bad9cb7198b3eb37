"""The column names of each CRM's standard exports, per kind of import and field.

A field's spec is a tuple of slots; its value is the first non-empty cell among the
slots. Each slot lists candidate column names, and the first candidate that the
file's header has is the slot's column. So `(("Owner.Email", "OwnerId"),)` reads one
column, whichever the export has, while Pipedrive's close date reads the won time,
else the lost time, else the expected close date. Column names are compared without
regard to case, spaces and underscores ("Close Date" is "close_date").

Deal columns follow the products' documented export headers. Reps, quotas and
activities have no standard export of the same shape in these products, so their
presets accept the field names plus the usual spellings of user and activity
exports; `--map` covers the rest.
"""

from __future__ import annotations

Spec = tuple[tuple[str, ...], ...]
KindPreset = dict[str, Spec]

KINDS = ("reps", "quotas", "deals", "activities")

FIELDS: dict[str, tuple[str, ...]] = {
    "reps": ("name", "email", "team", "region", "manager", "role", "hire_date"),
    "quotas": ("owner", "period", "target", "metric"),
    "deals": (
        "external_id", "name", "account", "product", "owner", "amount", "currency", "stage",
        "probability", "forecast_category", "created_date", "close_date",
        "last_activity_date", "status",
    ),
    "activities": ("rep", "kind", "date", "count"),
}  # fmt: skip

# Without these the file cannot be imported at all.
REQUIRED: dict[str, tuple[str, ...]] = {
    "reps": ("name",),
    "quotas": ("owner", "period", "target"),
    "deals": ("external_id", "owner", "stage"),
    "activities": ("rep", "kind", "date"),
}

# The deal source recorded for each preset; a file read by a column map alone is "csv".
SOURCES = {"salesforce": "salesforce", "hubspot": "hubspot", "pipedrive": "pipedrive"}
GENERIC = "generic"


def _one(*candidates: str) -> Spec:
    return (candidates,)


def _pipedrive(*names: str) -> Spec:
    """Pipedrive writes "Deal - Title" or "Title", depending on how it was exported."""
    return tuple((f"Deal - {name}", name) for name in names)


_SALESFORCE_DEALS: KindPreset = {
    "external_id": _one("Id", "Opportunity ID"),
    "name": _one("Name", "Opportunity Name"),
    "account": _one("Account.Name", "Account Name", "AccountId"),
    "product": _one("Product__c", "Product"),
    "owner": _one(
        "Owner.Email", "Owner Email", "Opportunity Owner", "Owner.Name", "Owner Name", "OwnerId"
    ),
    "amount": _one("Amount"),
    "currency": _one("CurrencyIsoCode", "Opportunity Currency", "Currency"),
    "stage": _one("StageName", "Stage"),
    "probability": _one("Probability", "Probability (%)"),
    "forecast_category": _one("ForecastCategoryName", "ForecastCategory", "Forecast Category"),
    "created_date": _one("CreatedDate", "Created Date"),
    "close_date": _one("CloseDate", "Close Date"),
    "last_activity_date": _one("LastActivityDate", "Last Activity"),
}

_HUBSPOT_DEALS: KindPreset = {
    "external_id": _one("Record ID", "Deal ID", "hs_object_id"),
    "name": _one("Deal Name", "dealname"),
    "account": _one("Associated Company", "Associated Company (Primary)", "Company name"),
    "owner": _one("Deal owner", "hubspot_owner_id"),
    "amount": _one("Amount", "Amount in company currency"),
    "currency": _one("Currency", "deal_currency_code"),
    "stage": _one("Deal Stage", "dealstage"),
    "probability": _one("Deal probability", "hs_deal_stage_probability"),
    "forecast_category": _one("Forecast category", "hs_forecast_category"),
    "created_date": _one("Create Date", "createdate"),
    "close_date": _one("Close Date", "closedate"),
    "last_activity_date": _one("Last Activity Date", "notes_last_updated"),
}

_PIPEDRIVE_DEALS: KindPreset = {
    "external_id": _pipedrive("ID"),
    "name": _pipedrive("Title"),
    "account": _pipedrive("Organization"),
    "owner": _pipedrive("Owner"),
    "amount": _pipedrive("Value"),
    "currency": _pipedrive("Currency"),
    "stage": _pipedrive("Stage"),
    "status": _pipedrive("Status"),
    "probability": _pipedrive("Probability"),
    "created_date": _pipedrive("Deal created"),
    "close_date": _pipedrive("Won time", "Lost time", "Expected close date"),
    "last_activity_date": _pipedrive("Last activity date"),
}

_REPS: KindPreset = {
    "name": _one("Name", "Full Name"),
    "email": _one("Email", "Email Address", "E-mail"),
    "team": _one("Team", "Department", "Primary Team"),
    "region": _one("Region", "Division"),
    "manager": _one("Manager Email", "Manager.Email", "Manager", "Manager.Name", "Manager Name"),
    "role": _one("Role"),
    "hire_date": _one("Hire Date", "Start Date"),
}

_QUOTAS: KindPreset = {
    "owner": _one("Owner", "Owner Email", "Rep", "Team"),
    "period": _one("Period", "Quota Period"),
    "target": _one("Target", "Quota", "Quota Amount"),
    "metric": _one("Metric"),
}

_ACTIVITIES: KindPreset = {
    "rep": _one("Rep", "Owner", "Owner Email", "Assigned To"),
    "kind": _one("Kind", "Type", "Activity Type"),
    "date": _one("Date", "Activity Date", "Due Date"),
    "count": _one("Count"),
}


def _with(base: KindPreset, **first: Spec) -> KindPreset:
    """`base` (one slot per field), with the candidates of `first` tried before its own."""
    return {
        field: ((*first[field][0], *spec[0]),) if field in first else spec
        for field, spec in base.items()
    }


PRESETS: dict[str, dict[str, KindPreset]] = {
    "salesforce": {
        "deals": _SALESFORCE_DEALS,
        "reps": _REPS,
        "quotas": _QUOTAS,
        "activities": _with(
            _ACTIVITIES,
            rep=_one("Owner.Email", "Owner.Name", "Assigned", "OwnerId"),
            kind=_one("TaskSubtype", "Type"),
            date=_one("ActivityDate"),
        ),
    },
    "hubspot": {
        "deals": _HUBSPOT_DEALS,
        "reps": _REPS,
        "quotas": _QUOTAS,
        "activities": _with(
            _ACTIVITIES,
            rep=_one("Activity assigned to", "Assigned to", "Activity owner"),
            kind=_one("Activity type"),
            date=_one("Activity date"),
        ),
    },
    "pipedrive": {
        "deals": _PIPEDRIVE_DEALS,
        "reps": _REPS,
        "quotas": _QUOTAS,
        "activities": _with(
            _ACTIVITIES,
            rep=_one("Activity - Assigned to user", "Assigned to user"),
            kind=_one("Activity - Type"),
            date=_one("Activity - Due date", "Due date"),
        ),
    },
    GENERIC: {kind: {field: _one(field) for field in FIELDS[kind]} for kind in KINDS},
}

FORMATS = tuple(PRESETS)

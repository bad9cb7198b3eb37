"""The write side of the engine: typed records in, all-or-nothing upserts.

Each `import_*` function checks every record against the database before it writes
anything, raises `IngestError` with every problem found, and otherwise stores all
the records in the caller's transaction (the caller commits). Importing the same
records twice changes nothing the second time. Nothing here knows about files.
"""

from core.ingest.activities import import_activities, normal_kind
from core.ingest.deals import OPTIONAL_FIELDS as DEAL_OPTIONAL_FIELDS
from core.ingest.deals import import_deals
from core.ingest.quotas import import_quotas, normal_metric
from core.ingest.records import (
    PLACEHOLDER_DOMAIN,
    ActivityRecord,
    CreatedRep,
    DealRecord,
    ImportSummary,
    IngestError,
    Problem,
    Progress,
    QuotaRecord,
    RepRecord,
)
from core.ingest.reps import import_reps

__all__ = [
    "DEAL_OPTIONAL_FIELDS",
    "PLACEHOLDER_DOMAIN",
    "ActivityRecord",
    "CreatedRep",
    "DealRecord",
    "ImportSummary",
    "IngestError",
    "Problem",
    "Progress",
    "QuotaRecord",
    "RepRecord",
    "import_activities",
    "import_deals",
    "import_quotas",
    "import_reps",
    "normal_kind",
    "normal_metric",
]

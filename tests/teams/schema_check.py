"""The official Adaptive Card 1.5 and Teams manifest 1.17 schemas, checked offline.

The schema files are vendored in tests/teams/schemas/ (its README says where they come
from). Each document names its schema by URL in `$schema`; those URLs are mapped to the
vendored files here, and any other reference is refused, so nothing is fetched.
Formats are checked (`uri`, `uri-reference`, ...), which needs jsonschema's format
extras: `checked_formats` says which ones the installed checker knows.

A card may carry the `msteams` property that Teams documents for its own rendering
(full width); the Adaptive Card schema knows no host extensions and forbids every
property it does not list, so that one property is checked here against what Teams
documents, and the rest of the card against the official schema, unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, Draft6Validator, FormatChecker, ValidationError
from jsonschema import _keywords as keywords
from jsonschema.protocols import Validator
from jsonschema.validators import extend
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

from adapters.teams.cards import CARD_SCHEMA, CARD_VERSION, CONTENT_TYPE
from adapters.teams.package import MANIFEST_VERSION
from adapters.teams.package import SCHEMA as MANIFEST_SCHEMA

SCHEMAS = Path(__file__).parent / "schemas"
CARD_FILE = SCHEMAS / f"adaptive-card-{CARD_VERSION}.json"
MANIFEST_FILE = SCHEMAS / f"MicrosoftTeams-{MANIFEST_VERSION}.schema.json"

# Teams' card extension as Teams documents it for a full-width card ("Full" is the only
# width). We send nothing else under `msteams`; anything else fails here.
TEAMS_CARD_EXTENSION: dict[str, Any] = {
    "type": "object",
    "properties": {"width": {"enum": ["Full"]}},
    "additionalProperties": False,
}

# The manifest schema says draft-04 but uses draft-06's `const` (manifestVersion must
# be "1.17"); draft-04 alone would ignore it, so it is added back.
ManifestValidator = extend(Draft4Validator, {"const": keywords.const})


def _offline(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=uri)  # a reference outside the vendored files


@cache
def _documents() -> dict[str, Any]:
    return {
        CARD_SCHEMA: json.loads(CARD_FILE.read_text(encoding="utf-8")),
        MANIFEST_SCHEMA: json.loads(MANIFEST_FILE.read_text(encoding="utf-8")),
    }


@cache
def _registry() -> Registry[Any]:
    registry: Registry[Any] = Registry(retrieve=_offline)
    for uri, document in _documents().items():
        registry = registry.with_resource(uri, Resource.from_contents(document))
    return registry


def _validator(kind: type[Validator], uri: str, checker: FormatChecker) -> Validator:
    return kind(_documents()[uri], registry=_registry(), format_checker=checker)


def checked_formats() -> tuple[set[str], set[str]]:
    """The formats really checked in cards and in manifests (others would pass unseen)."""
    return set(Draft6Validator.FORMAT_CHECKER.checkers), set(
        Draft4Validator.FORMAT_CHECKER.checkers
    )


def _problems(errors: Iterator[ValidationError], where: str = "") -> list[str]:
    found = []
    for error in errors:
        for leaf in _explained(error):
            path = "/".join(str(part) for part in leaf.absolute_path)
            found.append(f"{where}/{path}: {leaf.message[:300]}")
    return found


def _explained(error: ValidationError) -> list[ValidationError]:
    """An element is an anyOf of every kind of element: what is wrong with it as the
    kind its `type` names, rather than "not valid under any of the given schemas"."""
    if error.validator != "anyOf" or not error.context:
        return [error]
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0], []).append(sub)
    for subs in branches.values():
        if not any(sub.validator == "enum" and list(sub.path) == ["type"] for sub in subs):
            return [leaf for sub in subs for leaf in _explained(sub)]
    return [error]  # a `type` that names no kind of element


def card_problems(card: dict[str, Any]) -> list[str]:
    """What the Adaptive Card 1.5 schema (and Teams' documented extension) finds wrong."""
    # The vendored schema is the one the card names.
    assert card.get("$schema") == CARD_SCHEMA, card.get("$schema")
    assert card.get("version") == CARD_VERSION, card.get("version")
    official = {key: value for key, value in card.items() if key != "msteams"}
    # The schema's root is anyOf [AdaptiveCard] alone: checking against that definition
    # is the same check, with one complaint per wrong element instead of one in all.
    validator = Draft6Validator(
        {"$ref": f"{CARD_SCHEMA}#/definitions/AdaptiveCard"},
        registry=_registry(),
        format_checker=Draft6Validator.FORMAT_CHECKER,
    )
    found = _problems(validator.iter_errors(official))
    if "msteams" in card:
        teams = Draft6Validator(TEAMS_CARD_EXTENSION)
        found += _problems(teams.iter_errors(card["msteams"]), "/msteams")
    return found


def manifest_problems(manifest: dict[str, Any]) -> list[str]:
    """What the Teams manifest schema of the manifest's own version finds wrong."""
    assert manifest.get("$schema") == MANIFEST_SCHEMA, manifest.get("$schema")
    validator = _validator(ManifestValidator, MANIFEST_SCHEMA, Draft4Validator.FORMAT_CHECKER)
    return _problems(validator.iter_errors(manifest))


def cards_of(activity: dict[str, Any]) -> list[dict[str, Any]]:
    """The Adaptive Cards a message activity carries."""
    return [
        attachment["content"]
        for attachment in activity.get("attachments") or ()
        if attachment.get("contentType") == CONTENT_TYPE
    ]

"""The template stamp: which tracker, which version, which columns a workbook was made from.

Written twice (custom document properties and a hidden sheet) because applications keep one
or the other: LibreOffice keeps both, other tools may drop properties. The writer and the
reader both use the names below, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

STAMP_SHEET = "_stamp"
PROP_KIND = "tracker_kind"
PROP_VERSION = "template_version"
PROP_FINGERPRINT = "schema_fingerprint"
PROP_SHEET = "tracker_sheet"
#: Written only when the template was made under a service policy or for a named service.
PROP_POLICY = "policy_fingerprint"
PROP_SERVICE = "service_name"
PROP_PROVIDER = "provider_name"
PROP_LOCATION = "cqc_location_id"
KEYS = (PROP_KIND, PROP_VERSION, PROP_FINGERPRINT, PROP_SHEET, PROP_POLICY, PROP_SERVICE,
        PROP_PROVIDER, PROP_LOCATION)


@dataclass(frozen=True, slots=True)
class ServiceIdentity:
    """Who a template was made for, so a return can be matched to its service by its stamp."""

    name: str
    provider: str = ""
    location_id: str = ""

    def stamp_values(self) -> dict[str, str]:
        values = {PROP_SERVICE: self.name, PROP_PROVIDER: self.provider,
                  PROP_LOCATION: self.location_id}
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True, slots=True)
class Stamp:
    kind: str | None
    version: str | None
    fingerprint: str | None
    sheet: str | None
    policy: str | None = None
    service: ServiceIdentity | None = None

    @property
    def present(self) -> bool:
        return bool(self.kind)


def _clean(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    # LibreOffice turns numeric properties into floats; versions are written as text, but be kind.
    if text.endswith(".0") and text[:-2].replace(".", "").isdigit() and text.count(".") > 1:
        text = text[:-2]
    return text or None


def stamp_from(properties: dict[str, str], sheet_rows: list[list] | None) -> Stamp:
    """Merge the hidden sheet's key/value rows with the custom properties (sheet wins)."""
    found = {key: _clean(properties.get(key)) for key in KEYS}
    for row in sheet_rows or []:
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip() in KEYS:
            value = _clean(row[1])
            if value:
                found[row[0].strip()] = value
    service = None
    if found[PROP_SERVICE]:
        service = ServiceIdentity(found[PROP_SERVICE], found[PROP_PROVIDER] or "",
                                  found[PROP_LOCATION] or "")
    return Stamp(found[PROP_KIND], found[PROP_VERSION], found[PROP_FINGERPRINT],
                 found[PROP_SHEET], found[PROP_POLICY], service)


def version_tuple(version: str) -> tuple[int, ...]:
    """'1.10' sorts after '1.9' and '1.0.0' equals '1.0'; anything unparsable sorts first."""
    try:
        parts = [int(part) for part in version.split(".")]
    except (AttributeError, ValueError):
        return (-1,)
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)

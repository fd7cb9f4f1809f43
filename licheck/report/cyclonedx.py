"""The CycloneDX 1.6 ML-BOM: one ``machine-learning-model`` component per model the project uses.

Hub models get a ``pkg:huggingface/<namespace>/<name>@<sha>`` purl (purl-spec: namespace and
name keep their case, the version is the lowercased commit sha and is left out when the sha is
unknown, never replaced by a branch name), their license as an SPDX id when the classified SPDX
value is one (else a named license), their base models as ``pedigree.ancestors`` and a
``model-card`` link to the Hub page. Output is deterministic: the timestamp comes from the
caller, ``SOURCE_DATE_EPOCH`` or the clock, and the serial number is derived from the content
and that timestamp. Importing this module loads cyclonedx-python-lib: import it lazily. It only
reads the ``Report``.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from datetime import datetime, timezone
from pathlib import PurePath

from cyclonedx.model import ExternalReference, ExternalReferenceType, Property, XsUri
from cyclonedx.model.bom import Bom
from cyclonedx.model.component import Component, ComponentType, Pedigree
from cyclonedx.model.dependency import Dependency
from cyclonedx.model.license import (
    DisjunctiveLicense,
    License,
    LicenseAcknowledgement,
    LicenseExpression,
)
from cyclonedx.output.json import JsonV1Dot6
from cyclonedx.spdx import is_supported_id
from packageurl import PackageURL

from licheck import __version__
from licheck.model_id import ModelId
from licheck.records import BaseModel, ModelRecord, Report

# uuid5 namespace for serial numbers, fixed so equal input gives an equal serial.
_SERIAL_NAMESPACE = uuid.UUID("5b0c6a52-4f4e-4a38-9d6e-6c6963686563")
_MAX_ANCESTRY = 8
# A compound SPDX expression ("Apache-2.0 OR MIT"); a single id that is not on the SPDX list
# (LicenseRef-*, a Hub slug) becomes a named license instead.
_EXPRESSION = re.compile(r"[\w.+()-]+(?:\s+(?:AND|OR|WITH)\s+[\w.+()-]+)+")


def split_hub_id(model: str) -> tuple[str | None, str]:
    """(namespace, name) of a Hub id as a purl names it; legacy ids such as ``gpt2`` have no
    namespace. For a Hub id this is ``ModelId``'s namespace and name; a base model a card wrote
    with more segments keeps them all in the purl's namespace, as purl-spec reads a path."""
    namespace, _, name = model.rpartition("/")
    return namespace or None, name


def hub_purl(model: str, sha: str | None) -> PackageURL:
    """The purl of a Hub model at a commit (no version when the commit is unknown)."""
    namespace, name = split_hub_id(model)
    return PackageURL(
        type="huggingface", namespace=namespace, name=name, version=sha.lower() if sha else None
    )


def _licenses(report: Report, record: ModelRecord) -> list[License]:
    info = report.license_of(record)
    if info is None or not (info.spdx or info.id or info.name):
        return []
    ack = LicenseAcknowledgement.DECLARED
    url = XsUri(info.link) if info.link and info.link.startswith(("http://", "https://")) else None
    if info.spdx and is_supported_id(info.spdx):
        return [DisjunctiveLicense(id=info.spdx, url=url, acknowledgement=ack)]
    if info.spdx and _EXPRESSION.fullmatch(info.spdx.strip()):
        return [LicenseExpression(info.spdx.strip(), acknowledgement=ack)]
    # A LicenseRef-* stays machine-readable in the component's licheck:license-spdx property.
    return [DisjunctiveLicense(name=info.title or info.label, url=url, acknowledgement=ack)]


def _properties(report: Report, record: ModelRecord) -> list[Property]:
    info = report.license_of(record)
    values = {
        "licheck:source": record.source.value,
        "licheck:status": record.status.value,
        "licheck:revision": record.revision,
        "licheck:gated": None if record.gated is None else str(record.gated).lower(),
        "licheck:license-id": info.id if info else None,
        "licheck:license-spdx": info.spdx if info else None,
        "licheck:license-category": info.category if info else None,
        "licheck:last-modified": record.last_modified,
    }
    return [Property(name=k, value=v) for k, v in values.items() if v is not None]


class _Builder:
    """Turns records into components, giving each a unique, content-derived bom-ref."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.records: dict[str, ModelRecord] = {}
        for record in report.models:
            self.records.setdefault(record.model, record)

    def component(self, record: ModelRecord, ref: str, lineage: tuple[str, ...] = ()) -> Component:
        group, name = split_hub_id(record.model) if record.source.on_hub else (None, record.model)
        purl = hub_purl(record.model, record.sha) if record.source.on_hub else None
        links = []
        if record.source.on_hub:
            page = ModelId(record.model).url
            links.append(ExternalReference(type=ExternalReferenceType.MODEL_CARD, url=XsUri(page)))
        ancestors = [
            self._ancestor(base, f"{ref}|base:{base.model}", (*lineage, record.model))
            for base in record.base_models
            if base.model not in lineage and len(lineage) < _MAX_ANCESTRY
        ]
        return Component(
            type=ComponentType.MACHINE_LEARNING_MODEL,
            bom_ref=ref,
            group=group,
            name=name,
            version=record.sha.lower() if record.sha else None,
            purl=purl,
            licenses=_licenses(self.report, record),
            external_references=links,
            properties=_properties(self.report, record),
            pedigree=Pedigree(ancestors=ancestors) if ancestors else None,
        )

    def _ancestor(self, base: BaseModel, ref: str, lineage: tuple[str, ...]) -> Component:
        known = self.records.get(base.model)
        if known is None:
            # Only the id the card declares is known: no sha, license or status to claim.
            group, name = split_hub_id(base.model)
            component = Component(
                type=ComponentType.MACHINE_LEARNING_MODEL,
                bom_ref=ref,
                group=group if name else None,
                name=name or base.model,
                purl=hub_purl(base.model, None) if name else None,
            )
        else:
            component = self.component(known, ref, lineage)
        relation = base.relation or "derived"
        component.properties.add(Property(name="licheck:relation", value=relation))
        return component


def _ref(record: ModelRecord) -> str:
    if record.source.on_hub:
        return hub_purl(record.model, record.sha).to_string() + (
            "" if record.sha else f"#{record.revision or 'default'}"
        )
    return f"licheck:{record.source.value}:{record.model}#{record.revision or 'default'}"


def _timestamp(given: datetime | None) -> datetime:
    if given is not None:
        return given
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(tz=timezone.utc).replace(microsecond=0)


def build_bom(report: Report, *, timestamp: datetime | None = None) -> Bom:
    """The BOM object: the project as the described component, depending on every model."""
    builder = _Builder(report)
    project_name = PurePath(report.root).name or "project"
    project = Component(type=ComponentType.APPLICATION, name=project_name, bom_ref="project")
    bom = Bom()
    bom.metadata.timestamp = _timestamp(timestamp)
    bom.metadata.component = project
    bom.metadata.tools.components.add(
        Component(type=ComponentType.APPLICATION, name="licheck", version=__version__)
    )
    components: dict[str, Component] = {}
    for record in report.models:
        ref = _ref(record)
        if ref not in components:
            components[ref] = builder.component(record, ref)
    bom.components.update(components.values())
    # What Bom.register_dependency(project, components) makes, without its search of every
    # dependency so far for each component (quadratic: seconds for a few thousand models): the
    # project depending on every model, and each model on nothing.
    depends = [Dependency(ref=component.bom_ref) for component in components.values()]
    bom.dependencies.add(Dependency(ref=project.bom_ref, dependencies=depends))
    bom.dependencies.update(Dependency(ref=component.bom_ref) for component in components.values())
    return bom


def render_cyclonedx(report: Report, *, timestamp: datetime | None = None) -> str:
    """The ML-BOM as CycloneDX 1.6 JSON, indented and newline-terminated."""
    bom = build_bom(report, timestamp=timestamp)
    # The serial is a hash of the document written with a nil serial: same input, same BOM.
    bom.serial_number = uuid.UUID(int=0)
    draft = JsonV1Dot6(bom).output_as_string(indent=2)
    bom.serial_number = uuid.uuid5(_SERIAL_NAMESPACE, hashlib.sha256(draft.encode()).hexdigest())
    # The document with the serial set is the draft with that one value changed; the key, with
    # its quotes, stands nowhere else in JSON text (a quote inside a string is escaped).
    nil = f'"serialNumber": "{uuid.UUID(int=0).urn}"'
    if draft.count(nil) == 1:
        return draft.replace(nil, f'"serialNumber": "{bom.serial_number.urn}"') + "\n"
    return JsonV1Dot6(bom).output_as_string(indent=2) + "\n"

"""The provenance graph as a Mermaid ``graph`` block, for the Markdown report.

Each model with declared base models points at its bases, the edge labelled with the relation
(finetune, adapter, quantized, merge). Node ids are generated (``n0``, ``n1`` ...) and every
label is quoted and entity-escaped, so a model id or license name can never break the diagram
or the code fence around it. Big graphs are cut at ``max_edges``: GitHub's Mermaid refuses
diagrams with too many edges or too much text. This module only reads the ``Report``.
"""

from __future__ import annotations

from licheck.records import Report, Severity
from licheck.report.safe_text import visible

MAX_EDGES = 200
# Mermaid entity codes; "#" goes first so the codes it introduces are not escaped again.
_ENTITIES = (
    ("#", "#35;"),
    ('"', "#quot;"),
    ("<", "#lt;"),
    (">", "#gt;"),
    ("`", "#96;"),
    ("|", "#124;"),
)


def label(text: str) -> str:
    """A quoted Mermaid label that shows ``text`` literally on one line."""
    flat = visible(" ".join(text.split()))  # whitespace folds to spaces, ESC and kin show
    for char, entity in _ENTITIES:
        flat = flat.replace(char, entity)
    return f'"{flat}"'


def provenance_graph(report: Report, *, max_edges: int = MAX_EDGES) -> str:
    """A fenced ``mermaid`` block, or "" when no model declares a base model."""
    edges: dict[tuple[str, str, str], None] = {}
    for record in report.models:
        for base in record.base_models:
            edges.setdefault((record.model, base.model, base.relation or "derived"), None)
    if not edges:
        return ""
    shown = list(edges)[:max_edges]
    ids: dict[str, str] = {}
    for child, parent, _ in shown:
        for model in (child, parent):
            ids.setdefault(model, f"n{len(ids)}")
    licenses: dict[str, str] = {}
    for record in report.models:
        info = report.license_of(record)
        if info is not None:
            licenses.setdefault(record.model, info.label)
    risky = {f.model for f in report.findings if f.severity >= Severity.HIGH}
    lines = ["```mermaid", "graph LR"]
    for model, node in ids.items():
        text = f"{model} ({licenses[model]})" if model in licenses else model
        lines.append(f"  {node}[{label(text)}]")
    lines.extend(
        f"  {ids[child]} -->|{label(relation)}| {ids[parent]}" for child, parent, relation in shown
    )
    flagged = [node for model, node in ids.items() if model in risky]
    if flagged:
        lines.append("  classDef risk stroke:#d73a49,stroke-width:3px")
        lines.append(f"  class {','.join(flagged)} risk")
    lines.append("```")
    if len(edges) > len(shown):
        lines.append(
            f"\n_Graph cut at {len(shown)} of {len(edges)} edges; the JSON report has them all._"
        )
    return "\n".join(lines) + "\n"

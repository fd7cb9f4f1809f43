"""Provenance in the rules stage: what a model's ``base_model`` chain and history mean.

``load`` reads the built-in provenance policy (``rules/provenance.toml``: relation inference,
family split categories, the vendor-drift score); ``chain`` walks the chain through the resolved
records and derives the effective license; ``changes`` reads license history, the head of a
pinned model, family siblings and the LICENSE file; ``predicates`` registers the predicates over
those facts; ``fields`` gives their template text and ``details`` their JSON finding details.
Records arrive already resolved: nothing here touches the network.
"""

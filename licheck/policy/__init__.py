"""The user's project policy: the ``[tool.licheck]`` keys that judge findings, and applying them.

``parse`` reads ``allow_licenses``, ``deny_licenses``, ``categories`` and the ``accept`` waivers
into a ``ProjectPolicy`` (configuration only: ``licheck.config`` calls it); ``apply`` checks the
policy against the loaded rules and applies it to the rules stage's findings, with
``license_lists`` (matching licenses to the allow and deny lists) and ``waivers`` (what an
``accept`` entry covers). It runs after ``licheck.rules`` and before the report; no I/O, no
network. The built-in provenance policy (``rules/provenance.toml``) is not this: see
``licheck.rules.provenance.load``.
"""

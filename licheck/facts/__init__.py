"""Facts bundles: Hub answers carried between machines, read offline, compared over time.

``format`` writes and reads the versioned JSON (``licheck/facts/v1``), ``schema`` checks a
bundled record, ``sources`` gathers the bundles a run is given (options, configuration,
environment) and ``diff`` compares two recordings. The hub stage reads bundles through
``licheck.hub.bundled``; nothing here touches the network.
"""

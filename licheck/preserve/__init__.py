"""``licheck preserve``: a verified copy of the models a project depends on, at the commit it uses.

``targets`` says which models and at which commit, ``plan`` what each snapshot should hold and
what is already there, ``fetch`` downloads through ``licheck.hub.client`` (huggingface_hub's
``hf_hub_download``) and verifies, ``run`` ties the steps together, ``store``/``names`` keep
every write inside the destination and atomic, ``manifest``/``index`` are the record,
``record`` writes the copies into licheck.lock, ``verify`` re-hashes the store, ``check`` is the
scan's cheap look, and ``signing`` wraps the optional model-signing library.

Importing this package must stay cheap: ``licheck scan`` imports ``check`` on every run. No
module here talks to the network except through ``licheck.hub``.
"""

"""licheck: find the models a codebase pulls and check their licenses, provenance and drift."""

__version__ = "0.1.0"

"""Tools for the network that keeps the records: what a change does (``digituki diff``),
what is stale or missing (``digituki report``) and who reviews what (CODEOWNERS)."""

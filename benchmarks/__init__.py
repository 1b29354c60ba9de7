"""Benchmarks of the digituki pipeline (``scripts/bench``): speed and size figures, never pass
or fail. Kept out of the ``digituki`` package: they drive a browser through Playwright, a test
dependency the program itself does not need."""

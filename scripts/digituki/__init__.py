"""Digituki: a static-site generator for a regional directory of digital support.

The subpackages follow the pipeline, in layers; a module imports only from its own layer and
the ones below it, and no output imports another (``tests/test_architecture.py``):

1. Foundations: ``problems`` and ``codes`` (every problem the validator reports, with its
   words), ``i18n`` (the translation catalogue), ``load`` (strict YAML with line marks),
   ``values`` (hours, recurrences, phone numbers, links, dates, read alike by every step),
   ``schema`` (the one description of a record's shape), ``untrusted`` (record text made
   safe for Markdown reports), ``resources`` (the templates as package resources),
   ``workers`` (work on forked processes) and ``outputcache`` (outputs kept by the hash of
   their inputs).
2. ``validate``: shape and rules, every problem collected; the records' code owners.
3. ``model``: frozen objects built only from valid records, and the domain rules every
   output shares (``model.rules``).
4. ``present``: what every output uses to speak to people: hours, dates and names in words,
   slugs, grouping by municipality, markup, CSV and the coordinator's report.
5. ``ptv``: Suomi.fi PTV read (files or its Open API), records started from it, and our
   records checked against it.
6. The outputs: ``site`` (the pages per language and the engine layer), ``leaflets`` (PDF),
   ``export`` (the open data), ``network`` (change summaries and the report's files) and
   ``docs`` (references generated from the schema and codes).
7. ``cli`` (the ``digituki`` command), ``scaffold`` (a new record from the template) and
   ``serve`` (the live preview: watch, check, build the pages, reload the browser, then the
   index, exports and leaflets in the background).

The templates are in ``theme_overrides/``: ``pages`` (site), ``print`` (leaflets) and
``material`` (the Material theme overrides and the site's assets).
"""

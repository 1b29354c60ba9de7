"""What every output uses to speak to people: hours and dates in words (``hours_view``), names
in a language, their order and slugs (``names``), record text as escaped markup and Markdown
(``markup``, ``richtext``), providers grouped by municipality (``grouping``),
spreadsheet-safe CSV (``spreadsheet``) and the coordinator's report (``report``). The
outputs (site, leaflets, export, network, docs) import this package and the model, never
each other."""

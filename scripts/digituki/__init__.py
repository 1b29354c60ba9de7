"""Digituki: a static-site generator for a regional directory of digital support.

The package folders follow the pipeline: ``load`` (strict YAML with line marks),
``schema`` (the one description of a record's shape), ``validate`` (shape and rules,
every problem collected) and ``docs`` (references generated from the schema and codes).
"""

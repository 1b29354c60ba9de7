"""Interpreting single values (hours, phone numbers, links) the same way everywhere:
the validator checks with these functions and later steps normalise with them."""

"""The valid fixture passes cleanly, uses every field, and the exported JSON Schema agrees."""
import datetime
import json

import jsonschema

from digituki.schema.export import json_schema
from digituki.schema.records import PROVIDER, REGION, VOCABULARIES
from digituki.schema.types import List, Obj, objects_in
from digituki.validate.dataset import validate_dataset

from conftest import TODAY, VALID


def test_valid_dataset_has_no_problems_at_all():
    result = validate_dataset(VALID, TODAY)
    assert [(p.file, p.mark.line, p.code) for p in result.problems] == []
    assert len(result.providers()) == 2


def _fields_used(value, obj: Obj, used: set) -> None:
    for f in obj.fields:
        if f.name not in value:
            continue
        used.add((obj.name, f.name))
        child_type, child = f.type, value[f.name]
        items = child if isinstance(child_type, List) else [child]
        item_type = child_type.item if isinstance(child_type, List) else child_type
        if isinstance(item_type, Obj):
            for item in items:
                _fields_used(item, item_type, used)


def test_valid_fixtures_use_every_field():
    schemas = {"provider": PROVIDER, "region": REGION, **VOCABULARIES}
    used: set = set()
    for checked in validate_dataset(VALID, TODAY).files:
        _fields_used(checked.value, schemas[checked.kind], used)
    every = {(obj.name, f.name) for root in schemas.values() for obj in objects_in(root)
             for f in obj.fields}
    # Each vocabulary's terms have the same optional description: one of them shows it.
    unused = {(obj, field) for obj, field in every - used
              if not (obj.endswith("_term") and field == "description")}
    assert unused == set()
    assert ("topics_term", "description") in used


def _as_json(value):
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()
                                 if isinstance(v, datetime.date) else str(v)))


def test_exported_json_schema_accepts_what_the_validator_accepts():
    schema = json_schema(PROVIDER, "provider")
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    for checked in validate_dataset(VALID, TODAY).providers():
        assert list(validator.iter_errors(_as_json(checked.value))) == [], checked.display


def test_exported_json_schema_rejects_unknown_fields_and_missing_required():
    validator = jsonschema.Draft7Validator(json_schema(PROVIDER, "provider"))
    checked = validate_dataset(VALID, TODAY).providers()[0]
    record = _as_json(checked.value)
    record["nmae"] = "typo"
    del record["verified"]
    messages = sorted(e.validator for e in validator.iter_errors(record))
    assert messages == ["additionalProperties", "required"]

"""JSON Schema (draft-07 keywords, as yaml-language-server reads them) from the record schema."""
import json

from .records import PROVIDER, REGION, VOCABULARIES
from .types import Field, Obj, objects_in

DRAFT = "http://json-schema.org/draft-07/schema#"


def _bilingual(doc: dict[str, str]) -> str:
    return f"{doc['fi']} / {doc['en']}"


def _definition(obj: Obj) -> dict:
    schema = {"type": "object", "additionalProperties": False,
              "properties": {f.name: _property(f) for f in obj.fields}}
    required = [f.name for f in obj.fields if f.required]
    if required:
        schema["required"] = required
    if obj.doc:
        schema["description"] = _bilingual(obj.doc)
    return schema


def _property(field: Field) -> dict:
    return {**field.type.json_schema(), "description": _bilingual(field.doc)}


def json_schema(root: Obj, title: str) -> dict:
    return {
        "$schema": DRAFT,
        "title": title,
        "$ref": f"#/definitions/{root.name}",
        "definitions": {obj.name: _definition(obj) for obj in objects_in(root)},
    }


def schema_files() -> dict[str, str]:
    """File name -> JSON text of every published schema."""
    roots = {"provider": PROVIDER, "region": REGION, **VOCABULARIES}
    return {f"{name}.schema.json": json.dumps(json_schema(root, f"Digituki {name}"),
                                              ensure_ascii=False, indent=2) + "\n"
            for name, root in roots.items()}

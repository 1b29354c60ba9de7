"""JSON Schema (draft-07 keywords, as yaml-language-server reads them) from the record schema."""
import json
from typing import Callable

from .records import PROVIDER, REGION, VOCABULARIES
from .types import Json, JsonObject, List, Obj, Type, objects_in

DRAFT = "http://json-schema.org/draft-07/schema#"


def _bilingual(doc: dict[str, str]) -> str:
    return f"{doc['fi']} / {doc['en']}"


# A variant of the schema (the export's) may describe some values differently:
# ``leaf`` returns their schema, or None for the record's own.
Leaf = Callable[[Type], JsonObject | None]
Extra = Callable[[Obj], JsonObject]


def _type_schema(type_: Type, leaf: Leaf) -> JsonObject:
    if isinstance(type_, List):
        schema: JsonObject = {"type": "array", "items": _type_schema(type_.item, leaf)}
        if type_.min_items:
            schema["minItems"] = type_.min_items
        if type_.max_items is not None:
            schema["maxItems"] = type_.max_items
        return schema
    return leaf(type_) or type_.json_schema()


def _definition(obj: Obj, leaf: Leaf, extra: Extra) -> JsonObject:
    properties: JsonObject = {
        f.name: {**_type_schema(f.type, leaf), "description": _bilingual(f.doc)}
        for f in obj.fields}
    schema: JsonObject = {"type": "object", "additionalProperties": False,
              "properties": {**properties, **extra(obj)}}
    required: list[Json] = [f.name for f in obj.fields if f.required]
    if required:
        schema["required"] = required
    if obj.doc:
        schema["description"] = _bilingual(obj.doc)
    return schema


def json_schema(root: Obj, title: str, leaf: Leaf = lambda t: None,
                extra: Extra = lambda obj: {}) -> JsonObject:
    return {
        "$schema": DRAFT,
        "title": title,
        "$ref": f"#/definitions/{root.name}",
        "definitions": definitions(root, leaf, extra),
    }


def definitions(root: Obj, leaf: Leaf = lambda t: None, extra: Extra = lambda obj: {}
                ) -> JsonObject:
    """Each section's schema by name, ``root`` and those under it: a schema's definitions."""
    return {obj.name: _definition(obj, leaf, extra) for obj in objects_in(root)}


def schema_files() -> dict[str, str]:
    """File name -> JSON text of every published schema."""
    roots = {"provider": PROVIDER, "region": REGION, **VOCABULARIES}
    return {f"{name}.schema.json": json.dumps(json_schema(root, f"Digituki {name}"),
                                              ensure_ascii=False, indent=2) + "\n"
            for name, root in roots.items()}

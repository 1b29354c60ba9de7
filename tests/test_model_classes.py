"""The generated model classes (model/classes.py) say what the model holds: every value built
from the records has the type its field is annotated with, and every class carries its rules."""
import collections.abc
import dataclasses
import types
import typing

from digituki.model import classes
from digituki.model.build import load_dataset
from digituki.model.rules import RULES

from conftest import TODAY, VALID


def _wrong(value: object, hint: typing.Any, where: str) -> list[str]:
    """Where ``value`` is not of the type ``hint``, inside it too (fields of model objects)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Literal:
        return [] if value in args else [f"{where}: {value!r} is none of {args}"]
    if origin in (typing.Union, types.UnionType):
        found = [_wrong(value, arg, where) for arg in args]
        return [] if [] in found else [f"{where}: {value!r} is not {hint}"]
    if origin is tuple:
        if not isinstance(value, tuple):
            return [f"{where}: {type(value).__name__} is not a tuple"]
        return [w for i, item in enumerate(value) for w in _wrong(item, args[0], f"{where}[{i}]")]
    if origin is collections.abc.Mapping:
        if not isinstance(value, collections.abc.Mapping):
            return [f"{where}: {type(value).__name__} is not a mapping"]
        return [w for key, item in value.items()
                for w in _wrong(key, args[0], where) + _wrong(item, args[1], f"{where}[{key}]")]
    if not isinstance(value, hint):
        return [f"{where}: {type(value).__name__} is not {hint.__name__}"]
    if dataclasses.is_dataclass(value):
        return [w for f in dataclasses.fields(value)
                for w in _wrong(getattr(value, f.name), f.type, f"{where}.{f.name}")]
    return []


def test_every_value_of_the_model_has_its_annotated_type():
    dataset, _ = load_dataset(VALID, TODAY)
    assert _wrong(dataset, type(dataset), "dataset") == []


def test_each_class_inherits_the_rules_of_its_name():
    for name, rules in RULES.items():
        assert issubclass(getattr(classes, name), rules), name

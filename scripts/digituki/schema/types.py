"""The building blocks of the record schema.

Each type knows three things, so the schema is written once: how to check a YAML node and
turn it into a value (``check``), how it looks in JSON Schema (``json_schema``) and how it is
named in the field reference (``kind``). Checking never raises: problems go to the context,
and a value that cannot be used is returned as ``INVALID``.
"""
import datetime
import difflib
import re
from collections import abc
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Iterable

from ..i18n import translations
from ..load.marks import Mark, Path, format_path
from ..load.strict_yaml import AliasRef, Mapping, Node, Scalar, Sequence
from ..problems import Param, ProblemList
from ..values import text as text_values
from .limits import MAX_NAME_CHARS

class _Unusable(Enum):
    """Marks a value that failed its check (its problem is reported). An enum member, so it
    stays the same object when results come back from another process."""

    INVALID = "invalid"


INVALID = _Unusable.INVALID
Doc = dict[str, str]
# A checked value: text, a number, a date or a boolean, a list or section of them, or INVALID.
# Its shape is the schema's, given at run time, which no static type can follow: Any.
Checked = Any
Section = dict[str, Checked]  # a checked section: field name -> checked value
# A JSON value; a JSON Schema is an object of them. Its containers are read-only types, so
# that a list[str] or a dict[str, str] is one too (list and dict are invariant).
Json = str | int | float | bool | None | abc.Sequence["Json"] | abc.Mapping[str, "Json"]
JsonObject = dict[str, Json]


@dataclass
class CheckContext:
    """What a shape check leaves behind for the rules: typed values and where they were."""

    problems: ProblemList
    root: Node | None = None
    by_format: dict[str, list[tuple[Path, str, Scalar]]] = field(default_factory=dict)
    refs: list[tuple[Path, str, str]] = field(default_factory=list)

    def mark_of(self, path: Path) -> Mark:
        """Where the value at ``path`` stands (found on demand: problems are rare)."""
        node = self.root
        for part in path:
            if isinstance(node, Mapping) and isinstance(part, str):
                node = node.items[part][1]
            elif isinstance(node, Sequence) and isinstance(part, int):
                node = node.items[part]
            else:
                raise LookupError(f"nothing read at {format_path(path)}")
        if node is None:
            raise LookupError("nothing read")
        return node.mark

    def report(self, path: Path, code: str, **params: Param) -> None:
        self.problems.add(self.mark_of(path), code, format_path(path), **params)

    def report_in(self, node: Scalar, index: int, path: Path, code: str, **params: Param
                  ) -> None:
        """At the character ``index`` of the value, where it stands in the file as it is;
        else at the start of the value."""
        mark = node.mark
        if node.verbatim:
            mark = Mark(mark.line, mark.column + index + (1 if node.quoted else 0))
        self.problems.add(mark, code, format_path(path), **params)


NODE_KIND = {Scalar: translations("node.scalar"), Sequence: translations("node.sequence"),
             Mapping: translations("node.mapping")}


# What YAML means by "no value"; text such as "null" would otherwise reach the pages.
NULL_WORDS = ("", "~", "null", "Null", "NULL")


def nearest(value: str, allowed: Iterable[str]) -> str:
    match = difflib.get_close_matches(value, list(allowed), n=1, cutoff=0.6)
    return match[0] if match else ""


class Type:
    node_type: type = Scalar
    if TYPE_CHECKING:
        # A field of some types and computed by others: declared read-only, for type checkers
        # only (a property here would hide the fields of the dataclasses below).
        @property
        def kind(self) -> Doc: ...

    def check(self, node: Node, path: Path, ctx: CheckContext) -> Checked:
        if isinstance(node, AliasRef):
            return INVALID  # the alias is reported where it stands
        if isinstance(node, Scalar) and node.value in NULL_WORDS and not node.quoted:
            ctx.report(path, "value-empty")  # "field:" with nothing after it, or null
            return INVALID
        if not isinstance(node, self.node_type):
            ctx.report(path, "field-type", expected=NODE_KIND[self.node_type],
                       found=NODE_KIND[type(node)])
            return INVALID
        return self.check_node(node, path, ctx)

    # ``node`` is of the type's ``node_type`` (``check`` makes sure); each type narrows it.
    def check_node(self, node: Any, path: Path, ctx: CheckContext) -> Checked:
        raise NotImplementedError

    def json_schema(self) -> JsonObject:
        raise NotImplementedError


def _non_empty(node: Scalar, path: Path, ctx: CheckContext) -> str | None:
    text = node.value.strip()
    if not text:
        ctx.report(path, "value-empty")
        return None
    return text


def _characters_allowed(node: Scalar, path: Path, ctx: CheckContext, multiline: bool,
                        free: bool) -> bool:
    """Line breaks, control and invisible characters (values/text.py); False on an error.
    Invisible characters in free text are a warning that suggests the text without them."""
    ok = True
    for found in text_values.findings(node.value, multiline):
        if found.kind == text_values.HIDDEN and free:
            ctx.report_in(node, found.index, path, "text-invisible-free", char=found.describe(),
                          cleaned=text_values.excerpt(node.value, found.index))
            continue
        code = {text_values.LINE_BREAK: "text-line-break", text_values.CONTROL:
                "text-control-character", text_values.HIDDEN: "text-invisible"}[found.kind]
        ctx.report_in(node, found.index, path, code, char=found.describe())
        ok = False
    return ok


@dataclass
class Str(Type):
    """Text in one language. ``fmt`` names a rule that checks it further (phone, hours …);
    ``ref`` names the vocabulary its value must come from. Only ``multiline`` text may hold
    line breaks; invisible characters are an error except in ``free`` text (a warning);
    ``max_chars`` bounds its length (schema/limits.py)."""

    fmt: str | None = None
    ref: str | None = None
    pattern: str | None = None
    pattern_doc: Doc | None = None
    enum: tuple[str, ...] | None = None
    kind: Doc = field(default_factory=lambda: translations("kind.text"))
    max_chars: int = MAX_NAME_CHARS
    multiline: bool = False
    free: bool = False

    def check_node(self, node: Scalar, path: Path, ctx: CheckContext) -> Checked:
        if not _characters_allowed(node, path, ctx, self.multiline, self.free):
            return INVALID
        text = _non_empty(node, path, ctx)
        if text is None:
            return INVALID
        if "TODO" in text:  # a blank left from the template; nothing else to say about it
            ctx.report(path, "placeholder")
            return INVALID
        if len(text) > self.max_chars:
            ctx.report(path, "text-too-long", count=str(len(text)), maximum=str(self.max_chars))
            return INVALID
        if self.enum and text not in self.enum:
            ctx.report(path, "value-enum", value=text, allowed=", ".join(self.enum),
                       near=nearest(text, self.enum))
            return INVALID
        if self.pattern and not re.fullmatch(self.pattern, text):
            if self.fmt == "id":
                ctx.report(path, "id-format", value=text)
            else:
                # Every pattern but the id's is described; else the pattern says it.
                ctx.report(path, "value-format", value=text,
                           expected=self.pattern_doc or self.pattern)
            return INVALID
        ctx.by_format.setdefault(self.fmt or "plain", []).append((path, text, node))
        if self.ref:
            ctx.refs.append((path, self.ref, text))
        return text

    def json_schema(self) -> JsonObject:
        schema: JsonObject = {"type": "string", "minLength": 1, "maxLength": self.max_chars}
        if self.enum:
            schema["enum"] = list(self.enum)
        if self.pattern:
            schema["pattern"] = f"^(?:{self.pattern})$"
        if self.fmt in ("email", "date"):
            schema["format"] = self.fmt
        if self.fmt == "url":
            schema["format"] = "uri"
        return schema


ID_PATTERN = r"(?=[a-z0-9-]{1,64}$)[a-z0-9]+(?:-[a-z0-9]+)*"


def Id() -> Str:
    return Str(fmt="id", pattern=ID_PATTERN,
               kind=translations("kind.id"))


@dataclass
class Date(Type):
    kind: Doc = field(default_factory=lambda: translations("kind.date"))

    def check_node(self, node: Scalar, path: Path, ctx: CheckContext) -> Checked:
        text = _non_empty(node, path, ctx)
        if text is None:
            return INVALID
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError(text)
            return datetime.date.fromisoformat(text)
        except ValueError:
            ctx.report(path, "date-format", value=text)
            return INVALID

    def json_schema(self) -> JsonObject:
        return {"type": "string", "format": "date"}


@dataclass
class Bool(Type):
    kind: Doc = field(default_factory=lambda: translations("kind.bool"))

    def check_node(self, node: Scalar, path: Path, ctx: CheckContext) -> Checked:
        if node.value in ("true", "false"):
            if node.quoted:
                ctx.report(path, "value-quoted", value=node.value)
                return INVALID
            return node.value == "true"
        ctx.report(path, "value-boolean", value=node.value)
        return INVALID

    def json_schema(self) -> JsonObject:
        return {"type": "boolean"}


@dataclass
class Number(Type):
    minimum: float
    maximum: float
    example: str
    integer: bool = False

    @property
    def kind(self) -> Doc:
        span = f"{self.minimum:g}–{self.maximum:g}"
        if self.integer:
            return translations("kind.integer", span=span)
        return translations("kind.number", span=span)

    def check_node(self, node: Scalar, path: Path, ctx: CheckContext) -> Checked:
        pattern = r"-?\d+" if self.integer else r"-?\d+(?:\.\d+)?"
        if not re.fullmatch(pattern, node.value):
            ctx.report(path, "value-number", value=node.value, example=self.example)
            return INVALID
        if node.quoted:
            ctx.report(path, "value-quoted", value=node.value)
            return INVALID
        number = int(node.value) if self.integer else float(node.value)
        if not self.minimum <= number <= self.maximum:
            ctx.report(path, "value-range", value=node.value, minimum=f"{self.minimum:g}",
                       maximum=f"{self.maximum:g}")
            return INVALID
        return number

    def json_schema(self) -> JsonObject:
        return {"type": "integer" if self.integer else "number",
                "minimum": self.minimum, "maximum": self.maximum}


@dataclass
class Field:
    name: str
    type: Type
    doc: Doc
    required: bool = False


def _cut_at_comma(mapping: Mapping, value: Node) -> bool:
    """In {fi: a, b} YAML reads 'b' as a field without a value: a text cut at its comma."""
    return mapping.flow and isinstance(value, Scalar) and value.value == "" and not value.quoted


@dataclass
class Obj(Type):
    """A section with named fields. Unknown fields are errors (a typo would lose data)."""

    name: str
    fields: list[Field]
    doc: Doc = field(default_factory=dict)
    node_type: type = Mapping

    @property
    def kind(self) -> Doc:
        return translations("kind.section", name=self.name)

    def __post_init__(self) -> None:
        self.by_name = {f.name: f for f in self.fields}

    def check_node(self, node: Mapping, path: Path, ctx: CheckContext) -> Checked:
        value = {}
        for key, (key_mark, child) in node.items.items():
            spec = self.by_name.get(key)
            if spec is None:
                where = format_path(path + (key,))
                if _cut_at_comma(node, child):
                    ctx.problems.add(key_mark, "text-comma", where, key=key)
                else:
                    ctx.problems.add(key_mark, "field-unknown", where, key=key,
                                     allowed=", ".join(self.by_name),
                                     near=nearest(key, self.by_name))
                continue
            value[key] = spec.type.check(child, path + (key,), ctx)
        for spec in self.fields:
            if spec.required and spec.name not in node.items:
                ctx.problems.add(node.mark, "field-required", format_path(path), key=spec.name)
        return value

    def json_schema(self) -> JsonObject:
        return {"$ref": f"#/definitions/{self.name}"}


@dataclass
class List(Type):
    item: Type
    min_items: int = 0
    max_items: int | None = None  # schema/limits.py
    node_type: type = Sequence

    @property
    def kind(self) -> Doc:
        return {lang: f"{word}: {self.item.kind[lang]}"
                for lang, word in translations("kind.list").items()}

    def check_node(self, node: Sequence, path: Path, ctx: CheckContext) -> Checked:
        if len(node.items) < self.min_items:
            ctx.report(path, "list-empty", minimum=str(self.min_items))
        if self.max_items is not None and len(node.items) > self.max_items:
            ctx.report(path, "list-too-long", count=str(len(node.items)),
                       maximum=str(self.max_items))
        return [self.item.check(child, path + (i,), ctx) for i, child in enumerate(node.items)]



def objects_in(root: Obj) -> list[Obj]:
    """Every section reachable from ``root``, each once, in reading order."""
    found: list[Obj] = []

    def visit(t: Type) -> None:
        if isinstance(t, List):
            visit(t.item)
        elif isinstance(t, Obj) and all(t is not seen for seen in found):
            found.append(t)
            for f in t.fields:
                visit(f.type)

    visit(root)
    return found

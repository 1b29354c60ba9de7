"""Strict YAML: a node tree where every scalar is text and every node knows its line.

PyYAML's own loaders resolve YAML 1.1 types (``10:00`` becomes 600, ``0401234567`` an octal
number, ``no`` False) and silently merge duplicate keys. Here we read the parser's events
ourselves, so nothing is converted and every hazard is reported instead of absorbed:
duplicate keys, anchors and aliases, merge keys, explicit tags, several documents,
non-UTF-8 bytes and oversize files. Types are applied later, by the schema.
"""
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import yaml

from ..codes import at_start
from ..i18n import N_, translations
from ..problems import ProblemList
from .marks import Mark

# libyaml's parser is much faster; the pure-Python one reports the same events (PyYAML wheels
# ship libyaml).
_Loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader

MAX_BYTES = 256 * 1024


@dataclass(slots=True)
class Scalar:
    value: str
    mark: Mark
    quoted: bool = False
    # The value stands in the file character for character on one line (no escapes, no
    # folding), so a position inside it is a column too.
    verbatim: bool = False


@dataclass(slots=True)
class Sequence:
    mark: Mark
    items: list["Node"] = field(default_factory=list)


@dataclass(slots=True)
class Mapping:
    mark: Mark
    # key text -> (mark of the key, value node); insertion order is file order
    items: dict[str, tuple[Mark, "Node"]] = field(default_factory=dict)
    flow: bool = False  # written {inside: braces}


@dataclass(slots=True)
class AliasRef:
    """Where an alias (*name) stood. Its value is not used: the alias is reported, and
    expanding it could multiply a small file into millions of values."""

    name: str
    mark: Mark


Node = Scalar | Sequence | Mapping | AliasRef
_DROPPED_KEY = Scalar("", Mark(0, 0))  # a reported key whose value is not kept
# Characters that are no text: controls (tab, line feed and carriage return aside), and the
# Unicode line breaks, which YAML counts as new lines where editors and GitHub do not.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


_new_mark = tuple.__new__  # Mark(line, column) without a call of its Python __new__


def _mark(event: yaml.Event, end: bool = False) -> Mark:
    """Where the event starts (or ends), counted from 1; the parser marks every event."""
    mark = event.end_mark if end else event.start_mark
    if mark is None:
        raise ValueError(f"the YAML parser gave {event} no place")
    return _new_mark(Mark, (mark.line + 1, mark.column + 1))


def decode(data: bytes, problems: ProblemList) -> str | None:
    """UTF-8 text of the file (a leading BOM is dropped), or None with a problem."""
    if len(data) > MAX_BYTES:
        problems.append(at_start(problems.file, "file-too-large", size=str(len(data)),
                                 limit=str(MAX_BYTES)))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode("utf-8", "replace")) + 1
        problems.add(Mark(line, column), "file-encoding", byte=f"0x{data[error.start]:02X}")
        return None
    text = text.removeprefix("\ufeff")
    found = False
    for match in _NOT_TEXT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - text.rfind("\n", 0, match.start())
        problems.add(Mark(line, column), "file-control-character",
                     char=f"U+{ord(match.group()):04X}")
        found = True
    return None if found else text


class _TreeBuilder:
    """Turns parser events into nodes, reporting every hazard it meets."""

    def __init__(self, problems: ProblemList) -> None:
        self.problems = problems
        self.stack: list[Mapping | Sequence] = []
        self.pending_key: list[Scalar | None] = []
        self.root: Node | None = None
        self.documents = 0
        # The handler of each kind of event (a record has hundreds: one look-up each).
        self.handlers: dict[type, Callable[[Any], None]] = {
            yaml.ScalarEvent: self._on_ScalarEvent,
            yaml.MappingStartEvent: self._on_MappingStartEvent,
            yaml.SequenceStartEvent: self._on_SequenceStartEvent,
            yaml.MappingEndEvent: self._close, yaml.SequenceEndEvent: self._close,
            yaml.AliasEvent: self._on_AliasEvent,
            yaml.DocumentStartEvent: self._on_DocumentStartEvent}

    def feed(self, event: yaml.Event) -> None:
        handler = self.handlers.get(type(event))
        if handler is not None:
            handler(event)

    def _check_properties(self, event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> None:
        if event.anchor:
            self.problems.add(_mark(event), "yaml-alias", name=event.anchor)
        tag = event.tag
        if tag and tag != "!":  # "!" only marks a quoted scalar as non-specific
            self.problems.add(_mark(event), "yaml-tag",
                              tag=tag.replace("tag:yaml.org,2002:", "!!"))

    def _on_DocumentStartEvent(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents == 2:
            self.problems.add(_mark(event), "yaml-multiple-documents")

    def _on_AliasEvent(self, event: yaml.AliasEvent) -> None:
        self.problems.add(_mark(event), "yaml-alias", name=event.anchor or "")
        self._attach(AliasRef(event.anchor or "", _mark(event)))

    def _on_ScalarEvent(self, event: yaml.ScalarEvent) -> None:
        if event.anchor or event.tag:
            self._check_properties(event)
        start, end, style = _mark(event), _mark(event, end=True), event.style
        quoted = style not in (None, "")
        width = len(event.value) + (2 if style in ("'", '"') else 0)
        verbatim = style in (None, "", "'", '"') and start.line == end.line \
            and end.column - start.column == width
        self._attach(Scalar(event.value, start, quoted, verbatim))

    def _on_MappingStartEvent(self, event: yaml.MappingStartEvent) -> None:
        if event.anchor or event.tag:
            self._check_properties(event)
        self._open(Mapping(_mark(event), flow=bool(event.flow_style)))

    def _on_SequenceStartEvent(self, event: yaml.SequenceStartEvent) -> None:
        if event.anchor or event.tag:
            self._check_properties(event)
        self._open(Sequence(_mark(event)))

    def _open(self, node: Mapping | Sequence) -> None:
        self._attach(node)
        self.stack.append(node)
        self.pending_key.append(None)

    def _close(self, event: yaml.Event | None = None) -> None:
        self.stack.pop()
        self.pending_key.pop()

    def _attach(self, node: Node) -> None:
        if self.documents > 1:
            return  # only the first document is read; the rest is already reported
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
        elif self.pending_key[-1] is None:
            self._take_key(parent, node)
        else:
            key = self.pending_key[-1]
            self.pending_key[-1] = None
            if key is not _DROPPED_KEY:
                parent.items[key.value] = (key.mark, node)

    def _take_key(self, parent: Mapping, node: Node) -> None:
        """Remember a mapping key; an unusable key is reported and its value dropped."""
        if not isinstance(node, Scalar) or not node.value.strip():
            self.problems.add(node.mark, "yaml-key")
            node = _DROPPED_KEY
        elif node.value == "<<" and not node.quoted:
            self.problems.add(node.mark, "yaml-merge-key")
            node = _DROPPED_KEY
        elif node.value in parent.items:
            first = parent.items[node.value][0]
            self.problems.add(node.mark, "yaml-duplicate-key", key=node.value,
                              first_line=str(first.line))
            node = _DROPPED_KEY
        self.pending_key[-1] = node


# PyYAML's words for the syntax errors contributors actually make, said plainly (catalogue ids).
_TAB = N_("yaml.tab")
_SYNTAX_PROBLEMS = [
    ("found a tab character", _TAB),
    ("found character '\\t'", _TAB),
    ("mapping values are not allowed", N_("yaml.colon")),
    ("did not find expected ',' or ']'", N_("yaml.list")),
    ("did not find expected ',' or '}'", N_("yaml.section")),
    ("found unexpected end of stream", N_("yaml.quote")),
    ("did not find expected key", N_("yaml.indent")),
    ("expected <block end>", N_("yaml.indent")),
    ("did not find expected '-' indicator", N_("yaml.list_indent")),
    ("could not find expected ':'", N_("yaml.missing_colon")),
    ("did not find expected node content", N_("yaml.node_content")),
    ("expected alphabetic or numeric character", N_("yaml.anchor")),
    ("found character that cannot start any token", N_("yaml.token")),
]


def _left_open(error: yaml.MarkedYAMLError) -> bool:
    """A quote or bracket still open at a later line: its opening is the place to fix."""
    if not (error.context_mark and error.problem_mark):
        return False
    return (error.problem or "").startswith(("found unexpected end of stream",
                                             "did not find expected ','")) \
        and error.problem_mark.line > error.context_mark.line


def _syntax_problem(problem: str) -> str | dict[str, str]:
    for start, plain in _SYNTAX_PROBLEMS:
        if problem.startswith(start):
            return translations(plain)
    return problem


def parse(text: str, problems: ProblemList) -> Node | None:
    """The first document of ``text`` as nodes, or None if it is empty or unreadable."""
    builder = _TreeBuilder(problems)
    loader = _Loader(text)
    try:
        # The parser's events up to the end of the stream (yaml.parse, without a generator).
        event = loader.get_event()
        while event is not None:
            builder.feed(event)
            event = None if isinstance(event, yaml.StreamEndEvent) else loader.get_event()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if _left_open(error):
            mark = error.context_mark  # where it was opened, not where reading failed
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        problems.add(where, "yaml-syntax",
                     problem=_syntax_problem(error.problem or error.context or ""))
        return None
    except yaml.YAMLError as error:  # unmarked: nothing known to reach here, but never a trace
        problems.append(at_start(problems.file, "yaml-syntax", problem=str(error)))
        return None
    finally:
        loader.dispose()
    if builder.root is None or (isinstance(builder.root, Scalar) and builder.root.value == ""
                                and not builder.root.quoted):
        problems.append(at_start(problems.file, "file-empty"))
        return None
    return builder.root


def load_file(data: bytes, problems: ProblemList) -> Node | None:
    """Bytes of a record file -> node tree; every hazard goes to ``problems``."""
    text = decode(data, problems)
    return None if text is None else parse(text, problems)

"""Strict YAML: a node tree where every scalar is text and every node knows its line.

PyYAML's own loaders resolve YAML 1.1 types (``10:00`` becomes 600, ``0401234567`` an octal
number, ``no`` False) and silently merge duplicate keys. Here we read the parser's events
ourselves, so nothing is converted and every hazard is reported instead of absorbed:
duplicate keys, anchors and aliases, merge keys, explicit tags, several documents,
non-UTF-8 bytes and oversize files. Types are applied later, by the schema.
"""
from dataclasses import dataclass, field

import yaml

from ..codes import at_start
from ..problems import ProblemList
from .marks import Mark

try:  # libyaml's parser is much faster; the pure-Python one reports the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml
    from yaml import SafeLoader as _Loader

MAX_BYTES = 256 * 1024


@dataclass(slots=True)
class Scalar:
    value: str
    mark: Mark
    quoted: bool = False


@dataclass(slots=True)
class Sequence:
    mark: Mark
    items: list["Node"] = field(default_factory=list)


@dataclass(slots=True)
class Mapping:
    mark: Mark
    # key text -> (mark of the key, value node); insertion order is file order
    items: dict[str, tuple[Mark, "Node"]] = field(default_factory=dict)


Node = Scalar | Sequence | Mapping


def _mark(event) -> Mark:
    start = event.start_mark
    return Mark(start.line + 1, start.column + 1)


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
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.add(Mark(line, column), "file-encoding", byte=f"0x{data[error.start]:02X}")
        return None
    return text.removeprefix("\ufeff")


class _TreeBuilder:
    """Turns parser events into nodes, reporting every hazard it meets."""

    def __init__(self, problems: ProblemList):
        self.problems = problems
        self.stack: list[Mapping | Sequence] = []
        self.pending_key: list[Scalar | None] = []
        self.root: Node | None = None
        self.documents = 0
        self.anchors: dict[str, Node] = {}

        self.handlers = {yaml.ScalarEvent: self._on_ScalarEvent,
                         yaml.MappingStartEvent: self._on_MappingStartEvent,
                         yaml.SequenceStartEvent: self._on_SequenceStartEvent,
                         yaml.MappingEndEvent: self._close,
                         yaml.SequenceEndEvent: self._close,
                         yaml.AliasEvent: self._on_AliasEvent,
                         yaml.DocumentStartEvent: self._on_DocumentStartEvent}

    def feed(self, event) -> None:
        handler = self.handlers.get(type(event))
        if handler:
            handler(event)

    def _check_properties(self, event, node: Node) -> None:
        if event.anchor:
            self.problems.add(_mark(event), "yaml-alias", name=event.anchor)
            self.anchors[event.anchor] = node
        tag = event.tag
        if tag and tag != "!":  # "!" only marks a quoted scalar as non-specific
            self.problems.add(_mark(event), "yaml-tag",
                              tag=tag.replace("tag:yaml.org,2002:", "!!"))

    def _on_DocumentStartEvent(self, event) -> None:
        self.documents += 1
        if self.documents == 2:
            self.problems.add(_mark(event), "yaml-multiple-documents")

    def _on_AliasEvent(self, event) -> None:
        """Reported, but the anchored value is kept so nothing else fails because of it."""
        self.problems.add(_mark(event), "yaml-alias", name=event.anchor)
        self._attach(self.anchors.get(event.anchor, Scalar("", _mark(event))))

    def _on_ScalarEvent(self, event) -> None:
        node = Scalar(event.value, _mark(event), quoted=event.style not in (None, ""))
        self._check_properties(event, node)
        self._attach(node)

    def _on_MappingStartEvent(self, event) -> None:
        node = Mapping(_mark(event))
        self._check_properties(event, node)
        self._open(node)

    def _on_SequenceStartEvent(self, event) -> None:
        node = Sequence(_mark(event))
        self._check_properties(event, node)
        self._open(node)

    def _open(self, node: Mapping | Sequence) -> None:
        self._attach(node)
        self.stack.append(node)
        self.pending_key.append(None)

    def _close(self, event=None) -> None:
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
            self._take_key(node)
        else:
            key = self.pending_key[-1]
            self.pending_key[-1] = None
            if key.value:
                parent.items[key.value] = (key.mark, node)

    def _take_key(self, node: Node) -> None:
        """Remember a mapping key; an unusable key is reported and its value dropped."""
        parent = self.stack[-1]
        if not isinstance(node, Scalar):
            self.problems.add(node.mark, "yaml-key")
            node = Scalar("", node.mark)
        elif node.value == "<<" and not node.quoted:
            self.problems.add(node.mark, "yaml-merge-key")
            node = Scalar("", node.mark)
        elif node.value in parent.items:
            first = parent.items[node.value][0]
            self.problems.add(node.mark, "yaml-duplicate-key", key=node.value,
                              first_line=str(first.line))
            node = Scalar("", node.mark)
        self.pending_key[-1] = node


# PyYAML's words for the syntax errors contributors actually make, said plainly.
_SYNTAX_PROBLEMS = [
    ("found a tab character", {"fi": "rivillä on sarkainmerkki; sisennä välilyönneillä",
                               "en": "there is a tab character; indent with spaces"}),
    ("found character '\\t'", {"fi": "rivillä on sarkainmerkki; sisennä välilyönneillä",
                                 "en": "there is a tab character; indent with spaces"}),
    ("mapping values are not allowed", {
        "fi": "kaksoispiste on väärässä kohdassa; jos arvossa on ': ', kirjoita arvo "
              "lainausmerkkeihin",
        "en": "a colon is out of place; if the value contains ': ', put it in quotes"}),
    ("did not find expected ',' or ']'", {"fi": "hakasulkeet [ ] jäivät auki",
                                          "en": "a [ ] list is not closed"}),
    ("did not find expected ',' or '}'", {"fi": "aaltosulkeet { } jäivät auki",
                                          "en": "braces { } are not closed"}),
    ("found unexpected end of stream", {"fi": "lainausmerkki jäi sulkematta",
                                        "en": "a quotation mark is not closed"}),
    ("did not find expected key", {"fi": "sisennys on väärin", "en": "the indentation is wrong"}),
    ("expected <block end>", {"fi": "sisennys on väärin", "en": "the indentation is wrong"}),
    ("did not find expected '-' indicator", {"fi": "luettelon sisennys on väärin",
                                             "en": "the list's indentation is wrong"}),
    ("found character that cannot start any token", {
        "fi": "arvo alkaa merkillä, jolla se ei voi alkaa (esim. @ tai `); kirjoita arvo "
              "lainausmerkkeihin",
        "en": "a value starts with a character it cannot start with (such as @ or `); "
              "put it in quotes"}),
]


_UNCLOSED = ("found unexpected end of stream", "did not find expected ',' or")


def _syntax_problem(problem: str) -> str | dict[str, str]:
    for start, plain in _SYNTAX_PROBLEMS:
        if problem.startswith(start):
            return plain
    return problem


def parse(text: str, problems: ProblemList) -> Node | None:
    """The first document of ``text`` as nodes, or None if it is empty or unreadable."""
    builder = _TreeBuilder(problems)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and error.problem and error.problem.startswith(_UNCLOSED):
            mark = error.context_mark  # where the quote or bracket was opened, not file end
        problems.add(Mark(mark.line + 1, mark.column + 1), "yaml-syntax",
                     problem=_syntax_problem(error.problem or error.context or ""))
        return None
    if builder.root is None or (isinstance(builder.root, Scalar) and builder.root.value == ""
                                and not builder.root.quoted):
        problems.append(at_start(problems.file, "file-empty"))
        return None
    return builder.root


def load_file(data: bytes, problems: ProblemList) -> Node | None:
    """Bytes of a record file -> node tree; every hazard goes to ``problems``."""
    text = decode(data, problems)
    return None if text is None else parse(text, problems)

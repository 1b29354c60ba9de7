"""The strict loader keeps every scalar as written and reports every YAML hazard."""
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from digituki.load.marks import Mark
from digituki.load.strict_yaml import (MAX_BYTES, AliasRef, Mapping, Scalar, Sequence,
                                       load_file)
from digituki.problems import ProblemList


def load(text: str | bytes):
    problems = ProblemList("f.yaml")
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_file(data, problems), [(p.mark.line, p.code) for p in problems]


def plain(node):
    """The node tree as plain Python, to compare with what was written."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [plain(n) for n in node.items]
    return {k: plain(v) for k, (_, v) in node.items.items()}


def test_yaml_1_1_values_stay_text():
    node, problems = load(
        "time: 10:00\nphone: 0401234567\nanswer: no\nday: 2026-01-05\nhex: 0x1F\n"
        "sexagesimal: 1:30:00\nnothing: ~\nfloat: 1e3\nyes_word: on\n")
    assert problems == []
    assert plain(node) == {"time": "10:00", "phone": "0401234567", "answer": "no",
                           "day": "2026-01-05", "hex": "0x1F", "sexagesimal": "1:30:00",
                           "nothing": "~", "float": "1e3", "yes_word": "on"}


def test_every_node_knows_its_line_and_column():
    node, _ = load("a:\n  - x\n  - {b: 'c'}\n")
    assert isinstance(node, Mapping)
    key_mark, seq = node.items["a"]
    assert key_mark == Mark(1, 1)
    assert seq.items[0].mark == Mark(2, 5)
    inner = seq.items[1]
    assert inner.mark == Mark(3, 5)
    assert inner.items["b"][1] == Scalar("c", Mark(3, 9), quoted=True, verbatim=True)


def test_duplicate_key_is_reported_and_first_value_kept():
    node, problems = load("a: 1\nb: 2\na: 3\n")
    assert problems == [(3, "yaml-duplicate-key")]
    assert plain(node) == {"a": "1", "b": "2"}


def test_anchor_and_alias_are_reported_and_the_alias_not_expanded():
    node, problems = load("a: &x 1\nb: *x\n")
    assert problems == [(1, "yaml-alias"), (2, "yaml-alias")]
    assert node.items["b"][1] == AliasRef("x", Mark(2, 4))


def test_aliases_cannot_multiply_the_work():
    """150 aliases of a 150-alias list would be 22,500 values if expanded."""
    inner = "[" + ", ".join(["&a x"] + ["*a"] * 149) + "]"
    text = f"l1: &b {inner}\nl2: [" + ", ".join(["*b"] * 150) + "]\n"
    node, problems = load(text)
    assert len(problems) == 1 + 149 + 1 + 150
    assert all(isinstance(item, AliasRef) for item in node.items["l2"][1].items)


def test_control_characters_and_unicode_line_breaks_are_reported_where_they_stand():
    _, problems = load("a: ok\nb: bell\x07 and nul\x00\nc: line\u2028sep\n")
    assert problems == [(2, "file-control-character"), (2, "file-control-character"),
                        (3, "file-control-character")]


def test_empty_and_null_keys_are_reported_not_dropped_silently():
    _, problems = load('"": lost\n? \n: also lost\nkept: yes\n')
    assert problems == [(1, "yaml-key"), (2, "yaml-key")]


def test_merge_key_tag_and_complex_key():
    _, problems = load("a: {x: 1}\nb:\n  <<: {y: 2}\nc: !!int 3\n? [k]\n: v\n")
    assert problems == [(3, "yaml-merge-key"), (4, "yaml-tag"), (5, "yaml-key")]


def test_quoted_merge_key_is_an_ordinary_key():
    node, problems = load("'<<': 1\n")
    assert problems == [] and plain(node) == {"<<": "1"}


def test_second_document_is_reported():
    _, problems = load("a: 1\n---\nb: 2\n")
    assert problems == [(2, "yaml-multiple-documents")]


def test_not_utf8_points_at_the_byte():
    _, problems = load("a: 1\nb: P\xe4iv\xe4\n".encode("latin-1"))
    assert problems == [(2, "file-encoding")]


def test_bom_is_accepted():
    node, problems = load("\ufeffa: 1\n".encode("utf-8"))
    assert problems == [] and plain(node) == {"a": "1"}


def test_oversize_file_is_not_parsed():
    node, problems = load(b"a: " + b"x" * MAX_BYTES + b"\n")
    assert node is None and problems == [(1, "file-too-large")]


def test_empty_and_comment_only_files():
    assert load("")[1] == [(1, "file-empty")]
    assert load("# only a comment\n")[1] == [(1, "file-empty")]


def test_syntax_error_has_a_line():
    _, problems = load("a: 1\n b: 2\nc: [\n")
    assert problems[0][1] == "yaml-syntax" and problems[0][0] >= 2


# Any text, written by a YAML emitter (which quotes what needs quoting), loads back unchanged.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
# Written raw (not escaped), NEL and the Unicode line separators are line breaks to YAML.
RAW_TEXT = st.text(st.characters(blacklist_categories=("Cs",),
                                 blacklist_characters="\x85\u2028\u2029"), max_size=60)


def _round_trip(value, flow, raw):
    text = yaml.safe_dump({"key": value, "list": [value]}, allow_unicode=raw,
                          default_flow_style=flow)
    node, problems = load(text)
    assert problems == []
    assert plain(node) == {"key": value, "list": [value]}


@settings(max_examples=300, deadline=None)
@given(value=TEXT, flow=st.booleans())
def test_any_string_scalar_survives_loading(value, flow):
    _round_trip(value, flow, raw=False)


@settings(max_examples=300, deadline=None)
@given(value=RAW_TEXT, flow=st.booleans())
def test_any_string_written_as_unicode_survives_loading(value, flow):
    _round_trip(value, flow, raw=True)


PLAIN_WORD = st.from_regex(r"[A-Za-z0-9](?:[A-Za-z0-9:.\-+_]{0,20}[A-Za-z0-9])?", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(value=PLAIN_WORD)
def test_unquoted_scalars_are_kept_as_written(value):
    node, problems = load(f"key: {value}\n")
    assert problems == []
    assert plain(node) == {"key": value}


def test_unclosed_quote_or_bracket_points_where_it_was_opened():
    problems = ProblemList("f.yaml")
    load_file('id: x\nname: {fi: "abc}\ntype: library\n'.encode(), problems)
    assert [(p.mark.line, p.code) for p in problems] == [(2, "yaml-syntax")]
    assert problems[0].params["problem"]["fi"] == "lainausmerkki jäi sulkematta"
    problems = ProblemList("f.yaml")
    load_file(b"id: x\ntopics: [a, b\ntype: library\n", problems)
    assert [(p.mark.line, p.code) for p in problems] == [(2, "yaml-syntax")]

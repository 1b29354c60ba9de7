"""How the shape check reads the values contributors actually write."""
import pytest

from digituki.load.strict_yaml import load_file
from digituki.problems import ProblemList
from digituki.schema.records import PROVIDER
from digituki.schema.types import INVALID, CheckContext

from conftest import VALID

MINIMAL = (VALID / "minimal.yaml").read_text(encoding="utf-8")


def shape(text: str):
    ctx = CheckContext(ProblemList("f.yaml"))
    ctx.root = load_file(text.encode("utf-8"), ctx.problems)
    value = PROVIDER.check(ctx.root, (), ctx)
    return value, [(p.mark.line, p.code, p.path) for p in ctx.problems]


def test_the_minimal_record_has_the_right_types():
    value, problems = shape(MINIMAL)
    assert problems == []
    assert value["services"][0]["cost"]["free"] is True
    assert value["verified"]["date"].isoformat() == "2026-10-01"
    assert value["service_points"][0]["municipality"] == "019"


@pytest.mark.parametrize("written", ["null", "~", "Null", "NULL", ""])
def test_yaml_null_is_an_empty_value_not_text(written):
    _, problems = shape(MINIMAL.replace("name: {fi: Kerhohuone}",
                                        f"name: {{fi: Kerhohuone, sv: {written}}}"))
    assert problems == [(11, "value-empty", "service_points[0].name.sv")]


def test_quoted_true_and_quoted_number_ask_to_remove_the_quotes():
    _, problems = shape(MINIMAL.replace("cost: {free: true}", 'cost: {free: "true"}'))
    assert problems == [(20, "value-quoted", "services[0].cost.free")]


@pytest.mark.parametrize("written, code", [
    ("{fi: Pienin, mahdollinen}", "text-comma"), ("{fi: Pienin, ja muuta}", "text-comma")])
def test_a_text_cut_at_a_comma_in_braces(written, code):
    _, problems = shape(MINIMAL.replace("{fi: Pienin mahdollinen}", written))
    assert [(line, c) for line, c, _ in problems] == [(4, code)]


def test_a_field_name_with_spaces_in_a_block_is_an_unknown_field():
    _, problems = shape(MINIMAL.replace("type: association\n",
                                        "type: association\nwhat to bring: phone\n"))
    assert problems == [(6, "field-unknown", "what to bring")]


def test_an_alias_in_a_required_field_is_reported_once():
    value, problems = shape(MINIMAL.replace('"Th 13:00-15:00; PH off"', "*hours")
                            .replace("type: place", "type: &hours place"))
    assert [code for _, code, _ in problems] == ["yaml-alias", "yaml-alias"]
    assert value["services"][0]["at"][0]["hours"] is INVALID

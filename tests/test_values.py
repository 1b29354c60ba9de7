"""Hours, phone numbers and links are read one way everywhere."""
import datetime

import pytest

from digituki.values import contact, hours
from digituki.values.dates import months_before


@pytest.mark.parametrize("written, fixed", [
    ("ti 10-12", "Tu 10:00-12:00"),
    ("ma-pe 9-16; PH off", "Mo-Fr 09:00-16:00; PH off"),
    ("Tu 10.00–12.00", "Tu 10:00-12:00"),
    ("la 9.30-12", "Sa 9:30-12:00"),
])
def test_finnish_ways_of_writing_hours_get_a_suggestion(written, fixed):
    assert hours.syntax_error(written) is not None
    assert hours.suggest_fix(written) == fixed
    assert hours.syntax_error(fixed) is None


def test_no_suggestion_when_no_fix_parses():
    assert hours.suggest_fix("whenever") is None


def test_syntax_error_points_at_the_character():
    assert hours.syntax_error("Mo-Fr 10:00-12:00; Xy off") == (20, "Xy off")
    assert hours.syntax_error("Mo-Fr 10:00-12:00; PH off") is None


def test_finnish_holidays_close_the_service():
    """Independence Day, Christmas Eve and Midsummer Eve are in the Finnish calendar."""
    oh = hours.parse("Mo-Fr 10:00-12:00; PH off")
    for day in (datetime.datetime(2026, 12, 6, 11), datetime.datetime(2026, 12, 24, 11),
                datetime.datetime(2026, 6, 19, 11)):
        assert oh.is_closed(day), day
    assert oh.is_open(datetime.datetime(2026, 12, 7, 11))


@pytest.mark.parametrize("text, needs", [
    ("Tu 10:00-12:00", True), ("Tu 10:00-12:00; PH off", False),
    ("2027 Jan 14 13:00-15:00", False), ("Mo[1] 13:00-15:00", True),
    ("10:00-16:00", True), ("24/7", True), ('Tu 10:00-12:00 "PH open"', True),
])
def test_weekly_hours_need_a_holiday_rule(text, needs):
    assert hours.needs_holiday_rule(text) is needs


@pytest.mark.parametrize("written, e164", [
    ("02 1234 567", "+35821234567"), ("+358 40 123 4567", "+358401234567"),
    ("040-123 4567", "+358401234567"), ("123", None), ("02 12", None),
])
def test_phone_numbers_normalise_to_e164(written, e164):
    assert contact.phone_e164(written) == e164


@pytest.mark.parametrize("link, problem", [
    ("https://www.example.org/", None), ("http://example.org", None),
    ("javascript:alert(1)", "url-scheme"), (" JaVaScRiPt:alert(1)", "url-scheme"),
    ("data:text/html,x", "url-scheme"), ("mailto:a@example.org", "url-scheme"),
    ("www.example.org", "url-invalid"), ("https://", "url-invalid"),
    ("https://localhost/", "url-invalid"), ("https://exa mple.org/", "url-invalid"),
    ("https://[evil/", "url-invalid"), ("https://a.example.org:99999/", "url-invalid"),
])
def test_only_complete_http_links_pass(link, problem):
    assert contact.link_problem(link) == problem


def test_markdown_link_targets_include_reference_definitions():
    text = "See [a](https://a.example.org) and [b].\n\n[b]: javascript:alert(1)\n"
    assert contact.markdown_link_targets(text) == ["https://a.example.org", "javascript:alert(1)"]


@pytest.mark.parametrize("day, months, expected", [
    (datetime.date(2026, 11, 26), 12, datetime.date(2025, 11, 26)),
    (datetime.date(2026, 8, 31), 6, datetime.date(2026, 2, 28)),
    (datetime.date(2028, 8, 31), 6, datetime.date(2028, 2, 29)),
    (datetime.date(2026, 1, 15), 1, datetime.date(2025, 12, 15)),
])
def test_months_before_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert months_before(day, months) == expected


def test_two_weeks_of_the_month_are_one_monthly_rule_and_said_so():
    from digituki.present.hours_view import hours_in_words
    from digituki.values.hours import Hours
    from digituki.values.recurrence import recurrences
    rules = recurrences("Th[1,3] 13:00-15:00; PH off", datetime.date(2026, 11, 26))
    assert [(r.freq, r.byday) for r in rules] == [("MONTHLY", "1TH,3TH")]
    hours = Hours.of("Th[1,3] 13:00-15:00; PH off")
    today = datetime.date(2026, 11, 26)
    assert hours_in_words(hours, today, "fi")[0] == "kuukauden 1. ja 3. torstai 13–15"
    assert hours_in_words(hours, today, "sv")[0] == "första och tredje torsdagen i månaden 13–15"
    assert hours_in_words(hours, today, "en")[0] == "first and third Thursday of the month 13–15"


# --- what text may contain (values/text.py) -------------------------------------------------

from digituki.values import text as text_values  # noqa: E402


@pytest.mark.parametrize("value, multiline, kinds", [
    ("Kerho\n", False, []),                       # a block scalar's final line feed
    ("Kerho\nja kahvila", False, ["line-break"]),
    ("a\rb", False, ["line-break"]),
    ("a\x85b", False, ["line-break"]),
    ("a\u2028b", False, ["line-break"]),
    ("a\u2029b", True, ["control"]),              # no separators, even in paragraphs
    ("one\n\n\ttwo", True, []),                   # tab and line feed in multi-line text
    ("a\tb", False, ["control"]),
    ("a\x00b", True, ["control"]),
    ("\x1b[31m", False, ["control"]),
    ("a\x7f", False, ["control"]),
    ("a\x9b", False, ["control"]),
    ("a\ufffe", False, ["control"]),
    ("a\ufdd0", False, ["control"]),
    ("a\U0010ffff", False, ["control"]),
    ("a\ud800", False, ["control"]),              # a lone surrogate from "\uD800"
    ("\u202e=1+1", False, ["invisible"]),
    ("a\u200bb\x00", False, ["invisible", "control"]),
    ("\u061c\u2066\u200d\u2060\ufeff", True, ["invisible"]),
    ("Oripää — Åbo 10 €", False, []),
    ("Koodikerho 👩‍💻 ja ❤️‍🔥", False, []),   # joiners inside emoji
    ("Koodi‍kerho", False, ["invisible"]),          # a joiner between letters
    ("👩‍", False, ["invisible"]),                   # joined to nothing
])
def test_text_findings(value, multiline, kinds):
    assert [f.kind for f in text_values.findings(value, multiline)] == kinds


def test_invisible_characters_are_named_and_cleaned():
    found, = text_values.findings("Klub\u202eben", False)
    assert found.describe() == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert text_values.strip_invisible("\u200b=SUM(A1)") == "=SUM(A1)"
    assert text_values.strip_invisible("👩\u200d💻\u200b") == "👩\u200d💻"
    long = "x" * 100 + "\u200b" + "y" * 100
    assert text_values.excerpt(long, 100) == "…" + "x" * 30 + "y" * 30 + "…"


def test_yaml_escapes_reach_the_check_decoded():
    """The same characters as typed directly: the loader gives the decoded value."""
    from digituki.load.strict_yaml import load_file
    from digituki.problems import ProblemList
    problems = ProblemList("x.yaml")
    root = load_file('a: "\\0\\e\\x7f\\x85\\x9b\\uFFFE\\L\\P"\n'.encode(), problems)
    assert not problems
    value = root.items["a"][1].value
    assert {f.kind for f in text_values.findings(value, True)} == {"control"}
    assert [ord(c) for c in value][:8] == [0, 0x1b, 0x7f, 0x85, 0x9b, 0xfffe, 0x2028, 0x2029]


@pytest.mark.parametrize("written, plain, premium", [
    ("02 123 4567", True, False),
    ("+358 40 123 4567", True, False),
    ("Soita 02 123 4567", False, False),
    ("02-123 4567", False, False),
    ("(02) 123 4567", False, False),
    ("02  123 4567", False, False),
    ("٠٢ ١٢٣ ٤٥٦٧", False, False),
    ("০২ ১২৩ ৪৫৬৭", False, False),
    ("0600 12345", True, True),
    ("0700 123 456", True, True),
    ("+358 600 12345", True, True),
    ("+44 909 8790000", True, True),
])
def test_phone_numbers_are_plain_digits_and_not_premium(written, plain, premium):
    assert contact.phone_is_plain(written) is plain
    assert contact.phone_is_premium(written) is premium


@pytest.mark.parametrize("address, plain", [
    ("digituki@loimaa.fi", True),
    ("etunimi.sukunimi+digi@example.org", True),
    ("help?bcc=someone%40evil.example@example.org", False),
    ("a&b@example.org", False),
    ("a%b@example.org", False),
    ("a b@example.org", False),
    ('"quoted"@example.org', False),
    ("a@b@example.org", False),
    ("a@example.org?subject=hi", False),
])
def test_only_plain_email_addresses(address, plain):
    assert contact.email_is_plain(address) is plain

"""Open-data exports: lossless JSON, spreadsheet-safe CSV, GeoJSON, iCalendar and HSDS 3.0."""
import csv
import dataclasses
import datetime
import io
import json
import os
import re
import shutil

import icalendar
import jsonschema
import pytest
import recurring_ical_events
import referencing
import referencing.jsonschema

from digituki.cli import main
from digituki.export import export_files, update_exports
from digituki.outputcache import OutputCache
from digituki.present.spreadsheet import _cell
from digituki.load.strict_yaml import Mapping, Scalar, Sequence, load_file
from digituki.model.build import load_dataset
from digituki.model.classes import Text
from digituki.problems import ProblemList

from conftest import REPO, TODAY, VALID


@pytest.fixture(scope="module")
def files():
    dataset, _ = load_dataset(VALID, TODAY)
    return export_files(dataset)


def _json(files, name):
    return json.loads(files[name])


# --- directory.json ------------------------------------------------------------------------

def _matches(text: str, value) -> bool:
    """A YAML scalar as written, found in the export (which may have enriched it)."""
    if isinstance(value, dict):
        return value.get("written", value.get("id")) == text
    if isinstance(value, bool):
        return text == ("true" if value else "false")
    if isinstance(value, (int, float)):
        return float(text) == value
    return value == text


def _missing(node, value, path=()) -> list:
    """Paths of YAML values that are not in the export at the same place."""
    if isinstance(node, Scalar):
        return [] if _matches(node.value.strip(), value) else [(path, node.value, value)]
    if isinstance(node, Sequence):
        if not isinstance(value, list) or len(value) != len(node.items):
            return [(path, "list", value)]
        return [m for i, child in enumerate(node.items) for m in _missing(child, value[i], path + (i,))]
    assert isinstance(node, Mapping)
    if not isinstance(value, dict):
        return [(path, "mapping", value)]
    return [m for key, (_, child) in node.items.items()
            for m in _missing(child, value.get(key), path + (key,))]


def _yaml(path):
    return load_file(path.read_bytes(), ProblemList(path.name))


def test_directory_json_holds_every_value_of_every_record(files):
    exported = _json(files, "directory.json")
    providers = {p["id"]: p for p in exported["providers"]}
    checked = 0
    for path in sorted(VALID.glob("[!_]*.yaml")):
        assert _missing(_yaml(path), providers[path.stem]) == []
        checked += 1
    assert _missing(_yaml(VALID / "_region.yaml"), exported["region"]) == []
    for name, terms in exported["vocabularies"].items():
        assert _missing(_yaml(VALID / "_vocabulary" / f"{name}.yaml"), {"terms": terms}) == []
    assert checked == 2


def test_the_lossless_check_notices_a_lost_value(files):
    exported = _json(files, "directory.json")
    provider = next(p for p in exported["providers"] if p["id"] == "every-field")
    del provider["service_points"][0]["floor_room"]["en"]
    provider["contact"]["phone"]["written"] = "02 0000 000"
    lost = _missing(_yaml(VALID / "every-field.yaml"), provider)
    assert [m[0] for m in lost] == [("contact", "phone"), ("service_points", 0, "floor_room", "en")]


def test_directory_json_is_normalised_and_matches_its_schema(files):
    exported = _json(files, "directory.json")
    schema = _json(files, "directory.schema.json")
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(exported)) == []
    assert exported["version"] == 1 and exported["date"] == TODAY.isoformat()
    provider = next(p for p in exported["providers"] if p["id"] == "every-field")
    assert provider["contact"]["phone"] == {"written": "02 1234 567", "e164": "+35821234567"}
    topic = provider["services"][0]["topics"][1]
    assert topic == {"id": "online-banking", "name": {"fi": "Verkkopankki", "sv": "Nätbank",
                                                      "en": "Online banking"}}
    main_point = provider["service_points"][0]
    assert main_point["hours"]["normalized"] == "Mo-Fr 10:00-19:00; Sa 10:00-15:00; PH closed"
    schedule = main_point["schedule"]
    assert schedule["opening_hours"].endswith(
        "; 2026 Dec 24-2026 Dec 26 off; 2026 Dec 31 10:00-14:00; 2027 Jan 05 off")
    days = {start[:10] for start, _ in schedule["upcoming"]}
    assert "2026-12-07" in days and "2026-12-24" not in days and "2026-12-06" not in days
    assert ["2026-12-31T10:00:00+02:00", "2026-12-31T14:00:00+02:00"] in schedule["upcoming"]


# --- CSV -----------------------------------------------------------------------------------

def _rows(files, name):
    text = files[name]
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))


def test_csv_tables_read_back_with_semicolons_and_newlines_intact(files):
    providers = _rows(files, "providers.csv")
    assert [p["provider_id"] for p in providers] == ["every-field", "minimal"]
    assert providers[0]["description_fi"].startswith("Autamme **puhelimen**")
    assert "\n- verkkopankki\n" in providers[0]["description_fi"]
    assert providers[0]["phone"] == "+35821234567"
    assert len(_rows(files, "service-points.csv")) == 5
    assert len(_rows(files, "services.csv")) == 4
    hours = _rows(files, "hours.csv")
    building = next(h for h in hours if h["kind"] == "building" and h["point_id"] == "main")
    assert building["opening_hours"] == "Mo-Fr 10:00-19:00; Sa 10:00-15:00; PH off"
    christmas = next(h for h in hours if h["date"] == "2026-12-24")
    assert (christmas["until"], christmas["closed"], christmas["reason_sv"]) == \
        ("2026-12-26", "true", "Jul")


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("@SUM(A1)", "'@SUM(A1)"),
    ("-2+3", "'-2+3"), ("+358 2 1234 567", "+358 2 1234 567"), ("+35821234567", "+35821234567"),
    ("-12.5", "-12.5"), (60.85, "60.85"), (True, "true"), (None, ""), ("", ""),
    ("Tu 10:00", "Tu 10:00"), ("\u200b=cmd|' /C calc'!A0", "'\u200b=cmd|' /C calc'!A0"),
    ("\ufeff@SUM(A1)", "'\ufeff@SUM(A1)"), ("\u202e -2+3", "'\u202e -2+3"),
    (" \u00a0+1 (x)", "' \u00a0+1 (x)"), ("\u200b+358 2 1234 567", "\u200b+358 2 1234 567")])
def test_no_cell_runs_as_a_formula(value, cell):
    """Invisible characters in front (zero-width, byte-order mark, direction override,
    spaces) do not hide a formula from the guard."""
    assert _cell(value) == cell


# --- GeoJSON -------------------------------------------------------------------------------

def test_geojson_places_are_lon_lat_inside_finland(files):
    collection = _json(files, "service-points.geojson")
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["id"] for f in features] == ["every-field/main"]
    for feature in features:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert 19.0 <= lon <= 31.7 and 59.4 <= lat <= 70.1
    properties = features[0]["properties"]
    assert (properties["municipality"], properties["phone"], properties["accessible"]) == \
        ("Loimaa", "+35821234568", ["step-free-entrance"])
    assert properties["url"] == "https://digituki.example.org/fi/providers/every-field/"


# --- iCalendar -----------------------------------------------------------------------------

def _occurrences(ics: bytes, start: datetime.date, end: datetime.date) -> list:
    calendar = icalendar.Calendar.from_ical(ics)
    return recurring_ical_events.of(calendar).between(start, end)


def test_calendar_skips_independence_day_christmas_and_the_records_exceptions(files):
    ics = files["calendar/fi/providers/every-field.ics"]
    calendar = icalendar.Calendar.from_ical(ics)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    events = _occurrences(ics, datetime.date(2026, 11, 26), datetime.date(2027, 1, 8))
    sunday_video = sorted(e["DTSTART"].dt.date().isoformat() for e in events
                          if e["DTSTART"].dt.weekday() == 6)
    # Sundays 12-13; Independence Day (Sunday 6 December) is a public holiday.
    assert sunday_video == ["2026-11-29", "2026-12-13", "2026-12-20", "2026-12-27", "2027-01-03"]
    tuesdays = [e["DTSTART"].dt for e in events if e["DTSTART"].dt.weekday() == 1
                and e["DTSTART"].dt.hour == 10]
    assert datetime.date(2026, 12, 8) not in {t.date() for t in tuesdays}  # staff training
    assert datetime.date(2026, 12, 1) in {t.date() for t in tuesdays}
    assert str(tuesdays[0].tzinfo) == "Europe/Helsinki" and tuesdays[0].hour == 10
    days = {e["DTSTART"].dt.date() for e in events}
    assert not days & {datetime.date(2026, 12, 24), datetime.date(2026, 12, 25),
                       datetime.date(2027, 1, 1), datetime.date(2027, 1, 6)}


def test_monthly_and_one_off_sessions(files):
    ics = files["calendar/en/providers/every-field.ics"]
    events = _occurrences(ics, datetime.date(2026, 11, 26), datetime.date(2027, 3, 1))
    first_mondays = sorted(e["DTSTART"].dt.date().isoformat() for e in events
                           if e["DTSTART"].dt.hour == 13 and e["DTSTART"].dt.weekday() == 0)
    assert first_mondays == ["2026-12-07", "2027-01-04", "2027-02-01"]
    bank_day = [e for e in events if str(e["SUMMARY"]).startswith("Pankkipäivä")]
    assert [e["DTSTART"].dt.isoformat() for e in bank_day] == ["2027-01-14T13:00:00+02:00"]


def test_sessions_keep_local_time_across_summer_time_and_skip_closed_buildings(files):
    ics = files["calendar/fi/providers/every-field.ics"]
    events = _occurrences(ics, datetime.date(2026, 12, 28), datetime.date(2027, 4, 7))
    tuesdays = {e["DTSTART"].dt.date(): e["DTSTART"].dt for e in events
                if str(e["SUMMARY"]).startswith("Digiopastus") and e["DTSTART"].dt.weekday() == 1}
    assert tuesdays[datetime.date(2027, 3, 23)].isoformat() == "2027-03-23T10:00:00+02:00"
    assert tuesdays[datetime.date(2027, 3, 30)].isoformat() == "2027-03-30T10:00:00+03:00"
    # The main library is closed for stocktaking on Tuesday 5 January: no session there.
    assert datetime.date(2027, 1, 5) not in tuesdays and datetime.date(2027, 1, 12) in tuesdays
    rule = next(e for e in icalendar.Calendar.from_ical(ics).walk("VEVENT") if "RRULE" in e)
    assert rule["RRULE"]["UNTIL"][0].utcoffset() == datetime.timedelta(0)
    assert b"UNTIL=2027" in ics and re.search(rb"UNTIL=\d{8}T\d{6}Z", ics)


def test_calendar_uids_stay_the_same_from_week_to_week():
    def uids(day):
        dataset, _ = load_dataset(VALID, day)
        ics = export_files(dataset)["calendar/fi/providers/every-field.ics"]
        return {str(e["UID"]) for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")
                if "RRULE" in e}
    assert uids(TODAY) == uids(TODAY + datetime.timedelta(days=7))


def test_municipality_calendar_includes_remote_help_that_serves_it(files):
    aura = files["calendar/fi/municipalities/019.ics"]
    summaries = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(aura).walk("VEVENT")}
    assert summaries == {"Etäopastus – Kaikkien kenttien kirjasto",
                         "Vertaisopastus – Pienin mahdollinen"}


def test_a_record_that_skipped_validation_cannot_break_a_calendar():
    """Line breaks (a lone CR too) and control characters in a name that never met the
    validator: the calendar parses, with no event of their making and the text on one line."""
    dataset, _ = load_dataset(VALID, TODAY)
    hostile = "Nimi\nBEGIN:VEVENT\rUID:x\r\nEND:VCALENDAR\x00\x1b[31m\x7f\x85\u2028;,\\"
    provider = dataset.providers[1]
    service = dataclasses.replace(provider.services[0], name=Text(fi=hostile),
                                  description=Text(fi=hostile))
    provider = dataclasses.replace(provider, id="minimal", name=Text(fi=hostile),
                                   services=(service,))
    dataset = dataclasses.replace(dataset, providers=(dataset.providers[0], provider))
    ics = export_files(dataset)["calendar/fi/providers/minimal.ics"]
    calendar = icalendar.Calendar.from_ical(ics)
    assert [line for line in ics.split(b"\r\n") if line.startswith(b"BEGIN:")] == \
        [b"BEGIN:VCALENDAR", b"BEGIN:VTIMEZONE", b"BEGIN:DAYLIGHT", b"BEGIN:STANDARD",
         b"BEGIN:VEVENT"]
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|(?<!\r)\n", ics)
    one_line = "Nimi BEGIN:VEVENT UID:x END:VCALENDAR[31m  ;,\\"
    # an X- property is read back as written: escaped by the rules of text
    assert str(calendar["X-WR-CALNAME"]) == icalendar.vText(one_line).to_ical().decode()
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == f"{one_line} – {one_line}"
    assert str(event["DESCRIPTION"]).startswith(
        "Nimi\nBEGIN:VEVENT\nUID:x\nEND:VCALENDAR[31m\n\n;,\\")


# --- HSDS 3.0 ------------------------------------------------------------------------------

def _hsds_schema_dir():
    """The official schemas: $DIGITUKI_HSDS_SCHEMAS, else ../shared/hsds-3.0/schema.
    In CI they are always there, so there the test fails instead of skipping."""
    folder = os.environ.get("DIGITUKI_HSDS_SCHEMAS") or REPO.parent / "shared" / "hsds-3.0" / "schema"
    folder = type(REPO)(folder)
    if not (folder / "service.json").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"HSDS 3.0 schemas not found in {folder}")
        pytest.skip(f"HSDS 3.0 schemas not found in {folder}")
    return folder


@pytest.fixture(scope="module")
def hsds_validator():
    folder = _hsds_schema_dir()
    resources = [(path.name, referencing.Resource.from_contents(
        json.loads(path.read_text(encoding="utf-8")),
        default_specification=referencing.jsonschema.DRAFT202012))
        for path in folder.glob("*.json") if path.name != "openapi.json"]
    registry = referencing.Registry().with_resources(resources)
    return lambda name: jsonschema.Draft202012Validator(
        {"$ref": name}, registry=registry, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("export, schema", [
    ("organizations.json", "organization.json"), ("services.json", "service.json"),
    ("service_at_locations.json", "service_at_location.json")])
def test_hsds_export_validates_against_the_official_schemas(files, hsds_validator, export, schema):
    page = _json(files, f"hsds/{export}")
    assert page["total_items"] == len(page["contents"]) > 0
    validator = hsds_validator(schema)
    for item in page["contents"]:
        assert [e.message for e in validator.iter_errors(item)] == []


def test_hsds_validation_would_notice_a_broken_object(files, hsds_validator):
    service = _json(files, "hsds/services.json")["contents"][0]
    del service["name"]
    service["service_at_locations"][0]["schedules"][0]["freq"] = "DAILY"
    messages = sorted(e.message for e in hsds_validator("service.json").iter_errors(service))
    assert messages == ["'DAILY' is not one of ['WEEKLY', 'MONTHLY']", "'name' is a required property"]


def test_hsds_schedules_carry_the_helsinki_offset_of_each_season(files):
    services = _json(files, "hsds/services.json")["contents"]
    drop_in = next(s for s in services if s["name"] == "Digiopastus")
    tuesdays = [sch for sch in drop_in["service_at_locations"][0]["schedules"]
                if sch.get("byday") == "TU"]
    winter, summer = tuesdays
    assert (winter["freq"], winter["opens_at"], winter["closes_at"], winter["timezone"]) == \
        ("WEEKLY", "10:00+02:00", "12:00+02:00", 2)
    assert (winter["dtstart"], winter["until"]) == ("2026-12-01", "2027-03-23")
    # 15 December has other hours (10-11), 8 December and 5 January none.
    assert winter["notes"] == "Europe/Helsinki. Not on: 2026-12-08, 2026-12-15, 2027-01-05."
    assert (summer["opens_at"], summer["timezone"], summer["dtstart"]) == \
        ("10:00+03:00", 3, "2027-03-30")
    assert "until" not in summer  # the rule goes on after the computed half year
    monthly = next(sch for sch in drop_in["service_at_locations"][0]["schedules"]
                   if sch.get("byday") == "1MO")
    assert monthly["freq"] == "MONTHLY"


def test_hsds_ids_are_unique(files):
    services = _json(files, "hsds/services.json")["contents"]
    metadata = [m["id"] for s in services for m in s["metadata"]]
    schedules = [sch["id"] for s in services for at in s["service_at_locations"]
                 for sch in at["schedules"]]
    assert len(metadata) == len(set(metadata)) == len(services)
    assert len(schedules) == len(set(schedules)) > 10


# --- the build ----------------------------------------------------------------------------

def test_exports_are_identical_for_the_same_input_and_date(tmp_path):
    dataset, _ = load_dataset(VALID, TODAY)
    for site in ("a", "b"):   # each from an empty cache of its own: two clean builds
        update_exports(dataset, tmp_path / site, OutputCache(tmp_path / f"cache-{site}"))
    a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert a == b and len(a) > 20


def test_a_removed_provider_leaves_no_export_behind(capsys, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    site = tmp_path / "site"
    args = ["export", "--data", str(data), "--today", TODAY.isoformat(), "--out", str(site)]
    assert main(args) == 0
    assert (site / "data" / "calendar" / "fi" / "providers" / "minimal.ics").exists()
    (data / "minimal.yaml").unlink()
    assert main(args) == 0
    assert not (site / "data" / "calendar" / "fi" / "providers" / "minimal.ics").exists()
    assert "minimal" not in (site / "data" / "directory.json").read_text(encoding="utf-8")
    capsys.readouterr()

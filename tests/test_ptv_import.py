"""`digituki ptv import` (issue 15): provider records started from PTV's data.

Every file in tests/fixtures/ptv/ (real PTV Open API responses, as ../shared/ptv-samples/
holds them) is read and its complete
list of problems asserted; two records are compared with YAML written by hand from the JSON;
coordinates are checked against a reprojection done here with the JHS 154 formulas (not
pyproj); the hours of the phone channels, and the exception and over-midnight hours of a
fixture built from the schema example, are asserted as text and as the parser reads them;
personal-looking numbers are left out; and a record imported, filled in from a fixture,
validates clean and builds into a site.
"""
import datetime
import json
import math
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from digituki.cli import main
from digituki.ptv.read import PtvPlace, PtvRemoteChannel, read_sources
from digituki.ptv.records import known_municipalities
from digituki.values.hours import parse

from conftest import FIXTURES, REPO
from ptv_server import API, SAMPLES, ptv_server

HERE = FIXTURES / "ptv-import"
DAY = "2026-11-30"
TODAY = datetime.date.fromisoformat(DAY)
DEMO_TOWNS = known_municipalities(REPO / "providers")  # the demo region's vocabulary

SUNDOM = "13992280-9c95-4ede-af13-33ad2acde746.json"
DAYCARE = "1bd39cda-3006-482e-acff-93ab8ddc9f1b.json"
RYMATTYLA = "2481937a-5d4d-4643-a9b9-9877be5d4d3e.json"
CRISIS = "2e7f0b8d-4943-4fd4-8a22-7b02830be16e.json"
SECRETARY = "403097f7-f397-4eed-aac6-98442faa33b6.json"
SAVILAHTI = "5d04a7cd-d372-409e-b3d6-211ae5325bd2.json"
ECHANNEL = "80f6bcb5-e224-4041-97da-95b6936878fe.json"
VAASA = "organization-7fdd7f84-e52a-4c17-a59a-d7c2a3095ed5.json"
SCHEMA = "schema-example-V11VmOpenApiServiceLocationChannel.json"

UNKNOWN = "ptv-municipality-unknown"
PERSONAL = "ptv-contact-personal"
LANGUAGE = "ptv-language-missing"
# (JSON path, code, the parameter that tells the cases apart) of every sample. Vaasa (905) and
# Naantali (529) are not in the demo region's vocabulary.
EXPECTED = {
    SUNDOM: [
        ("addresses[0].streetAddress.municipality.code", UNKNOWN, "905"),
        ("areas[0].municipalities[0].code", UNKNOWN, "905"),
        ("phoneNumbers[1].number", PERSONAL, "040 5166046"),  # "Rektor"
        ("serviceChannelNames", LANGUAGE, "en")],
    DAYCARE: [
        ("addresses[0].streetAddress.municipality.code", UNKNOWN, "529"),
        ("addresses[1].streetAddress", "ptv-address-extra", "Kaivokatu 9, 21100 NAANTALI"),
        ("addresses[1].streetAddress.municipality.code", UNKNOWN, "529"),
        ("areas[0].municipalities[0].code", UNKNOWN, "529"),
        ("phoneNumbers[0].number", PERSONAL, "044 0410431"),  # a mobile number
        ("serviceChannelNames", LANGUAGE, "sv, en")],
    RYMATTYLA: [
        ("addresses[0].streetAddress.municipality.code", UNKNOWN, "529"),
        ("areas[0].municipalities[0].code", UNKNOWN, "529"),
        ("phoneNumbers[0].number", PERSONAL, "040 5245847"),  # "Koulunjohtaja"
        ("serviceChannelNames", LANGUAGE, "sv, en")],
    CRISIS: [
        ("areas[0].municipalities[0].code", UNKNOWN, "905"),
        ("phoneNumbers[0].number", PERSONAL, "040 5501990"),  # a mobile number
        ("serviceChannelNames", LANGUAGE, "en")],
    SECRETARY: [  # the channel itself is named after a job: "…toimistosihteeri"
        ("areas[0].municipalities[0].code", UNKNOWN, "529"),
        ("phoneNumbers[0].number", PERSONAL, "02 4345264"),
        ("phoneNumbers[1].number", PERSONAL, "044 7334643"),
        ("serviceChannelNames", LANGUAGE, "sv, en")],
    SAVILAHTI: [
        ("addresses[0].streetAddress.municipality.code", UNKNOWN, "905"),
        ("areas[0].municipalities[0].code", UNKNOWN, "905"),
        ("phoneNumbers[0].number", PERSONAL, "040 5081447"),  # "Rehtori"
        ("serviceChannelNames", LANGUAGE, "sv, en")],
    ECHANNEL: [  # an e-service whose weekly hours have no times at all
        ("serviceChannelNames", LANGUAGE, "en"),
        ("serviceHours[0]", "ptv-hours-inexpressible", "")],
    VAASA: [("municipality.code", UNKNOWN, "905")],
    SCHEMA: [("serviceChannelType", "ptv-channel-type", "string")],  # placeholders only
}


def _detail(params) -> str:
    for key in ("value", "languages"):
        if isinstance(params.get(key), str) and not params[key].startswith("{"):
            return params[key]
    return ""


def _problems(paths, municipalities=DEMO_TOWNS):
    read = read_sources(paths, municipalities=municipalities)
    return read, sorted((Path(p.file).name, p.path, p.code, _detail(p.params))
                        for p in read.problems)


def test_every_sample_is_read_with_exactly_these_problems():
    files = sorted(SAMPLES.glob("*.json"))
    assert sorted(path.name for path in files) == sorted(EXPECTED)  # a new sample is listed
    read, found = _problems(files)
    assert found == sorted((name, *problem) for name, problems in EXPECTED.items()
                           for problem in problems)
    assert sorted((type(c).__name__, c.kind, f"{c.id[:8]}") for c in read.channels) == [
        ("PtvPlace", "ServiceLocation", "13992280"), ("PtvPlace", "ServiceLocation", "1bd39cda"),
        ("PtvPlace", "ServiceLocation", "2481937a"), ("PtvPlace", "ServiceLocation", "5d04a7cd"),
        ("PtvRemoteChannel", "EChannel", "80f6bcb5"), ("PtvRemoteChannel", "Phone", "2e7f0b8d"),
        ("PtvRemoteChannel", "Phone", "403097f7")]
    assert [(o.name, o.type, o.municipality) for o in read.organizations] == [
        ({"sv": "Vasa stad", "fi": "Vaasan kaupunki", "en": "City of Vaasa"}, "Municipality",
         "905")]


def test_missing_languages_are_listed_per_channel():
    read, _ = _problems([SAMPLES])
    assert {c.id[:8]: c.missing_languages for c in read.channels} == {
        "13992280": ("en",), "1bd39cda": ("sv", "en"), "2481937a": ("sv", "en"),
        "2e7f0b8d": ("en",), "403097f7": ("sv", "en"), "5d04a7cd": ("sv", "en"),
        "80f6bcb5": ("en",)}


def tm35fin_to_wgs84(northing: float, easting: float) -> tuple[float, float]:
    """ETRS-TM35FIN -> WGS84 (lat, lon) by the inverse formulas of JHS 154 (Julkisen
    hallinnon suositus, annex 1: GRS80, central meridian 27°E, scale 0.9996, false easting
    500 km), written out here so that the check does not share pyproj with the code."""
    f = 1 / 298.257222101
    a = 6378137.0
    k0, lon0, false_easting = 0.9996, math.radians(27.0), 500000.0
    n = f / (2 - f)
    a1 = a / (1 + n) * (1 + n ** 2 / 4 + n ** 4 / 64)
    e = math.sqrt(2 * f - f ** 2)
    h = [n / 2 - 2 * n ** 2 / 3 + 37 * n ** 3 / 96 - n ** 4 / 360,
         n ** 2 / 48 + n ** 3 / 15 - 437 * n ** 4 / 1440,
         17 * n ** 3 / 480 - 37 * n ** 4 / 840,
         4397 * n ** 4 / 161280]
    xi = northing / (a1 * k0)
    eta = (easting - false_easting) / (a1 * k0)
    xi1 = xi - sum(h[i] * math.sin(2 * (i + 1) * xi) * math.cosh(2 * (i + 1) * eta)
                   for i in range(4))
    eta1 = eta - sum(h[i] * math.cos(2 * (i + 1) * xi) * math.sinh(2 * (i + 1) * eta)
                     for i in range(4))
    beta = math.asin(math.sin(xi1) / math.cosh(eta1))
    longitude = math.asin(math.tanh(eta1) / math.cos(beta))
    q = math.asinh(math.tan(beta))
    q1 = q
    for _ in range(10):  # converges in three or four rounds
        q1 = q + e * math.atanh(e * math.tanh(q1))
    return math.degrees(math.atan(math.sinh(q1))), math.degrees(lon0 + longitude)


def metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    north = math.radians(lat2 - lat1) * 6371000
    east = math.radians(lon2 - lon1) * 6371000 * math.cos(math.radians(lat1))
    return math.hypot(north, east)


def test_coordinates_agree_with_an_independent_reprojection_to_a_metre():
    read, _ = _problems([SAMPLES])
    raw = {}
    for path in SAMPLES.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for address in data.get("addresses") or []:
            street = address.get("streetAddress") or {}
            if data.get("serviceChannelType") == "ServiceLocation" and street:
                raw.setdefault(data["id"], []).append(
                    (float(street["latitude"]), float(street["longitude"])))
    places = [c for c in read.channels if isinstance(c, PtvPlace)]
    assert len(places) == 4 and sum(len(p.addresses) for p in places) == 5
    for place in places:
        for address, (northing, easting) in zip(place.addresses, raw[place.id]):
            lat, lon = tm35fin_to_wgs84(northing, easting)
            assert address.coordinates is not None
            assert metres(lat, lon, address.coordinates.lat, address.coordinates.lon) < 1.0
    # Sundom, Vaasa: the entrance's coordinates in the same file are 230 km away (a
    # template's values); the street address's are the ones used.
    sundom = next(p for p in places if p.id.startswith("13992280"))
    assert (round(sundom.coordinates.lat, 4), round(sundom.coordinates.lon, 4)) == (
        63.0412, 21.557)


def test_a_zero_position_and_an_unknown_municipality_are_flagged_and_the_place_kept(tmp_path):
    read, found = _problems([HERE / "zero-coordinates.json"])
    name = "zero-coordinates.json"
    assert found == [
        (name, "addresses[0].streetAddress.latitude", "ptv-coordinates", "0, 0"),
        (name, "addresses[0].streetAddress.municipality.code", UNKNOWN, "999"),
        (name, "areas[0].municipalities[0].code", UNKNOWN, "999"),
        (name, "serviceChannelNames", LANGUAGE, "sv, en")]
    place = read.channels[0]
    assert isinstance(place, PtvPlace) and place.coordinates is None
    assert place.address is not None and place.address.street == {"fi": "Koulutie 3"}
    data = _data(tmp_path)
    assert main(["ptv", "import", "--data", str(data), "--today", DAY,
                 str(HERE / "zero-coordinates.json"), "--into", "alastaro"]) == 0
    record = (data / "alastaro.yaml").read_text(encoding="utf-8")
    assert "\n    coordinates:" not in record
    assert ("    # PTV:ssä ei käyttökelpoista sijaintia / no usable position in PTV:\n"
            "    # coordinates: {lat: 60.8496, lon: 23.0586}\n") in record


def test_a_place_without_an_address_and_a_number_that_is_none_are_flagged(tmp_path):
    """The two problems no sample shows: a service location with no street address, and a
    phone line whose number is not a phone number."""
    channel = json.loads((HERE / "zero-coordinates.json").read_text(encoding="utf-8"))
    channel["addresses"] = []
    channel["phoneNumbers"] = [{"type": "Phone", "additionalInformation": None,
                                "prefixNumber": "+358", "number": "12", "language": "fi",
                                "isFinnishServiceNumber": False}]
    path = tmp_path / "no-address.json"
    path.write_text(json.dumps(channel), encoding="utf-8")
    read, found = _problems([path])
    assert found == [
        ("no-address.json", "addresses", "ptv-address-missing", ""),
        ("no-address.json", "areas[0].municipalities[0].code", UNKNOWN, "999"),
        ("no-address.json", "phoneNumbers[0].number", "ptv-phone-invalid", "+358 12"),
        ("no-address.json", "serviceChannelNames", LANGUAGE, "sv, en")]
    place = read.channels[0]
    assert isinstance(place, PtvPlace) and place.address is None and place.phones == ()


def test_personal_looking_phones_are_left_out_unless_asked_for():
    read, _ = _problems([SAMPLES])
    assert [c.phones for c in read.channels] == [()] * len(read.channels)
    assert {c.id[:8]: [(p.written, p.personal, p.info) for p in c.personal_phones]
            for c in read.channels if c.personal_phones} == {
        "13992280": [("040 5166046", "role", "Rektor")],
        "1bd39cda": [("044 0410431", "mobile", "")],
        "2481937a": [("040 5245847", "role", "Koulunjohtaja")],
        "2e7f0b8d": [("040 5501990", "mobile", "")],
        "403097f7": [("02 4345264", "role", ""), ("044 7334643", "role", "")],
        "5d04a7cd": [("040 5081447", "role", "Rehtori")]}
    # The city's switchboard is a service number: kept, one number though PTV lists it in
    # three languages.
    assert [(p.e164, p.written, p.info) for p in read.organizations[0].phones] == [
        ("+35863251111", "06 3251111", "Telefonväxeln")]
    kept = read_sources([SAMPLES / SECRETARY], include_personal=True)
    assert [(p.e164, p.written) for p in kept.channels[0].phones] == [
        ("+35824345264", "02 4345264"), ("+358447334643", "044 7334643")]
    assert [p.code for p in kept.problems if p.code == PERSONAL] == [PERSONAL, PERSONAL]
    named = read_sources([HERE / "exceptional-over-midnight.json"]).channels[0]
    assert [(p.written, p.info) for p in named.phones] == [("+44 20 7946 0500", "Asiakaspalvelu")]
    assert [(p.written, p.info) for p in named.personal_phones] == [
        ("+44 20 7946 0511", "Maija Meikäläinen")]


def test_the_phone_channels_hours_are_converted_exactly():
    read, _ = _problems([SAMPLES / CRISIS, SAMPLES / SECRETARY])
    hours = {c.id[:8]: c.hours for c in read.channels}
    assert hours["403097f7"].regular == "Mo-Fr 09:00-15:00; PH off"
    assert hours["2e7f0b8d"].regular == "Mo-Su 08:00-16:00; PH off"
    assert all(h.exact and h.exceptions == () for h in hours.values())
    secretary = parse(hours["403097f7"].regular)
    assert secretary.is_open(datetime.datetime(2026, 12, 4, 14, 59))  # a Friday
    assert not secretary.is_open(datetime.datetime(2026, 12, 4, 15, 0))
    assert not secretary.is_open(datetime.datetime(2026, 12, 5, 10, 0))  # Saturday
    assert secretary.is_open(datetime.datetime(2027, 1, 5, 10, 0))  # a Tuesday
    assert not secretary.is_open(datetime.datetime(2027, 1, 6, 10, 0))  # Epiphany (PH off)


def test_exceptions_and_over_midnight_hours_from_the_schema_example():
    """The fixture is the schema example with its placeholders replaced: a week Mo-Th 10-19,
    Fr 10-17 (DaysOfTheWeek), Friday night 20-02 (OverMidnight), Christmas Eve closed and New
    Year's Eve 10-14 (Exceptional, dates as PTV sends them: UTC of the Helsinki midnight), a
    closed fortnight (DaysOfTheWeek with isClosed and dates) and an exception with neither
    times nor "closed"."""
    read, found = _problems([HERE / "exceptional-over-midnight.json"])
    place = read.channels[0]
    assert place.hours.regular == "Mo-Th 10:00-19:00; Fr 10:00-17:00,20:00-02:00; PH off"
    assert [(e.date, e.until, e.closed, e.hours, dict(e.reason)) for e in place.hours.exceptions] == [
        (datetime.date(2026, 12, 24), None, True, None,
         {"fi": "Jouluaatto", "sv": "Julafton", "en": "Christmas Eve"}),
        (datetime.date(2026, 12, 31), None, False, "10:00-14:00", {"fi": "Uudenvuodenaatto"}),
        (datetime.date(2027, 1, 11), datetime.date(2027, 1, 24), True, None,
         {"fi": "Lattiaremontti", "en": "Floor repairs"})]
    assert [(e.path, e.exception, e.date) for e in place.hours.inexpressible] == [
        ("serviceHours[5]", True, datetime.date(2027, 1, 6))]
    assert found == [
        ("exceptional-over-midnight.json", "phoneNumbers[1].number", PERSONAL,
         "+44 20 7946 0511"),
        ("exceptional-over-midnight.json", "serviceHours[5]", "ptv-hours-inexpressible", "")]
    week = parse(place.hours.regular)
    friday = datetime.datetime(2026, 12, 4)
    assert week.is_open(friday.replace(hour=16, minute=59))
    assert not week.is_open(friday.replace(hour=18))
    assert week.is_open(friday.replace(hour=23))
    assert week.is_open(friday + datetime.timedelta(hours=25, minutes=59))  # Sat 01:59
    assert not week.is_open(friday + datetime.timedelta(hours=26))  # Sat 02:00


EXCEPTIONS_WRITTEN = """\
    hours: "Mo-Th 10:00-19:00; Fr 10:00-17:00,20:00-02:00; PH off"
    exceptions:
      - date: 2026-12-24
        closed: true
        reason:
          fi: Jouluaatto
          sv: Julafton
          en: Christmas Eve
      - date: 2026-12-31
        hours: "10:00-14:00"
        reason:
          fi: Uudenvuodenaatto
      # PTV serviceHours[5]: ei muunnettavissa tarkasti / cannot be written exactly (an exception with neither times nor closed):
      #   {ORIGINAL}
      - date: 2027-01-06
        hours: "TODO 10:00-14:00"
        reason:
          fi: Loppiainen
      - date: 2027-01-11
        until: 2027-01-24
        closed: true
        reason:
          fi: Lattiaremontti
          en: Floor repairs
    ptv_id: 7b0e4d2a-1c55-4f0e-9a43-5e2f7c1d9b01
"""


def test_the_exceptions_are_written_by_date_from_today_on(tmp_path):
    source = HERE / "exceptional-over-midnight.json"
    entry = json.loads(source.read_text(encoding="utf-8"))["serviceHours"][5]
    original = json.dumps(entry, ensure_ascii=False, separators=(", ", ": "))
    data = _data(tmp_path)
    assert main(["ptv", "import", "--data", str(data), "--today", DAY, str(source),
                 "--into", "now"]) == 0
    record = (data / "now.yaml").read_text(encoding="utf-8")
    assert EXCEPTIONS_WRITTEN.replace("{ORIGINAL}", original) in record
    assert main(["ptv", "import", "--data", str(data), "--today", "2027-01-07", str(source),
                 "--into", "later"]) == 0
    later = yaml.safe_load((data / "later.yaml").read_text(encoding="utf-8"))
    assert [e["date"] for e in later["service_points"][0]["exceptions"]] == [
        datetime.date(2027, 1, 11)]


def test_a_week_that_cannot_be_written_is_a_todo_with_the_original_beside_it(tmp_path):
    data = json.loads((HERE / "exceptional-over-midnight.json").read_text(encoding="utf-8"))
    data["serviceHours"][1]["openingHour"][0]["dayTo"] = "Sunday"  # Friday to Sunday 02:00
    read = read_sources([("friday-to-sunday", data)])
    assert read.channels[0].hours.regular is None  # not half the week: none of it
    assert [(p.path, p.code) for p in read.problems] == [
        ("phoneNumbers[1].number", PERSONAL), ("serviceHours[1]", "ptv-hours-inexpressible"),
        ("serviceHours[5]", "ptv-hours-inexpressible")]
    saved = tmp_path / "friday-to-sunday.json"
    saved.write_text(json.dumps(data), encoding="utf-8")
    folder = _data(tmp_path)
    assert main(["ptv", "import", "--data", str(folder), "--today", DAY, str(saved),
                 "--into", "kirjasto"]) == 0
    record = (folder / "kirjasto.yaml").read_text(encoding="utf-8")
    original = json.dumps(data["serviceHours"][1], ensure_ascii=False, separators=(", ", ": "))
    assert ("    # PTV serviceHours[1]: ei muunnettavissa tarkasti / cannot be written exactly "
            "(a span of more than one night):\n"
            f"    #   {original}\n"
            '    hours: "TODO Mo-Fr 10:00-18:00; PH off"\n') in record


def _data(tmp_path: Path, towns: dict[str, str] | None = None) -> Path:
    """A data folder: the demo region's shared files (and the template), with ``towns``
    (code -> name) added to the vocabulary and the region."""
    folder = tmp_path / "providers"
    folder.mkdir()
    for name in ("_region.yaml", "_template.yaml"):
        shutil.copy(REPO / "providers" / name, folder / name)
    shutil.copytree(REPO / "providers" / "_vocabulary", folder / "_vocabulary")
    for code, name in (towns or {}).items():
        vocabulary = folder / "_vocabulary" / "municipalities.yaml"
        vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + (
            f'  - id: "{code}"\n    name: {{fi: {name}, sv: {name}, en: {name}}}\n'),
            encoding="utf-8")
        region = folder / "_region.yaml"
        region.write_text(re.sub(r"(?m)^(municipalities: \[.*)\]",
                                 lambda m: f'{m.group(1)}, "{code}"]',
                                 region.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


@pytest.mark.parametrize("sample, record", [(DAYCARE, "keskustan-paivakoti"),
                                            (SECRETARY, "sivistyspalvelut")])
def test_the_record_is_the_one_written_by_hand_from_the_json(tmp_path, capsys, sample, record):
    """tests/fixtures/ptv-import/expected/ were written by hand from the JSON; the daycare's
    position was computed with tm35fin_to_wgs84 above (60.467920, 22.017977)."""
    data = _data(tmp_path)
    status = main(["ptv", "import", "--data", str(data), "--today", DAY, str(SAMPLES / sample),
                   "--into", record])
    assert status == 0
    written = (data / f"{record}.yaml").read_text(encoding="utf-8")
    assert written == (HERE / "expected" / f"{record}.yaml.expected").read_text(encoding="utf-8")
    out = capsys.readouterr().out
    assert f"{data / record}.yaml: kirjoitettu / written" in out


def test_the_messages_name_file_json_path_and_code_in_the_chosen_language(tmp_path, capsys):
    data = _data(tmp_path)
    assert main(["ptv", "import", "--data", str(data), "--today", DAY, "--lang", "en",
                 str(SAMPLES / SECRETARY), "--into", "office"]) == 0
    lines = capsys.readouterr().out.splitlines()
    source = SAMPLES / SECRETARY
    assert lines[:4] == [
        f"{source}: areas[0].municipalities[0].code: Municipality code '529' is not in the "
        f"vocabulary of municipalities. [{UNKNOWN}]",
        f"{source}: phoneNumbers[0].number: The number 02 4345264 looks like one person's "
        f"('Sivistyspalvelujen toimistosihteeri'): it is imported only with "
        f"--include-personal-contacts. [{PERSONAL}]",
        f"{source}: phoneNumbers[1].number: The number 044 7334643 looks like one person's "
        f"('Sivistyspalvelujen toimistosihteeri'): it is imported only with "
        f"--include-personal-contacts. [{PERSONAL}]",
        f"{source}: serviceChannelNames: PTV has no name in: sv, en. [{LANGUAGE}]"]


def test_a_record_per_organisation_and_never_over_an_existing_one(tmp_path, capsys):
    data = _data(tmp_path)
    assert main(["ptv", "import", "--data", str(data), "--today", DAY, str(SAMPLES)]) == 0
    written = sorted(p.name for p in data.glob("*.yaml") if not p.name.startswith("_"))
    # Vaasa is named from its organisation file; Naantali's organisation is not saved, so its
    # record is named by its id and asks for a name; the e-service's owner gets none.
    assert written == ["ptv-3d1759a2.yaml", "vaasan-kaupunki.yaml"]
    vaasa = yaml.safe_load((data / "vaasan-kaupunki.yaml").read_text(encoding="utf-8"))
    assert (vaasa["name"], vaasa["type"], vaasa["website"], vaasa["contact"]) == (
        {"fi": "Vaasan kaupunki", "sv": "Vasa stad", "en": "City of Vaasa"}, "municipality",
        "https://www.vaasa.fi/", {"phone": "06 3251111"})
    assert [(p["id"], p["type"], p["ptv_id"][:8]) for p in vaasa["service_points"]] == [
        ("sundom-skola", "place", "13992280"), ("savilahden-yhtenaiskoulu", "place", "5d04a7cd"),
        ("kriisiryhman-paivystysnumero", "phone", "2e7f0b8d")]
    assert "80f6bcb5-e224-4041-97da-95b6936878fe.json: serviceChannelType: Kanavaa, jonka " \
           "tyyppi on 'EChannel', ei tuoda" in capsys.readouterr().out
    assert main(["ptv", "import", "--data", str(data), "--today", DAY, str(SAMPLES)]) == 2
    assert "already exist: add to one with --into" in capsys.readouterr().err


def test_into_an_existing_record_adds_only_the_new_points(tmp_path, capsys):
    data = _data(tmp_path)
    common = ["ptv", "import", "--data", str(data), "--today", DAY, "--into", "naantali"]
    assert main([*common, str(SAMPLES / DAYCARE)]) == 0
    assert main([*common, str(SAMPLES / DAYCARE), str(SAMPLES / RYMATTYLA)]) == 0
    assert "1bd39cda-3006-482e-acff-93ab8ddc9f1b: Keskustan päiväkoti: jo tietueessa / " \
           "already in the record" in capsys.readouterr().out
    record = yaml.safe_load((data / "naantali.yaml").read_text(encoding="utf-8"))
    assert [p["id"] for p in record["service_points"]] == ["keskustan-paivakoti",
                                                           "rymattylan-koulu"]
    assert record["services"][0]["at"] == [
        {"point": "keskustan-paivakoti", "hours": "TODO Tu 10:00-12:00; PH off"}]


def test_a_file_that_is_not_ptv_json_fails_the_import(tmp_path, capsys):
    data = _data(tmp_path)
    broken = tmp_path / "vastaus.json"
    broken.write_text("<html>Huoltokatko</html>", encoding="utf-8")
    assert main(["ptv", "import", "--data", str(data), "--today", DAY, str(broken),
                 "--into", "x", "--lang", "en"]) == 1
    assert capsys.readouterr().out.startswith(
        f"{broken}: -: This is not a PTV JSON response: Expecting value: line 1 column 1 "
        "(char 0). [ptv-json]\n")


def test_the_live_import_pages_through_the_organisation(tmp_path, capsys):
    """The local stand-in for the API (tests/ptv_server.py) serves the saved channels; it has
    no organisation endpoint, as PTV answers 404 for an organisation it does not show: the
    record is then named by the organisation's id and asks for its name."""
    data = _data(tmp_path)
    vaasa = "7fdd7f84-e52a-4c17-a59a-d7c2a3095ed5"
    with ptv_server() as server:
        assert main(["ptv", "import", "--data", str(data), "--today", DAY, "--organization",
                     vaasa, "--api", server.base_url]) == 0
    assert server.asked == [f"{API}/list/organization?organizationId={vaasa}&page=1",
                            f"{API}/list/organization?organizationId={vaasa}&page=2",
                            f"/api/v11/Organization/{vaasa}"]
    record = yaml.safe_load((data / "ptv-7fdd7f84.yaml").read_text(encoding="utf-8"))
    assert [p["ptv_id"][:8] for p in record["service_points"]] == ["13992280", "5d04a7cd",
                                                                   "2e7f0b8d"]
    # A problem names the channel's own address and the path inside the channel.
    assert (f"{server.base_url}{API}/13992280-9c95-4ede-af13-33ad2acde746: "
            "phoneNumbers[1].number: Numero 040 5166046 näyttää yhden ihmisen numerolta "
            "('Rektor')") in capsys.readouterr().out
    with ptv_server() as server:
        server.status[f"{API}/list/organization?organizationId={vaasa}&page=1"] = 500
        assert main(["ptv", "import", "--data", str(data), "--today", DAY, "--organization",
                     vaasa, "--api", server.base_url, "--into", "other", "--lang", "en"]) == 1
    assert capsys.readouterr().err.startswith(
        "digituki ptv import: PTV's server failed (HTTP 500 Internal Server Error)")
    assert not (data / "other.yaml").exists()


def test_round_trip_import_fill_validate_and_build(tmp_path, capsys, monkeypatch):
    data = _data(tmp_path, {"529": "Naantali"})
    assert main(["ptv", "import", "--data", str(data), "--today", DAY, "--into",
                 "loimaan-kirjasto", str(HERE / "exceptional-over-midnight.json"),
                 str(SAMPLES / RYMATTYLA)]) == 0
    path = data / "loimaan-kirjasto.yaml"
    imported = path.read_text(encoding="utf-8")
    capsys.readouterr()
    # Before filling in, the validator names what is left to do: TODO items only.
    assert main(["validate", "--data", str(data), "--today", DAY, "--format", "json",
                 str(path)]) == 1
    codes = {p["code"] for p in json.loads(capsys.readouterr().out)["problems"]}
    assert codes == {"placeholder", "point-unused"}
    fill = yaml.safe_load((HERE / "fill.yml").read_text(encoding="utf-8"))
    text = imported
    for old, new in fill["replace"].items():
        assert old in text, old
        text = text.replace(old, new)
    text = text[:text.index("\nservices:\n") + 1] + fill["services"]
    assert [line for line in text.splitlines()
            if "TODO" in line and not line.lstrip().startswith("#")] == []
    path.write_text(text, encoding="utf-8")
    assert main(["validate", "--data", str(data), "--today", DAY, "--strict", str(path)]) == 0
    record = yaml.safe_load(text)
    library, school = record["service_points"]
    assert library["hours"] == "Mo-Th 10:00-19:00; Fr 10:00-17:00,20:00-02:00; PH off"
    assert library["coordinates"] == {"lat": 60.8502, "lon": 23.0566}
    assert school["coordinates"] == {"lat": 60.37387, "lon": 21.95284}
    monkeypatch.setenv("DIGITUKI_CACHE", "/tmp/ptvimport-cache")
    site = tmp_path / "site"
    assert main(["build", "--data", str(data), "--today", DAY, "--out", str(site)]) == 0
    pages = [p for p in site.rglob("*.html") if "Piimätie 1" in p.read_text(encoding="utf-8")]
    assert pages, "the imported school's address is on a page"
    assert any("Kauppalankatu 5" in p.read_text(encoding="utf-8") for p in pages)


def _week(*hours, **entry):
    return [{"serviceHourType": entry.pop("kind", "DaysOfTheWeek"), "validFrom": None,
             "validTo": None, "isClosed": False, "isAlwaysOpen": False, **entry,
             "openingHour": [{"dayFrom": d, "dayTo": "", "from": f, "to": t}
                             for d, f, t in hours]}]


@pytest.mark.parametrize("service_hours, regular, why", [
    (_week(isAlwaysOpen=True), "24/7", None),
    (_week(("Monday", "18:00:00", "00:00:00")), "Mo 18:00-24:00; PH off", None),
    (_week(("Monday", "09:00:00", "12:00:00"), ("Monday", "13:00:00", "16:00:00")),
     "Mo 09:00-12:00,13:00-16:00; PH off", None),
    (_week(*[(d, "10:00:00", "12:00:00") for d in ("Monday", "Wednesday", "Friday")]),
     "Mo,We,Fr 10:00-12:00; PH off", None),
    (_week(("Tuesday", "10:00:00", "12:00:00"), ("Monday", "10:00:00", "12:00:00")),
     "Mo,Tu 10:00-12:00; PH off", None),
    # summer hours: a week valid only for a period is not our regular week
    (_week(("Monday", "10:00:00", "12:00:00"), validFrom="2027-05-31T21:00:00Z",
           validTo="2027-08-30T21:00:00Z"), None, "regular hours valid only for a period"),
    (_week(("Monday", "09:00:30", "12:00:00")), None, "a time that is not whole minutes"),
    (_week(("Funday", "09:00:00", "12:00:00")), None, "no weekday"),
])
def test_weekly_hours_are_written_exactly_or_refused(service_hours, regular, why):
    from digituki.ptv.hours import convert
    hours = convert(service_hours)
    assert hours.regular == regular
    assert [u.why for u in hours.inexpressible] == ([why] if why else [])
    if regular:
        parse(regular)  # our parser reads it


ODD = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() |
                   st.text(max_size=12), lambda inner: st.lists(inner, max_size=3) |
                   st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


@settings(max_examples=150, deadline=None)
@given(sample=st.sampled_from(sorted(SAMPLES.glob("*.json"))), data=st.data())
def test_odd_values_anywhere_are_read_without_a_traceback(sample, data):
    """Any value of a real response replaced by any JSON: the reader and the record writer
    return problems, never raise, and what they write is YAML."""
    from digituki.ptv.records import record_text
    value = json.loads(sample.read_text(encoding="utf-8"))
    places = []

    def walk(node, path):
        places.append(path)
        items = node.items() if isinstance(node, dict) else enumerate(node) \
            if isinstance(node, list) else ()
        for key, child in items:
            walk(child, (*path, key))
    walk(value, ())
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(places[1:]))
        node = value
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = data.draw(ODD)
        except (KeyError, IndexError, TypeError):
            pass  # an earlier change removed that place
    read = read_sources([("odd", value)])
    template = (REPO / "providers" / "_template.yaml").read_text(encoding="utf-8")
    yaml.safe_load(record_text("odd", read.organizations[0] if read.organizations else None,
                               read.channels, template, TODAY))

"""The live PTV client (digituki.ptv.fetch) against a local stand-in for the Open API: real
HTTP, the real saved channels, lists in pages. It reads every page to the end, fetches in full
what a list gives only by id, and stops with one line a person can act on when the API answers
500, answers too slowly, answers something that is not JSON, or cannot be reached at all."""
import pytest

from digituki.ptv.fetch import Client, FetchError

from ptv_server import API, channels, ptv_server, unused_port

VAASA = "7fdd7f84-e52a-4c17-a59a-d7c2a3095ed5"  # Vaasa's organisation: three channels saved
SUNDOM = "13992280-9c95-4ede-af13-33ad2acde746"


@pytest.fixture(scope="module")
def saved():
    return channels()


def test_the_organisation_list_is_read_page_by_page_to_the_end(saved):
    with ptv_server() as server:
        found = Client(server.base_url).organization_channels(VAASA)
    assert [c["id"] for c in found] == [
        "13992280-9c95-4ede-af13-33ad2acde746", "2e7f0b8d-4943-4fd4-8a22-7b02830be16e",
        "5d04a7cd-d372-409e-b3d6-211ae5325bd2"]
    assert found == [saved[c["id"]] for c in found]  # whole channels, as saved
    assert server.asked == [f"{API}/list/organization?organizationId={VAASA}&page=1",
                            f"{API}/list/organization?organizationId={VAASA}&page=2"]


def test_a_list_of_ids_and_names_is_fetched_in_full(saved):
    with ptv_server() as server:
        found = Client(server.base_url).municipality_channels("529")  # Naantali
    ids = ["1bd39cda-3006-482e-acff-93ab8ddc9f1b", "2481937a-5d4d-4643-a9b9-9877be5d4d3e",
           "403097f7-f397-4eed-aac6-98442faa33b6"]
    assert found == [saved[i] for i in ids]
    assert server.asked == [f"{API}/list/area/Municipality/code/529?page=1",
                            f"{API}/list/area/Municipality/code/529?page=2",
                            f"{API}/list?guids={','.join(ids)}"]


def test_a_channel_by_its_id(saved):
    with ptv_server() as server:
        client = Client(server.base_url)
        assert client.channel(SUNDOM) == saved[SUNDOM]
        with pytest.raises(FetchError) as missing:
            client.channel("00000000-0000-0000-0000-000000000000")
    assert str(missing.value) == (
        "PTV has no such item (HTTP 404 Not Found); check the id: "
        f"{server.base_url}{API}/00000000-0000-0000-0000-000000000000")


def test_a_server_error_stops_the_paging_with_one_clear_line():
    with ptv_server() as server:
        second = f"{API}/list/organization?organizationId={VAASA}&page=2"
        server.status[second] = 500
        with pytest.raises(FetchError) as failed:
            Client(server.base_url).organization_channels(VAASA)
    assert str(failed.value) == ("PTV's server failed (HTTP 500 Internal Server Error); "
                                 f"try again later: {server.base_url}{second}")
    assert failed.value.text("fi") == (
        "PTV:n palvelimessa on häiriö (HTTP 500 Internal Server Error); yritä myöhemmin "
        f"uudelleen: {server.base_url}{second}")
    assert server.asked[-1] == second  # nothing asked after the failure


def test_an_answer_too_slow_stops_with_one_clear_line():
    with ptv_server() as server:
        first = f"{API}/list/organization?organizationId={VAASA}&page=1"
        server.slow.add(first)  # answered only when the test ends
        with pytest.raises(FetchError) as failed:
            Client(server.base_url, timeout=0.2).organization_channels(VAASA)
    assert str(failed.value) == (f"PTV did not answer within 0.2 seconds: "
                                 f"{server.base_url}{first}")
    assert server.asked == [first]


def test_an_answer_that_is_not_json():
    with ptv_server() as server:
        server.raw[f"{API}/{SUNDOM}"] = b"<html>Huoltokatko / Maintenance</html>"
        with pytest.raises(FetchError) as failed:
            Client(server.base_url).channel(SUNDOM)
    assert str(failed.value) == ("PTV's answer is not JSON (Expecting value: line 1 column 1 "
                                 f"(char 0)): {server.base_url}{API}/{SUNDOM}")


def test_an_unreachable_api_is_one_clear_line():
    base = f"http://127.0.0.1:{unused_port()}"
    with pytest.raises(FetchError) as failed:
        Client(base, timeout=5).organization_channels(VAASA)
    line = str(failed.value)
    assert line.startswith("Could not connect to PTV (")
    assert line.endswith(f"): {base}{API}/list/organization?organizationId={VAASA}&page=1")
    assert "\n" not in line and failed.value.reason == "unreachable"
    assert failed.value.text("fi").startswith("PTV:hen ei saatu yhteyttä (")


def test_an_address_that_is_not_a_web_address_is_one_clear_line():
    with pytest.raises(FetchError) as failed:
        Client("api.palvelutietovaranto.suomi.fi").channel(SUNDOM)  # https:// left out
    assert str(failed.value) == (
        "Could not connect to PTV (unknown url type: 'api.palvelutietovaranto.suomi.fi/api/v11/"
        f"ServiceChannel/{SUNDOM}'): api.palvelutietovaranto.suomi.fi/api/v11/ServiceChannel/"
        f"{SUNDOM}")

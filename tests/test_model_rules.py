"""The domain rules on the model (model/rules.py): the one place every output asks which
municipalities a point reaches, which alerts are current and which sessions a point has."""
import dataclasses
import datetime

import pytest

from digituki.model.rules import Schedule

LOIMAA = "430"
D = datetime.date


@pytest.fixture(scope="module")
def provider(dataset):
    return next(p for p in dataset.providers if p.id == "every-field")


def test_a_place_reaches_its_municipality_and_a_remote_channel_those_it_serves(provider):
    assert provider.point("main").reached_municipalities() == (LOIMAA,)
    assert provider.point("phone-line").reached_municipalities() == (LOIMAA, "019")
    assert provider.point("chat").reached_municipalities() == (LOIMAA,)
    assert provider.point("phone-line").reaches("019")
    assert not provider.point("main").reaches("019")
    assert provider.reached_municipalities() == {LOIMAA, "019"}


def test_a_place_reaches_only_its_own_municipality_whatever_its_serves_says(provider):
    """``serves`` is for remote channels; a place listing it still reaches only where it is
    (the calendars once read both and could disagree with the pages and leaflets)."""
    place = dataclasses.replace(provider.point("main"), serves=("019",))
    assert place.reached_municipalities() == (LOIMAA,)
    assert not place.reaches("019")


@pytest.mark.parametrize("today, days_ahead, shown", [
    (D(2026, 12, 19), 0, False),   # starts tomorrow
    (D(2026, 12, 19), 1, True),    # ... which a one-day look ahead sees
    (D(2026, 12, 6), 14, True),    # the provider page's 14 days reach its start
    (D(2026, 12, 5), 14, False),
    (D(2026, 10, 25), 56, True),   # a leaflet's eight weeks
    (D(2027, 1, 6), 0, True),      # its last day
    (D(2027, 1, 7), 56, False),    # over, whatever the window
])
def test_an_alert_is_current_from_its_start_within_the_window_until_its_last_day(
        provider, today, days_ahead, shown):
    assert bool(provider.current_alerts(today, days_ahead)) is shown


def test_an_alert_without_a_start_is_current_until_its_last_day(provider):
    alert = dataclasses.replace(provider.alerts[0], start=None)
    assert alert.is_current(D(2020, 1, 1))
    assert not alert.is_current(alert.until + datetime.timedelta(days=1))


def test_the_sessions_at_a_point_are_every_service_given_there(provider):
    found = [(service.id, at.point) for service, at in provider.sessions_at("main")]
    assert found == [("drop-in", "main"), ("bank-day", "main")]
    remote = next(s for s in provider.services if s.id == "remote")
    assert [at.point for at in remote.sessions_at("chat")] == ["chat"]
    assert remote.sessions_at("main") == ()


def test_a_session_is_off_on_its_own_exceptions_and_the_days_its_place_is_closed(provider):
    drop_in = next(s for s in provider.services if s.id == "drop-in")
    at = drop_in.sessions_at("main")[0]
    schedule = provider.session_schedule(at)
    closed_days = [e.date for e in provider.point("main").exceptions if e.closed]
    assert [e.date for e in schedule.exceptions] == [e.date for e in at.exceptions] + closed_days
    assert closed_days == [D(2026, 12, 24), D(2027, 1, 5)]   # the open New Year's Eve is not
    assert schedule == Schedule(at.hours, provider.session_exceptions(at))


def test_the_effective_hours_append_the_exceptions_as_rules_that_override_the_hours(provider):
    at = provider.services[0].at[0]
    written = provider.session_schedule(at).effective_hours()
    assert written.startswith(at.hours.written)
    assert "2026 Dec 08 off" in written


def test_the_region_help_lines_are_the_phone_lines_serving_every_municipality(dataset):
    """A phone line serving part of the region, a chat serving all of it, and a phone point
    without a number are no region help line."""
    provider = next(p for p in dataset.providers if p.id == "every-field")
    everywhere = tuple(dataset.region.municipalities)
    line = dataclasses.replace(provider.point("phone-line"), serves=everywhere)
    chat = dataclasses.replace(provider.point("chat"), serves=everywhere)
    silent = dataclasses.replace(line, id="silent", phone=None)
    changed = dataclasses.replace(provider, service_points=(line, chat, silent))
    assert dataset.region_helplines() == []
    assert dataclasses.replace(dataset, providers=(changed,)).region_helplines() == [
        (changed, line)]


def test_a_provider_helps_with_every_topic_and_form_of_its_services_once_sorted(provider):
    """What a provider's card lists: the union over its services, each id once."""
    assert provider.topics() == ["online-banking", "smartphone", "suomi-fi"]
    assert provider.forms() == ["chat", "drop-in", "event", "phone", "screen-sharing",
                                "self-service-computer", "video"]


def test_a_provider_is_free_only_if_every_service_is(provider):
    assert not provider.all_free()   # its drop-in help costs
    free = [dataclasses.replace(s, cost=dataclasses.replace(s.cost, free=True))
            for s in provider.services]
    assert dataclasses.replace(provider, services=tuple(free)).all_free()

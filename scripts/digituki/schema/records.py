"""The one description of every record's shape: providers, region settings, vocabularies.

The validator checks records against these objects, the JSON Schema for editors is exported
from them, and the field reference for contributors is generated from their docs. The docs
are messages of the translation catalogue, so every language has them: a section's is
``about.<section>``, a field's ``about.<section>.<field>``. A field its section describes uses
the section's message (``about.coordinates``), and the fields every text or every vocabulary
has share one (``about.text.fi``, ``about.term.id``).
"""
from ..i18n import LANGUAGES, translations
from .limits import (MAX_ACCESSIBILITY_FACTS, MAX_ALERTS, MAX_EXCEPTIONS, MAX_HOURS_CHARS,
                     MAX_MAINTAINERS, MAX_MARKDOWN_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS,
                     MAX_SERVED_MUNICIPALITIES, MAX_SERVICE_POINTS, MAX_SERVICES, MAX_SESSIONS,
                     MAX_TERMS, MAX_URL_CHARS)
from .types import Bool, Date, Field, Id, List, Number, Obj, Str


def _text_in(fmt: str, name: str, what: dict[str, str], max_chars: int,
             multiline: bool = False, free: bool = False) -> Obj:
    def text() -> Str:
        return Str(fmt=fmt, max_chars=max_chars, multiline=multiline, free=free)
    return Obj(name, [
        Field("fi", text(), translations("about.text.fi"), required=True),
        Field("sv", text(), translations("about.text.sv")),
        Field("en", text(), translations("about.text.en")),
    ], what)


TEXT = _text_in("text", "text", translations("about.text"), MAX_NAME_CHARS)
NOTE = _text_in("text", "note_text", translations("about.note_text"), MAX_NOTE_CHARS, free=True)
MARKDOWN = _text_in("markdown", "markdown_text", translations("about.markdown_text"),
                    MAX_MARKDOWN_CHARS, multiline=True, free=True)
# Every kind of text in three languages: the model and the export treat them alike.
TEXTS = (TEXT, NOTE, MARKDOWN)

PHONE = Str(fmt="phone", kind=translations("kind.phone"))
EMAIL = Str(fmt="email", kind=translations("kind.email"))
URL = Str(fmt="url", kind=translations("kind.url"), max_chars=MAX_URL_CHARS)
HOURS = Str(fmt="hours", kind=translations("kind.hours"), max_chars=MAX_HOURS_CHARS)
MUNICIPALITY = Str(ref="municipalities", kind=translations("kind.municipality"))
HANDLE = Str(pattern=r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9._-]+)?",
             pattern_doc=translations("pattern.github"), kind=translations("kind.github"))

# A service channel's id in Suomi.fi PTV (a UUID, as PTV writes it): digituki ptv check.
PTV_ID = Str(pattern=r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
             pattern_doc=translations("pattern.ptv_id"), kind=translations("kind.ptv_id"))


def _ref(vocabulary: str, term: dict[str, str]) -> Str:
    return Str(ref=vocabulary, kind=translations("kind.term", term=term, vocabulary=vocabulary))


EXCEPTION = Obj("exception", [
    Field("date", Date(), translations("about.exception.date"), required=True),
    Field("until", Date(), translations("about.exception.until")),
    Field("closed", Bool(), translations("about.exception.closed")),
    Field("hours", HOURS, translations("about.exception.hours")),
    Field("reason", TEXT, translations("about.exception.reason"), required=True),
], translations("about.exception"))

ACCESSIBILITY = Obj("accessibility_fact", [
    Field("feature", _ref("accessibility", translations("term.accessibility")),
          translations("about.accessibility_fact.feature"), required=True),
    Field("available", Bool(), translations("about.accessibility_fact.available"), required=True),
    Field("details", NOTE, translations("about.accessibility_fact.details")),
], translations("about.accessibility_fact"))

ADDRESS = Obj("address", [
    Field("street", TEXT, translations("about.address.street"), required=True),
    Field("postal_code", Str(pattern=r"\d{5}",
                             pattern_doc=translations("pattern.postal_code")),
          translations("about.address.postal_code"), required=True),
    Field("post_office", TEXT, translations("about.address.post_office"), required=True),
], translations("about.address"))

COORDINATES = Obj("coordinates", [
    Field("lat", Number(-90, 90, "60.8496"), translations("about.coordinates.lat"), required=True),
    Field("lon", Number(-180, 180, "23.0586"), translations("about.coordinates.lon"),
          required=True),
], translations("about.coordinates"))

POINT_TYPES = ("place", "phone", "chat", "video")

SERVICE_POINT = Obj("service_point", [
    Field("id", Id(), translations("about.service_point.id"), required=True),
    Field("type", Str(enum=POINT_TYPES), translations("about.service_point.type"), required=True),
    Field("name", TEXT, translations("about.service_point.name"), required=True),
    Field("address", ADDRESS, translations("about.service_point.address")),
    Field("municipality", MUNICIPALITY, translations("about.service_point.municipality")),
    Field("coordinates", COORDINATES, translations("about.coordinates")),
    Field("directions", NOTE, translations("about.service_point.directions")),
    Field("floor_room", TEXT, translations("about.service_point.floor_room")),
    Field("phone", PHONE, translations("about.service_point.phone")),
    Field("url", URL, translations("about.service_point.url")),
    Field("serves", List(MUNICIPALITY, 1, MAX_SERVED_MUNICIPALITIES),
          translations("about.service_point.serves")),
    Field("hours", HOURS, translations("about.service_point.hours")),
    Field("exceptions", List(EXCEPTION, max_items=MAX_EXCEPTIONS),
          translations("about.service_point.exceptions")),
    Field("accessibility", List(ACCESSIBILITY, max_items=MAX_ACCESSIBILITY_FACTS),
          translations("about.service_point.accessibility")),
    Field("ptv_id", PTV_ID, translations("about.service_point.ptv_id")),
], translations("about.service_point"))

BOOKING = Obj("booking", [
    Field("need", Str(enum=("required", "recommended", "none")),
          translations("about.booking.need"), required=True),
    Field("how", NOTE, translations("about.booking.how")),
    Field("phone", PHONE, translations("about.booking.phone")),
    Field("email", EMAIL, translations("about.booking.email")),
    Field("url", URL, translations("about.booking.url")),
], translations("about.booking"))

COST = Obj("cost", [
    Field("free", Bool(), translations("about.cost.free"), required=True),
    Field("details", NOTE, translations("about.cost.details")),
], translations("about.cost"))

SESSION = Obj("service_at_point", [
    Field("point", Str(ref="service_points", kind=translations("kind.point")),
          translations("about.service_at_point.point"), required=True),
    Field("hours", HOURS, translations("about.service_at_point.hours"), required=True),
    Field("exceptions", List(EXCEPTION, max_items=MAX_EXCEPTIONS),
          translations("about.service_at_point.exceptions")),
], translations("about.service_at_point"))

SERVICE = Obj("service", [
    Field("id", Id(), translations("about.service.id"), required=True),
    Field("name", TEXT, translations("about.service.name"), required=True),
    Field("description", MARKDOWN, translations("about.service.description")),
    Field("topics", List(_ref("topics", translations("term.topics")), 1, MAX_TERMS),
          translations("about.service.topics"), required=True),
    Field("forms", List(_ref("forms", translations("term.forms")), 1, MAX_TERMS),
          translations("about.service.forms"), required=True),
    Field("target_groups",
          List(_ref("target_groups", translations("term.target_groups")), 1, MAX_TERMS),
          translations("about.service.target_groups")),
    Field("languages", List(_ref("languages", translations("term.languages")), 1, MAX_TERMS),
          translations("about.service.languages"), required=True),
    Field("plain_language", Bool(), translations("about.service.plain_language")),
    Field("cost", COST, translations("about.service.cost"), required=True),
    Field("booking", BOOKING, translations("about.service.booking"), required=True),
    Field("bring", NOTE, translations("about.service.bring")),
    Field("not_covered", MARKDOWN, translations("about.service.not_covered"), required=True),
    Field("at", List(SESSION, 1, MAX_SESSIONS), translations("about.service.at"), required=True),
], translations("about.service"))

ALERT = Obj("alert", [
    Field("text", NOTE, translations("about.alert.text"), required=True),
    Field("start", Date(), translations("about.alert.start")),
    Field("until", Date(), translations("about.alert.until"), required=True),
], translations("about.alert"))

CONTACT = Obj("contact", [
    Field("phone", PHONE, translations("about.contact.phone")),
    Field("email", EMAIL, translations("about.contact.email")),
], translations("about.contact"))

VERIFIED = Obj("verified", [
    Field("date", Date(), translations("about.verified.date"), required=True),
    Field("method", Str(enum=("phone", "visit", "email", "provider")),
          translations("about.verified.method"), required=True),
    Field("by", Str(), translations("about.verified.by"), required=True),
], translations("about.verified"))

WARN_AFTER_MONTHS = 6
ERROR_AFTER_MONTHS = 12

PROVIDER_TYPES = ("library", "municipality", "suomi-piste", "association", "adult-education",
                  "parish", "company")

PROVIDER = Obj("provider", [
    Field("id", Id(), translations("about.provider.id"), required=True),
    Field("name", TEXT, translations("about.provider.name"), required=True),
    Field("type", Str(enum=PROVIDER_TYPES), translations("about.provider.type"), required=True),
    Field("description", MARKDOWN, translations("about.provider.description")),
    Field("website", URL, translations("about.provider.website")),
    Field("contact", CONTACT, translations("about.provider.contact")),
    Field("maintainers", List(HANDLE, 1, MAX_MAINTAINERS),
          translations("about.provider.maintainers"), required=True),
    Field("verified", VERIFIED, translations("about.provider.verified"), required=True),
    Field("alerts", List(ALERT, max_items=MAX_ALERTS), translations("about.provider.alerts")),
    Field("service_points", List(SERVICE_POINT, 1, MAX_SERVICE_POINTS),
          translations("about.provider.service_points"), required=True),
    Field("services", List(SERVICE, 1, MAX_SERVICES), translations("about.provider.services"),
          required=True),
], translations("about.provider"))

REGION = Obj("region", [
    Field("name", TEXT, translations("about.region.name"), required=True),
    Field("municipalities", List(MUNICIPALITY, 1), translations("about.region.municipalities"),
          required=True),
    Field("languages", List(Str(enum=("fi", "sv", "en")), 1),
          translations("about.region.languages"), required=True),
    Field("message_language", Str(enum=LANGUAGES), translations("about.region.message_language")),
    Field("base_url", URL, translations("about.region.base_url"), required=True),
    Field("repository_url", URL, translations("about.region.repository_url"), required=True),
    Field("maintainers", List(HANDLE, 1), translations("about.region.maintainers")),
    Field("coordinator", Obj("coordinator", [
        Field("name", TEXT, translations("about.coordinator.name"), required=True),
        Field("email", EMAIL, translations("about.coordinator.email"), required=True),
        Field("phone", PHONE, translations("about.coordinator.phone")),
    ], translations("about.coordinator")), translations("about.coordinator"), required=True),
    Field("demo", Bool(), translations("about.region.demo")),
    Field("verification", Obj("verification", [
        Field("warn_after_months", Number(1, 60, str(WARN_AFTER_MONTHS), integer=True),
              translations("about.verification.warn_after_months",
                           months=str(WARN_AFTER_MONTHS))),
        Field("error_after_months", Number(1, 60, str(ERROR_AFTER_MONTHS), integer=True),
              translations("about.verification.error_after_months",
                           months=str(ERROR_AFTER_MONTHS))),
    ], translations("about.verification")), translations("about.verification")),
], translations("about.region"))


def _vocabulary(name: str, id_type: Str, extra: list[Field], doc: dict[str, str]) -> Obj:
    term = Obj(f"{name}_term", [
        Field("id", id_type, translations("about.term.id"), required=True),
        Field("name", TEXT, translations("about.term.name"), required=True),
        Field("description", NOTE, translations("about.term.description")),
        *extra,
    ], doc)
    return Obj(name, [Field("terms", List(term, 1), doc, required=True)], doc)


def term_section(vocabulary: Obj) -> Obj:
    """The section of a vocabulary's terms (its one field ``terms`` is a list of them)."""
    terms = vocabulary.by_name["terms"].type
    if not (isinstance(terms, List) and isinstance(terms.item, Obj)):
        raise TypeError(f"vocabulary {vocabulary.name}: terms is not a list of sections")
    return terms.item


VOCABULARIES: dict[str, Obj] = {
    "topics": _vocabulary("topics", Id(), [], translations("about.topics")),
    "forms": _vocabulary("forms", Id(), [
        Field("mode", Str(enum=("in-person", "remote", "learning")),
              translations("about.forms_term.mode"), required=True),
        Field("comes_to_you", Bool(), translations("about.forms_term.comes_to_you")),
    ], translations("about.forms")),
    "target_groups": _vocabulary("target_groups", Id(), [], translations("about.target_groups")),
    "languages": _vocabulary("languages", Str(
        pattern=r"[a-z]{2,3}", pattern_doc=translations("pattern.language")), [],
        translations("about.languages")),
    "accessibility": _vocabulary("accessibility", Id(), [], translations("about.accessibility")),
    "municipalities": _vocabulary("municipalities", Str(
        pattern=r"\d{3}", pattern_doc=translations("pattern.municipality")), [],
        translations("about.municipalities")),
}

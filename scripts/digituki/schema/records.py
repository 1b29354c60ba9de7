"""The one description of every record's shape: providers, region settings, vocabularies.

The validator checks records against these objects, the JSON Schema for editors is exported
from them, and the field reference for contributors is generated from their docs.
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
        Field("fi", text(), {"fi": "suomeksi", "en": "in Finnish"}, required=True),
        Field("sv", text(), {"fi": "ruotsiksi", "en": "in Swedish"}),
        Field("en", text(), {"fi": "englanniksi", "en": "in English"}),
    ], what)


TEXT = _text_in("text", "text", {
    "fi": "Teksti kolmella kielellä; suomi (fi) on pakollinen, ruotsi (sv) ja englanti (en) "
          "vapaaehtoisia. Puuttuva kieli näytetään suomeksi. Yksi rivi ilman näkymättömiä "
          "merkkejä.",
    "en": "Text in three languages; Finnish (fi) is required, Swedish (sv) and English (en) "
          "are optional. A missing language is shown in Finnish. One line, without invisible "
          "characters."}, MAX_NAME_CHARS)
NOTE = _text_in("text", "note_text", {
    "fi": "Kuten text, mutta pidempi vapaa teksti; näkymättömistä merkeistä varoitetaan.",
    "en": "Like text, but longer free text; invisible characters give a warning."},
    MAX_NOTE_CHARS, free=True)
MARKDOWN = _text_in("markdown", "markdown_text", {
    "fi": "Kuten text, mutta saa sisältää kappaleita, luetteloita, *kursiivia*, **lihavointia** "
          "ja [linkkejä](https://…). HTML ei ole sallittu.",
    "en": "Like text, but may contain paragraphs, lists, *italics*, **bold** and "
          "[links](https://…). No HTML."}, MAX_MARKDOWN_CHARS, multiline=True, free=True)
# Every kind of text in three languages: the model and the export treat them alike.
TEXTS = (TEXT, NOTE, MARKDOWN)

PHONE = Str(fmt="phone", kind=translations("kind.phone"))
EMAIL = Str(fmt="email", kind=translations("kind.email"))
URL = Str(fmt="url", kind=translations("kind.url"), max_chars=MAX_URL_CHARS)
HOURS = Str(fmt="hours", kind=translations("kind.hours"), max_chars=MAX_HOURS_CHARS)
MUNICIPALITY = Str(ref="municipalities", kind=translations("kind.municipality"))
HANDLE = Str(pattern=r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9._-]+)?",
             pattern_doc=translations("pattern.github"), kind=translations("kind.github"))


def _ref(vocabulary: str, term: dict[str, str]) -> Str:
    return Str(ref=vocabulary, kind=translations("kind.term", term=term, vocabulary=vocabulary))


EXCEPTION = Obj("exception", [
    Field("date", Date(), {"fi": "Päivä, jota poikkeus koskee (tai jaksolla ensimmäinen päivä).",
                           "en": "The day of the exception (or the first day of a period)."},
          required=True),
    Field("until", Date(), {"fi": "Jakson viimeinen päivä, jos poikkeus kestää useita päiviä.",
                            "en": "The last day, if the exception lasts several days."}),
    Field("closed", Bool(), {"fi": "true, jos suljettu koko päivän.",
                             "en": "true if closed all day."}),
    Field("hours", HOURS, {"fi": "Poikkeavat ajat, esim. \"10:00-12:00\".",
                           "en": "The hours that apply instead, e.g. \"10:00-12:00\"."}),
    Field("reason", TEXT, {"fi": "Syy, joka näytetään sivulla, esim. \"Jouluaatto\".",
                           "en": "The reason shown on the page, e.g. \"Christmas Eve\"."},
          required=True),
], {"fi": "Päiväkohtainen poikkeus aukioloaikoihin.",
    "en": "A dated exception to the hours."})

ACCESSIBILITY = Obj("accessibility_fact", [
    Field("feature", _ref("accessibility", translations("term.accessibility")),
          {"fi": "Mitä tieto koskee, esim. step-free-entrance.",
           "en": "What the fact is about, e.g. step-free-entrance."}, required=True),
    Field("available", Bool(), {"fi": "Onko tämä paikassa (true) vai ei (false).",
                                "en": "Whether the place has it (true) or not (false)."},
          required=True),
    Field("details", NOTE, {"fi": "Tarkennus, esim. \"Luiska sivuovella, ovi 90 cm\".",
                            "en": "Details, e.g. \"Ramp at the side door, door 90 cm\"."}),
], {"fi": "Yksi mitattava esteettömyystieto.", "en": "One measurable accessibility fact."})

ADDRESS = Obj("address", [
    Field("street", TEXT, {"fi": "Katuosoite, esim. \"Vareliuksenkatu 2\".",
                           "en": "Street address, e.g. \"Vareliuksenkatu 2\"."}, required=True),
    Field("postal_code", Str(pattern=r"\d{5}",
                             pattern_doc=translations("pattern.postal_code")),
          {"fi": "Postinumero.", "en": "Postal code."}, required=True),
    Field("post_office", TEXT, {"fi": "Postitoimipaikka, esim. \"Loimaa\".",
                                "en": "Post office, e.g. \"Loimaa\"."}, required=True),
], {"fi": "Käyntiosoite.", "en": "Street address for visits."})

COORDINATES = Obj("coordinates", [
    Field("lat", Number(-90, 90, "60.8496"), {"fi": "Leveysaste (WGS84), Suomessa n. 60–70.",
                                              "en": "Latitude (WGS84), about 60–70 in Finland."},
          required=True),
    Field("lon", Number(-180, 180, "23.0586"), {"fi": "Pituusaste (WGS84), Suomessa n. 20–31.",
                                                "en": "Longitude (WGS84), about 20–31 in Finland."},
          required=True),
], {"fi": "Sijainti kartalla.", "en": "Position on a map."})

POINT_TYPES = ("place", "phone", "chat", "video")

SERVICE_POINT = Obj("service_point", [
    Field("id", Id(), {"fi": "Tunnus tämän tietueen sisällä, esim. paakirjasto.",
                       "en": "Id within this record, e.g. main-library."}, required=True),
    Field("type", Str(enum=POINT_TYPES),
          {"fi": "place = käyntipaikka; phone, chat, video = etäpalvelu.",
           "en": "place = a physical place; phone, chat, video = a remote channel."},
          required=True),
    Field("name", TEXT, {"fi": "Paikan tai kanavan nimi, esim. \"Pääkirjasto\".",
                         "en": "Name of the place or channel, e.g. \"Main library\"."},
          required=True),
    Field("address", ADDRESS, {"fi": "Käyntiosoite (pakollinen paikalle).",
                               "en": "Street address (required for a place)."}),
    Field("municipality", MUNICIPALITY, {"fi": "Kunta, jossa paikka on (pakollinen paikalle).",
                                         "en": "Municipality of the place (required for a place)."}),
    Field("coordinates", COORDINATES, {"fi": "Sijainti kartalla.", "en": "Position on a map."}),
    Field("directions", NOTE, {"fi": "Miten perille pääsee: bussi, pysäköinti, sisäänkäynti.",
                               "en": "How to get there: bus, parking, entrance."}),
    Field("floor_room", TEXT, {"fi": "Kerros tai huone, esim. \"2. krs, ryhmähuone Kaisla\".",
                               "en": "Floor or room, e.g. \"2nd floor, group room Kaisla\"."}),
    Field("phone", PHONE, {"fi": "Puhelinnumero (pakollinen puhelinpalvelulle).",
                           "en": "Phone number (required for a phone channel)."}),
    Field("url", URL, {"fi": "Chat- tai videopalvelun osoite (pakollinen niille).",
                       "en": "Link to the chat or video service (required for those)."}),
    Field("serves", List(MUNICIPALITY, 1, MAX_SERVED_MUNICIPALITIES),
          {"fi": "Kunnat, joiden asukkaita etäpalvelu palvelee (pakollinen etäpalvelulle).",
           "en": "Municipalities whose residents a remote channel serves (required for one)."}),
    Field("hours", HOURS, {"fi": "Rakennuksen tai kanavan aukioloajat, esim. "
                                 "\"Mo-Fr 10:00-19:00; Sa 10:00-15:00; PH off\".",
                           "en": "Opening hours of the building or channel, e.g. "
                                 "\"Mo-Fr 10:00-19:00; Sa 10:00-15:00; PH off\"."}),
    Field("exceptions", List(EXCEPTION, max_items=MAX_EXCEPTIONS),
          {"fi": "Poikkeukset aukioloaikoihin.", "en": "Exceptions to the opening hours."}),
    Field("accessibility", List(ACCESSIBILITY, max_items=MAX_ACCESSIBILITY_FACTS),
          {"fi": "Esteettömyystiedot.", "en": "Accessibility facts."}),
], {"fi": "Käyntipaikka tai etäpalvelukanava.", "en": "A physical place or a remote channel."})

BOOKING = Obj("booking", [
    Field("need", Str(enum=("required", "recommended", "none")),
          {"fi": "required = ajanvaraus pakollinen, recommended = suositeltava, none = ei tarvita.",
           "en": "required, recommended, or none."}, required=True),
    Field("how", NOTE, {"fi": "Miten aika varataan.", "en": "How to book."}),
    Field("phone", PHONE, {"fi": "Ajanvarauksen puhelinnumero.", "en": "Phone number for booking."}),
    Field("email", EMAIL, {"fi": "Ajanvarauksen sähköposti.", "en": "E-mail for booking."}),
    Field("url", URL, {"fi": "Ajanvarauksen verkko-osoite.", "en": "Web address for booking."}),
], {"fi": "Tarvitaanko ajanvaraus ja miten se tehdään.",
    "en": "Whether booking is needed and how to book."})

COST = Obj("cost", [
    Field("free", Bool(), {"fi": "true, jos maksuton.", "en": "true if free of charge."},
          required=True),
    Field("details", NOTE, {"fi": "Hinta tai ehdot, esim. \"Kurssimaksu 20 €\".",
                            "en": "Price or terms, e.g. \"Course fee 20 €\"."}),
], {"fi": "Maksaako palvelu.", "en": "Whether the service costs anything."})

SESSION = Obj("service_at_point", [
    Field("point", Str(ref="service_points", kind={"fi": "palvelupisteen tunnus",
                                                   "en": "service point id"}),
          {"fi": "Palvelupisteen tunnus (service_points[].id).",
           "en": "The service point's id (service_points[].id)."}, required=True),
    Field("hours", HOURS, {"fi": "Opastusajat tässä pisteessä, esim. \"Tu 10:00-12:00; PH off\". "
                                 "Erillään rakennuksen aukioloajoista.",
                           "en": "Help hours at this point, e.g. \"Tu 10:00-12:00; PH off\". "
                                 "Apart from the building's hours."}, required=True),
    Field("exceptions", List(EXCEPTION, max_items=MAX_EXCEPTIONS),
          {"fi": "Poikkeukset opastusaikoihin.", "en": "Exceptions to the help hours."}),
], {"fi": "Missä ja milloin palvelua saa.", "en": "Where and when the service is given."})

SERVICE = Obj("service", [
    Field("id", Id(), {"fi": "Tunnus tämän tietueen sisällä, esim. digiopastus.",
                       "en": "Id within this record, e.g. digital-help."}, required=True),
    Field("name", TEXT, {"fi": "Palvelun nimi.", "en": "Name of the service."}, required=True),
    Field("description", MARKDOWN, {"fi": "Mitä palvelussa tehdään, selkeällä kielellä.",
                                    "en": "What happens in the service, in plain language."}),
    Field("topics", List(_ref("topics", translations("term.topics")), 1, MAX_TERMS),
          {"fi": "Aiheet, joissa autetaan.", "en": "Topics the service helps with."},
          required=True),
    Field("forms", List(_ref("forms", translations("term.forms")), 1, MAX_TERMS),
          {"fi": "Tukimuodot, esim. drop-in, phone, course.",
           "en": "Forms of support, e.g. drop-in, phone, course."}, required=True),
    Field("target_groups",
          List(_ref("target_groups", translations("term.target_groups")), 1, MAX_TERMS),
          {"fi": "Kenelle palvelu on tarkoitettu.", "en": "Who the service is for."}),
    Field("languages", List(_ref("languages", translations("term.languages")), 1, MAX_TERMS),
          {"fi": "Palvelukielet (ISO 639), esim. fi, sv, fse (suomalainen viittomakieli).",
           "en": "Languages of service (ISO 639), e.g. fi, sv, fse (Finnish Sign Language)."},
          required=True),
    Field("plain_language", Bool(), {"fi": "true, jos palvelua saa selkokielellä.",
                                     "en": "true if the service is given in plain language."}),
    Field("cost", COST, {"fi": "Hinta.", "en": "Cost."}, required=True),
    Field("booking", BOOKING, {"fi": "Ajanvaraus.", "en": "Booking."}, required=True),
    Field("bring", NOTE, {"fi": "Mitä mukaan, esim. \"Oma puhelin, laturi ja salasanat.\"",
                          "en": "What to bring, e.g. \"Your phone, charger and passwords.\""}),
    Field("not_covered", MARKDOWN, {"fi": "Missä ei auteta, esim. \"Emme käsittele "
                                          "pankkitunnuksiasi.\"",
                                    "en": "What the service does not do, e.g. \"We never handle "
                                          "your bank codes.\""}, required=True),
    Field("at", List(SESSION, 1, MAX_SESSIONS), {"fi": "Palvelupisteet ja opastusajat.",
                              "en": "Service points and help hours."}, required=True),
], {"fi": "Mitä apua annetaan, kenelle ja milloin.",
    "en": "What help is given, to whom and when."})

ALERT = Obj("alert", [
    Field("text", NOTE, {"fi": "Tiedote, esim. \"Kirjasto suljettu remontin vuoksi\".",
                         "en": "The notice, e.g. \"Library closed for renovation\"."},
          required=True),
    Field("start", Date(), {"fi": "Ensimmäinen näyttöpäivä.", "en": "First day shown."}),
    Field("until", Date(), {"fi": "Viimeinen näyttöpäivä.", "en": "Last day shown."},
          required=True),
], {"fi": "Väliaikainen tiedote sivun alussa.", "en": "A temporary notice at the top of the page."})

CONTACT = Obj("contact", [
    Field("phone", PHONE, {"fi": "Yleinen puhelinnumero.", "en": "General phone number."}),
    Field("email", EMAIL, {"fi": "Yleinen sähköpostiosoite.", "en": "General e-mail address."}),
], {"fi": "Palveluntarjoajan yhteystiedot.", "en": "The provider's contact details."})

VERIFIED = Obj("verified", [
    Field("date", Date(), {"fi": "Päivä, jona tiedot viimeksi tarkistettiin.",
                           "en": "The day the information was last checked."}, required=True),
    Field("method", Str(enum=("phone", "visit", "email", "provider")),
          {"fi": "Miten: phone (soitto), visit (käynti), email, provider (tarjoaja muutti itse).",
           "en": "How: phone, visit, email, provider (the provider's own change)."},
          required=True),
    Field("by", Str(), {"fi": "Kuka tarkisti (nimi tai GitHub-tunnus).",
                        "en": "Who checked (name or GitHub handle)."}, required=True),
], {"fi": "Milloin, miten ja kuka tiedot tarkisti.",
    "en": "When, how and by whom the information was checked."})

WARN_AFTER_MONTHS = 6
ERROR_AFTER_MONTHS = 12

PROVIDER_TYPES = ("library", "municipality", "suomi-piste", "association", "adult-education",
                  "parish", "company")

PROVIDER = Obj("provider", [
    Field("id", Id(), {"fi": "Tunnus; sama kuin tiedoston nimi ilman .yaml-päätettä.",
                       "en": "Id; the same as the file name without .yaml."}, required=True),
    Field("name", TEXT, {"fi": "Palveluntarjoajan nimi.", "en": "Name of the provider."},
          required=True),
    Field("type", Str(enum=PROVIDER_TYPES), {"fi": "Palveluntarjoajan tyyppi.",
                                             "en": "Type of provider."}, required=True),
    Field("description", MARKDOWN, {"fi": "Lyhyt esittely.", "en": "A short introduction."}),
    Field("website", URL, {"fi": "Verkkosivut.", "en": "Website."}),
    Field("contact", CONTACT, {"fi": "Yhteystiedot.", "en": "Contact details."}),
    Field("maintainers", List(HANDLE, 1, MAX_MAINTAINERS),
          {"fi": "GitHub-tunnukset, jotka ylläpitävät tätä tietuetta (katselmointi ohjataan heille).",
           "en": "GitHub handles who maintain this record (reviews are routed to them)."},
          required=True),
    Field("verified", VERIFIED, {"fi": "Tarkistustiedot.", "en": "Provenance."}, required=True),
    Field("alerts", List(ALERT, max_items=MAX_ALERTS),
          {"fi": "Väliaikaiset tiedotteet.", "en": "Temporary notices."}),
    Field("service_points", List(SERVICE_POINT, 1, MAX_SERVICE_POINTS),
          {"fi": "Käyntipaikat ja etäpalvelukanavat.", "en": "Places and remote channels."},
          required=True),
    Field("services", List(SERVICE, 1, MAX_SERVICES), {"fi": "Palvelut.", "en": "Services."},
          required=True),
], {"fi": "Yksi palveluntarjoaja: tiedosto providers/<id>.yaml.",
    "en": "One provider: the file providers/<id>.yaml."})

REGION = Obj("region", [
    Field("name", TEXT, {"fi": "Alueen nimi.", "en": "Name of the region."}, required=True),
    Field("municipalities", List(MUNICIPALITY, 1), {"fi": "Alueen kunnat.",
                                                    "en": "The region's municipalities."},
          required=True),
    Field("languages", List(Str(enum=("fi", "sv", "en")), 1),
          {"fi": "Sivuston kielet; ensimmäinen on oletus.",
           "en": "Site languages; the first is the default."}, required=True),
    Field("message_language", Str(enum=LANGUAGES),
          {"fi": "Tarkistusviestien oletuskieli.", "en": "Default language of validator messages."}),
    Field("base_url", URL, {"fi": "Sivuston julkinen osoite.", "en": "Public address of the site."},
          required=True),
    Field("repository_url", URL, {"fi": "Tietovaraston osoite GitHubissa.",
                                  "en": "Address of the repository on GitHub."}, required=True),
    Field("maintainers", List(HANDLE, 1),
          {"fi": "Koordinaattorien GitHub-tunnukset. He katselmoivat muutokset yhteisiin "
                 "tiedostoihin (alueen asetukset, sanastot, ohjelma) ja kaiken, millä ei ole "
                 "omaa ylläpitäjää (.github/CODEOWNERS).",
           "en": "GitHub handles of the coordinators. They review changes to the shared files "
                 "(region settings, vocabularies, the program) and anything without a "
                 "maintainer of its own (.github/CODEOWNERS)."}),
    Field("coordinator", Obj("coordinator", [
        Field("name", TEXT, {"fi": "Koordinaattori tai organisaatio.",
                             "en": "Coordinator or organisation."}, required=True),
        Field("email", EMAIL, {"fi": "Sähköposti.", "en": "E-mail."}, required=True),
        Field("phone", PHONE, {"fi": "Puhelin.", "en": "Phone."}),
    ], {"fi": "Verkoston koordinaattori.", "en": "The network's coordinator."}),
          {"fi": "Verkoston koordinaattori.", "en": "The network's coordinator."}, required=True),
    Field("demo", Bool(), {"fi": "true, jos aineisto on esimerkki (sivuille tulee ilmoitus).",
                           "en": "true if the data is an example (pages show a banner)."}),
    Field("verification", Obj("verification", [
        Field("warn_after_months", Number(1, 60, str(WARN_AFTER_MONTHS), integer=True),
              {"fi": "Varoitus, kun tarkistuksesta on kulunut näin monta kuukautta "
                     f"(oletus {WARN_AFTER_MONTHS}).",
               "en": "Warn when this many months have passed since verification "
                     f"(default {WARN_AFTER_MONTHS})."}),
        Field("error_after_months", Number(1, 60, str(ERROR_AFTER_MONTHS), integer=True),
              {"fi": "Virhe, kun tarkistuksesta on kulunut näin monta kuukautta "
                     f"(oletus {ERROR_AFTER_MONTHS}).",
               "en": "Error when this many months have passed since verification "
                     f"(default {ERROR_AFTER_MONTHS})."}),
    ], {"fi": "Tarkistusten aikarajat.", "en": "Verification time limits."}),
          {"fi": "Tarkistusten aikarajat.", "en": "Verification time limits."}),
], {"fi": "Alueen asetukset: providers/_region.yaml.",
    "en": "Region settings: providers/_region.yaml."})


def _vocabulary(name: str, id_type: Str, extra: list[Field], doc: dict[str, str]) -> Obj:
    term = Obj(f"{name}_term", [
        Field("id", id_type, {"fi": "Tunnus, jolla tietueet viittaavat.",
                              "en": "The id records refer to."}, required=True),
        Field("name", TEXT, {"fi": "Nimi sivuilla.", "en": "Name shown on pages."}, required=True),
        Field("description", NOTE, {"fi": "Selitys.", "en": "Explanation."}),
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
    "topics": _vocabulary("topics", Id(), [], {"fi": "Aiheet, joissa autetaan.",
                                               "en": "Topics of help."}),
    "forms": _vocabulary("forms", Id(), [
        Field("mode", Str(enum=("in-person", "remote", "learning")),
              {"fi": "in-person = lähituki, remote = etätuki, learning = koulutus.",
               "en": "in-person, remote or learning."}, required=True),
    ], {"fi": "Tukimuodot.", "en": "Forms of support."}),
    "target_groups": _vocabulary("target_groups", Id(), [], {"fi": "Kohderyhmät.",
                                                             "en": "Target groups."}),
    "languages": _vocabulary("languages", Str(
        pattern=r"[a-z]{2,3}", pattern_doc=translations("pattern.language")), [],
                             {"fi": "Palvelukielet (ISO 639-1 tai 639-3).",
                              "en": "Languages of service (ISO 639-1 or 639-3)."}),
    "accessibility": _vocabulary("accessibility", Id(), [], {"fi": "Esteettömyystiedot.",
                                                             "en": "Accessibility features."}),
    "municipalities": _vocabulary("municipalities", Str(
        pattern=r"\d{3}", pattern_doc=translations("pattern.municipality")), [],
                                  {"fi": "Kunnat ja niiden viralliset kuntanumerot.",
                                   "en": "Municipalities and their official codes."}),
}

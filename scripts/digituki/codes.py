"""Every problem code the validator can report, with its messages in Finnish and English.

Codes are stable: contributors search for them and the error reference page is generated
from this table (``digituki docs``). A message names what is wrong and what is allowed;
where a near valid value is known, the ``near`` parameter adds "Did you mean …?".
"""
from dataclasses import dataclass
from enum import Enum

from .problems import Param, Problem
from .load.marks import Mark

LANGUAGES = ("fi", "en")


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: dict[str, str]
    message: dict[str, str]
    explain: dict[str, str]


DID_YOU_MEAN = {"fi": " Tarkoititko '{near}'?", "en": " Did you mean '{near}'?"}

_E, _W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = {c.code: c for c in [
    # --- the file and its YAML -------------------------------------------------------
    Code("file-missing", _E,
         {"fi": "Tiedosto puuttuu", "en": "File missing"},
         {"fi": "Tiedostoa ei ole. Jokainen aineisto tarvitsee alueen asetukset "
                "(_region.yaml) ja sanastot (_vocabulary/).",
          "en": "The file does not exist. Every data folder needs region settings "
                "(_region.yaml) and the vocabularies (_vocabulary/)."},
         {"fi": "Tietueet viittaavat sanastoihin, joten niitä ei voi tarkistaa ilman niitä.",
          "en": "Records refer to the vocabularies, so they cannot be checked without them."}),
    Code("file-too-large", _E,
         {"fi": "Tiedosto on liian suuri", "en": "File too large"},
         {"fi": "Tiedosto on {size} tavua; yhden tiedoston enimmäiskoko on {limit} tavua.",
          "en": "The file is {size} bytes; a file may be at most {limit} bytes."},
         {"fi": "Yksi palveluntarjoaja mahtuu aina tähän kokoon. Tarkista, ettei tiedostoon ole "
                "liitetty muuta sisältöä.",
          "en": "One provider always fits in this size. Check that nothing else was pasted "
                "into the file."}),
    Code("file-encoding", _E,
         {"fi": "Merkistö ei ole UTF-8", "en": "Not UTF-8"},
         {"fi": "Tiedosto ei ole UTF-8-merkistössä (tavu {byte} ei kelpaa). Tallenna se "
                "UTF-8-muodossa.",
          "en": "The file is not UTF-8 (byte {byte} is not valid). Save it as UTF-8."},
         {"fi": "Ääkköset tallentuvat oikein vain UTF-8-merkistössä. GitHubin selaineditori "
                "käyttää sitä aina; muissa editoreissa valitse tallennettaessa UTF-8.",
          "en": "Letters such as ä and ö are kept correctly only in UTF-8. GitHub's web editor "
                "always uses it; in other editors choose UTF-8 when saving."}),
    Code("file-control-character", _E,
         {"fi": "Ohjausmerkki tekstissä", "en": "Control character in the text"},
         {"fi": "Tiedostossa on näkymätön ohjausmerkki {char}. Poista se (se tulee usein "
                "tekstinkäsittelyohjelmasta kopioidessa).",
          "en": "The file contains an invisible control character {char}. Remove it (it often "
                "comes along when copying from a word processor)."},
         {"fi": "Näkymättömät merkit sotkisivat sivut ja rivinumerot.",
          "en": "Invisible characters would garble pages and line numbers."}),
    Code("file-ignored", _E,
         {"fi": "Tiedostoa ei lueta", "en": "File is not read"},
         {"fi": "Tätä tiedostoa ei lueta: tietue on tiedosto providers/<tunnus>.yaml (pienillä "
                "kirjaimilla, pääte .yaml).",
          "en": "This file is not read: a record is a file providers/<id>.yaml (lowercase, "
                "ending .yaml)."},
         {"fi": "Muuten väärin nimetty tietue jäisi hiljaa pois sivuilta.",
          "en": "Otherwise a misnamed record would silently be left off the site."}),
    Code("file-name", _E,
         {"fi": "Tiedostonimi ei kelpaa", "en": "Invalid file name"},
         {"fi": "Tiedoston nimen pitää olla tunnus: pieniä kirjaimia a–z, numeroita ja "
                "väliviivoja, esim. auran-kirjasto.yaml.",
          "en": "The file name must be an id: lowercase letters a–z, digits and hyphens, e.g. "
                "auran-kirjasto.yaml."},
         {"fi": "Tiedoston nimi on tietueen tunnus sivujen osoitteissa.",
          "en": "The file name is the record's id in page addresses."}),
    Code("file-empty", _E,
         {"fi": "Tyhjä tiedosto", "en": "Empty file"},
         {"fi": "Tiedosto on tyhjä.", "en": "The file is empty."},
         {"fi": "Aloita uusi tiedosto komennolla `digituki new <tunnus>` tai kopioi "
                "`providers/_template.yaml`.",
          "en": "Start a new file with `digituki new <id>` or copy `providers/_template.yaml`."}),
    Code("yaml-syntax", _E,
         {"fi": "YAML-rakennevirhe", "en": "YAML syntax error"},
         {"fi": "Tiedostoa ei voi lukea tästä kohdasta: {problem}.",
          "en": "The file cannot be read from here: {problem}."},
         {"fi": "Tarkista sisennys (välilyönnit, ei sarkaimia), että kaksoispisteen jälkeen on "
                "välilyönti ja että lainausmerkit ja sulkeet on suljettu. Rakennevirhe pysäyttää "
                "tiedoston lukemisen, joten sen muut virheet näkyvät vasta, kun tämä on korjattu.",
          "en": "Check the indentation (spaces, no tabs), that a space follows each colon, and "
                "that quotes and brackets are closed. A syntax error stops reading the file, so "
                "its other problems show only after this one is fixed."}),
    Code("yaml-duplicate-key", _E,
         {"fi": "Kenttä kahdesti", "en": "Duplicate field"},
         {"fi": "Kenttä '{key}' on jo annettu rivillä {first_line}. Jätä vain toinen.",
          "en": "Field '{key}' was already given on line {first_line}. Keep only one."},
         {"fi": "Tavallinen YAML-lukija pitäisi hiljaa vain jälkimmäisen arvon. Digituki ei "
                "arvaa, kumpi on oikea.",
          "en": "A plain YAML reader would silently keep the last value. Digituki does not "
                "guess which one is right."}),
    Code("yaml-alias", _E,
         {"fi": "Ankkuri tai viittaus", "en": "Anchor or alias"},
         {"fi": "Ankkureita (&{name}) ja viittauksia (*{name}) ei käytetä: kirjoita arvo auki "
                "jokaiseen kohtaan.",
          "en": "Anchors (&{name}) and aliases (*{name}) are not used: write the value out in "
                "each place."},
         {"fi": "Auki kirjoitettu tieto on helpompi lukea ja tarkistaa selaineditorissa.",
          "en": "Values written out are easier to read and review in the web editor."}),
    Code("yaml-merge-key", _E,
         {"fi": "Yhdistämisavain", "en": "Merge key"},
         {"fi": "Yhdistämisavainta '<<' ei käytetä: kirjoita kentät auki.",
          "en": "The merge key '<<' is not used: write the fields out."},
         {"fi": "Katso yaml-alias.", "en": "See yaml-alias."}),
    Code("yaml-tag", _E,
         {"fi": "YAML-tunniste", "en": "YAML tag"},
         {"fi": "Tunnistetta '{tag}' ei käytetä: kirjoita pelkkä arvo.",
          "en": "The tag '{tag}' is not used: write the plain value."},
         {"fi": "Kenttien tyypit tulevat skeemasta, eivät tiedostosta.",
          "en": "Field types come from the schema, not from the file."}),
    Code("yaml-multiple-documents", _E,
         {"fi": "Useita dokumentteja", "en": "Several documents"},
         {"fi": "Tiedostossa saa olla vain yksi tietue: poista rivi '---' ja sen jälkeinen "
                "osa tai siirrä se omaan tiedostoonsa.",
          "en": "A file holds one record only: remove the '---' line and what follows, or move "
                "it into a file of its own."},
         {"fi": "Yksi palveluntarjoaja on yksi tiedosto.", "en": "One provider is one file."}),
    Code("yaml-key", _E,
         {"fi": "Kentän nimi ei ole tekstiä", "en": "Field name is not text"},
         {"fi": "Kentän nimen pitää olla tavallinen sana, esim. 'name'.",
          "en": "A field name must be a plain word, e.g. 'name'."},
         {"fi": "YAML sallii luettelon tai osion kentän nimenä; tietueissa sitä ei käytetä.",
          "en": "YAML allows a list or mapping as a key; records never use one."}),
    # --- shape: what the schema says --------------------------------------------------
    Code("field-unknown", _E,
         {"fi": "Tuntematon kenttä", "en": "Unknown field"},
         {"fi": "Tuntematon kenttä '{key}'. Tässä kohdassa sallitut: {allowed}.",
          "en": "Unknown field '{key}'. Allowed here: {allowed}."},
         {"fi": "Kirjoitusvirhe kentän nimessä hävittäisi tiedon hiljaa, siksi se on virhe.",
          "en": "A typo in a field name would lose the value silently, so it is an error."}),
    Code("text-comma", _E,
         {"fi": "Pilkku aaltosulkeissa", "en": "Comma inside braces"},
         {"fi": "Teksti katkesi pilkkuun ('{key}'): aaltosulkeiden {{ }} sisällä pilkku erottaa "
                "kentät. Kirjoita teksti omalle rivilleen, esim. fi: Oma laite, laturi.",
          "en": "The text was cut at a comma ('{key}'): inside braces {{ }} a comma separates "
                "fields. Write the text on its own line, e.g. en: Your phone, charger."},
         {"fi": "Muodossa {fi: a, b} YAML lukee b:n uudeksi kentäksi.",
          "en": "In the form {fi: a, b} YAML reads b as a new field."}),
    Code("field-required", _E,
         {"fi": "Pakollinen kenttä puuttuu", "en": "Required field missing"},
         {"fi": "Pakollinen kenttä '{key}' puuttuu.",
          "en": "Required field '{key}' is missing."},
         {"fi": "Kenttäviite kertoo, mitkä kentät ovat pakollisia.",
          "en": "The field reference lists which fields are required."}),
    Code("field-required-for-type", _E,
         {"fi": "Tyypin vaatima kenttä puuttuu", "en": "Field required by the type"},
         {"fi": "Palvelupisteelle, jonka tyyppi on '{type}', pitää antaa '{key}'.",
          "en": "A service point of type '{type}' needs '{key}'."},
         {"fi": "Käyntipaikalla (place) on osoite ja kunta; puhelinpalvelulla numero; chat- "
                "ja videopalvelulla osoite (url); etäpalveluilla kunnat, joita ne palvelevat "
                "(serves).",
          "en": "A place has an address and a municipality; a phone line a number; chat and "
                "video a link (url); remote channels the municipalities they serve (serves)."}),
    Code("field-type", _E,
         {"fi": "Väärä rakenne", "en": "Wrong structure"},
         {"fi": "Tähän kuuluu {expected}, mutta tässä on {found}.",
          "en": "This needs {expected}, but here is {found}."},
         {"fi": "Osiossa kentät ovat sisennettyinä omilla riveillään; luettelon kohdat alkavat "
                "merkillä '- '.",
          "en": "In a section the fields are indented on their own lines; list items start "
                "with '- '."}),
    Code("value-empty", _E,
         {"fi": "Tyhjä arvo", "en": "Empty value"},
         {"fi": "Arvo on tyhjä. Kirjoita arvo tai poista koko kenttä.",
          "en": "The value is empty. Write a value or remove the whole field."},
         {"fi": "Tyhjä kenttä näyttäisi sivulla puuttuvalta tiedolta.",
          "en": "An empty field would show as missing information on the page."}),
    Code("value-boolean", _E,
         {"fi": "Ei kyllä/ei-arvo", "en": "Not true or false"},
         {"fi": "Kirjoita true (kyllä) tai false (ei), ei '{value}'.",
          "en": "Write true or false, not '{value}'."},
         {"fi": "Sanat kuten yes, no, on ja off tulkitaan eri ohjelmissa eri tavoin.",
          "en": "Words such as yes, no, on and off are read differently by different programs."}),
    Code("value-quoted", _E,
         {"fi": "Turhat lainausmerkit", "en": "Needless quotes"},
         {"fi": "Kirjoita {value} ilman lainausmerkkejä.",
          "en": "Write {value} without quotes."},
         {"fi": "Lainausmerkeissä true, false ja luvut olisivat tekstiä.",
          "en": "In quotes, true, false and numbers would be text."}),
    Code("value-number", _E,
         {"fi": "Ei luku", "en": "Not a number"},
         {"fi": "'{value}' ei ole luku. Käytä desimaalierottimena pistettä, esim. {example}.",
          "en": "'{value}' is not a number. Use a point as the decimal separator, e.g. "
                "{example}."},
         {"fi": "Koordinaatit kirjoitetaan desimaaliasteina.",
          "en": "Coordinates are written in decimal degrees."}),
    Code("value-range", _E,
         {"fi": "Arvo alueen ulkopuolella", "en": "Value out of range"},
         {"fi": "{value} ei ole sallitulla välillä {minimum}–{maximum}.",
          "en": "{value} is not between {minimum} and {maximum}."},
         {"fi": "Kenttäviite kertoo sallitun välin.", "en": "The field reference gives the range."}),
    Code("value-enum", _E,
         {"fi": "Arvo ei ole sallittu", "en": "Value not allowed"},
         {"fi": "'{value}' ei ole sallittu tässä. Sallitut arvot: {allowed}.",
          "en": "'{value}' is not allowed here. Allowed values: {allowed}."},
         {"fi": "Arvot kirjoitetaan täsmälleen kuten luettelossa.",
          "en": "Values are written exactly as listed."}),
    Code("value-format", _E,
         {"fi": "Väärä muoto", "en": "Wrong format"},
         {"fi": "'{value}' ei ole oikeaa muotoa: {expected}.",
          "en": "'{value}' is not in the right form: {expected}."},
         {"fi": "Kenttäviite kertoo kunkin kentän muodon.",
          "en": "The field reference gives each field's form."}),
    Code("list-empty", _E,
         {"fi": "Tyhjä luettelo", "en": "Empty list"},
         {"fi": "Luettelossa pitää olla vähintään {minimum} kohta.",
          "en": "The list needs at least {minimum} item."},
         {"fi": "Esimerkiksi palvelulla on aina vähintään yksi aihe ja yksi tukimuoto.",
          "en": "For example, a service always has at least one topic and one form of support."}),
    Code("id-format", _E,
         {"fi": "Tunnus ei kelpaa", "en": "Invalid id"},
         {"fi": "Tunnus '{value}' ei kelpaa: käytä pieniä kirjaimia a–z, numeroita ja "
                "väliviivoja (enintään 64 merkkiä).",
          "en": "The id '{value}' is not valid: use lowercase letters a–z, digits and hyphens "
                "(at most 64 characters)."},
         {"fi": "Tunnus näkyy sivujen osoitteissa, joten se ei saa sisältää ääkkösiä eikä "
                "välilyöntejä.",
          "en": "Ids appear in page addresses, so they have no accented letters or spaces."}),
    Code("date-format", _E,
         {"fi": "Päivämäärän muoto", "en": "Date format"},
         {"fi": "'{value}' ei ole päivämäärä muodossa VVVV-KK-PP, esim. 2026-03-01.",
          "en": "'{value}' is not a date in the form YYYY-MM-DD, e.g. 2026-03-01."},
         {"fi": "Suomalainen muoto 1.3.2026 sekoittuu helposti; siksi käytetään ISO-muotoa.",
          "en": "Local forms such as 1.3.2026 are ambiguous; ISO dates are not."}),
    # --- rules beyond shape -----------------------------------------------------------
    Code("ref-unknown", _E,
         {"fi": "Tuntematon viittaus", "en": "Unknown reference"},
         {"fi": "'{value}' ei löydy {vocabulary}.{allowed}",
          "en": "'{value}' is not found {vocabulary}.{allowed}"},
         {"fi": "Sanastot ovat kansiossa providers/_vocabulary/. Uusi termi lisätään sinne "
                "koordinaattorin kanssa.",
          "en": "The vocabularies are in providers/_vocabulary/. A new term is added there "
                "with the coordinator."}),
    Code("id-filename", _E,
         {"fi": "Tunnus ja tiedostonimi eroavat", "en": "Id differs from file name"},
         {"fi": "Tunnuksen pitää olla sama kuin tiedoston nimi: '{expected}'.",
          "en": "The id must match the file name: '{expected}'."},
         {"fi": "Näin tietueen löytää aina tunnuksen perusteella.",
          "en": "That way a record is always found by its id."}),
    Code("id-duplicate", _E,
         {"fi": "Sama tunnus kahdesti", "en": "Duplicate id"},
         {"fi": "Tunnus '{value}' on jo käytössä (rivi {first_line}).",
          "en": "The id '{value}' is already used (line {first_line})."},
         {"fi": "Palvelupisteiden ja palvelujen tunnukset ovat yksilöllisiä tietueen sisällä.",
          "en": "Service point and service ids are unique within a record."}),
    Code("hours-syntax", _E,
         {"fi": "Aukioloaikaa ei voi lukea", "en": "Hours cannot be read"},
         {"fi": "Aukioloaikaa ei voi lukea merkin {position} kohdalta ('{rest}'). Muoto on "
                "OpenStreetMapin opening_hours, esim. 'Mo-Fr 10:00-12:00; PH off'.",
          "en": "The hours cannot be read from character {position} ('{rest}'). The form is "
                "OpenStreetMap opening_hours, e.g. 'Mo-Fr 10:00-12:00; PH off'."},
         {"fi": "Viikonpäivät Mo Tu We Th Fr Sa Su, kellonajat aina tunteina ja minuutteina "
                "(10:00-12:00), säännöt erotetaan puolipisteellä. PH tarkoittaa arkipyhiä. "
                "Kuukauden ensimmäinen maanantai: Mo[1].",
          "en": "Weekdays Mo Tu We Th Fr Sa Su, times always with hours and minutes "
                "(10:00-12:00), rules separated by semicolons. PH means public holidays. "
                "First Monday of the month: Mo[1]."}),
    Code("hours-holidays", _W,
         {"fi": "Arkipyhät puuttuvat", "en": "Public holidays not stated"},
         {"fi": "Ajat eivät kerro arkipyhistä: lisää '; PH off', jos on suljettu arkipyhinä.",
          "en": "The hours do not say what happens on public holidays: add '; PH off' if "
                "closed on them."},
         {"fi": "Ilman PH-sääntöä sivusto näyttäisi palvelun avoinna esimerkiksi "
                "itsenäisyyspäivänä.",
          "en": "Without a PH rule the site would show the service open on, say, Independence "
                "Day."}),
    Code("phone-invalid", _E,
         {"fi": "Puhelinnumero ei kelpaa", "en": "Invalid phone number"},
         {"fi": "'{value}' ei ole kelvollinen puhelinnumero. Kirjoita numero suuntanumeroineen, "
                "esim. '02 123 4567' tai '+358 40 123 4567'.",
          "en": "'{value}' is not a valid phone number. Write it with its area code, e.g. "
                "'02 123 4567' or '+358 40 123 4567'."},
         {"fi": "Kirjoita numero niin kuin se tavallisesti kirjoitetaan, suuntanumeroineen; "
                "+358 ei ole pakollinen. Sivusto muuttaa numeron kansainväliseen muotoon "
                "(+358…), jotta sen voi soittaa suoraan sivulta.",
          "en": "Write the number as it is usually written, with its area code; +358 is "
                "optional. The site turns it into international form (+358…) so that it can "
                "be called from the page."}),
    Code("email-invalid", _E,
         {"fi": "Sähköpostiosoite ei kelpaa", "en": "Invalid e-mail address"},
         {"fi": "'{value}' ei ole kelvollinen sähköpostiosoite, esim. 'digituki@kunta.fi'.",
          "en": "'{value}' is not a valid e-mail address, e.g. 'digituki@town.fi'."},
         {"fi": "Tarkista @-merkki ja verkkotunnus.", "en": "Check the @ sign and the domain."}),
    Code("url-scheme", _E,
         {"fi": "Linkki ei ole sallittu", "en": "Link not allowed"},
         {"fi": "Linkki '{value}' ei ole sallittu: vain https://- ja http://-osoitteet.",
          "en": "The link '{value}' is not allowed: only https:// and http:// addresses."},
         {"fi": "Muut linkit (esim. javascript:) voisivat ajaa koodia kävijän selaimessa.",
          "en": "Other links (such as javascript:) could run code in a visitor's browser."}),
    Code("url-invalid", _E,
         {"fi": "Verkko-osoite ei kelpaa", "en": "Invalid web address"},
         {"fi": "'{value}' ei ole kokonainen verkko-osoite, esim. 'https://www.kunta.fi/'.",
          "en": "'{value}' is not a complete web address, e.g. 'https://www.town.fi/'."},
         {"fi": "Kopioi osoite selaimen osoiteriviltä.",
          "en": "Copy the address from the browser's address bar."}),
    Code("text-markup", _E,
         {"fi": "HTML-merkintä tekstissä", "en": "HTML in text"},
         {"fi": "Tekstissä on HTML-merkintää ('{snippet}'). HTML ei ole sallittu; kuvauksessa "
                "voi käyttää **lihavointia**, *kursiivia*, luetteloita ja [linkkejä](https://…).",
          "en": "The text contains HTML ('{snippet}'). HTML is not allowed; descriptions may use "
                "**bold**, *italics*, lists and [links](https://…)."},
         {"fi": "Tietueiden teksti ei voi lisätä sivuille koodia tai muotoilua.",
          "en": "Record text can never add code or markup to a page."}),
    Code("coordinates-outside", _E,
         {"fi": "Koordinaatit Suomen ulkopuolella", "en": "Coordinates outside Finland"},
         {"fi": "Koordinaatit ({lat}, {lon}) ovat Suomen ulkopuolella. Onko leveys (lat, "
                "n. 60–70) ja pituus (lon, n. 20–31) vaihtaneet paikkaa?",
          "en": "The coordinates ({lat}, {lon}) are outside Finland. Are latitude (lat, about "
                "60–70) and longitude (lon, about 20–31) swapped?"},
         {"fi": "Koordinaatit saa esim. kartasta: paikan kohdalta oikealla painikkeella. "
                "Tarkistus on karkea (Suomen ympäröivä suorakaide).",
          "en": "Coordinates can be copied from a map: right-click on the place. The check is "
                "rough (the rectangle around Finland)."}),
    Code("verified-future", _E,
         {"fi": "Tarkistuspäivä tulevaisuudessa", "en": "Verified date in the future"},
         {"fi": "Tarkistuspäivä {value} on tulevaisuudessa (tänään on {today}).",
          "en": "The verified date {value} is in the future (today is {today})."},
         {"fi": "Päivämäärä kertoo, milloin tiedot viimeksi tarkistettiin.",
          "en": "The date says when the information was last checked."}),
    Code("verified-stale", _W,
         {"fi": "Tarkistus vanhenemassa", "en": "Verification getting old"},
         {"fi": "Tiedot on tarkistettu viimeksi {value}, yli {months} kuukautta sitten. "
                "Tarkista ne palveluntarjoajalta ja päivitä verified.",
          "en": "The information was last verified on {value}, over {months} months ago. "
                "Check it with the provider and update verified."},
         {"fi": "Rajat asetetaan alueen asetuksissa (verification).",
          "en": "The limits are set in the region settings (verification)."}),
    Code("verified-expired", _E,
         {"fi": "Tarkistus vanhentunut", "en": "Verification expired"},
         {"fi": "Tiedot on tarkistettu viimeksi {value}, yli {months} kuukautta sitten. "
                "Tarkista ne palveluntarjoajalta ja päivitä verified.",
          "en": "The information was last verified on {value}, over {months} months ago. "
                "Check it with the provider and update verified."},
         {"fi": "Vanhentunut tieto voi lähettää ihmisen suljetulle ovelle.",
          "en": "Stale information can send someone to a closed door."}),
    Code("date-past", _W,
         {"fi": "Päivämäärä mennyt", "en": "Date has passed"},
         {"fi": "Päivä {value} on jo mennyt: poista tämä kohta.",
          "en": "The date {value} has passed: remove this item."},
         {"fi": "Menneet poikkeukset ja tiedotteet vain pidentävät tietuetta.",
          "en": "Past exceptions and alerts only make the record longer."}),
    Code("date-range", _E,
         {"fi": "Päivät väärässä järjestyksessä", "en": "Dates in the wrong order"},
         {"fi": "Loppupäivä {until} on ennen alkupäivää {start}.",
          "en": "The end date {until} is before the start date {start}."},
         {"fi": "Tarkista vuosi ja kuukausi.", "en": "Check the year and month."}),
    Code("exception-hours", _E,
         {"fi": "Poikkeuksen ajat", "en": "Exception hours"},
         {"fi": "Poikkeuksessa on joko 'closed: true' tai 'hours', ei molempia eikä "
                "kumpaakaan.",
          "en": "An exception has either 'closed: true' or 'hours', not both and not neither."},
         {"fi": "Esim. jouluaattona suljettu: closed: true. Lyhennetty päivä: "
                "hours: \"10:00-12:00\".",
          "en": "E.g. closed on Christmas Eve: closed: true. A short day: "
                "hours: \"10:00-12:00\"."}),
    Code("verification-limits", _E,
         {"fi": "Tarkistusrajat ristiriidassa", "en": "Verification limits contradict"},
         {"fi": "Varoitusraja ({warn} kk) on myöhemmin kuin virheraja ({fail} kk).",
          "en": "The warning limit ({warn} months) comes after the error limit ({fail} months)."},
         {"fi": "Varoituksen pitää tulla ennen kuin tietue vanhenee.",
          "en": "The warning must come before a record expires."}),
    Code("exception-times", _E,
         {"fi": "Poikkeuksen ajat", "en": "Exception times"},
         {"fi": "Poikkeuksen ajoiksi kirjoitetaan vain kellonajat, esim. \"10:00-12:00\" tai "
                "\"10:00-12:00,13:00-15:00\", ei '{value}'.",
          "en": "An exception's hours are times only, e.g. \"10:00-12:00\" or "
                "\"10:00-12:00,13:00-15:00\", not '{value}'."},
         {"fi": "Poikkeuksen päivä tulee kentästä date; viikonpäiviä tai sääntöjä ei tarvita.",
          "en": "The day comes from the date field; no weekdays or rules are needed."}),
    Code("municipality-outside-region", _W,
         {"fi": "Kunta alueen ulkopuolella", "en": "Municipality outside the region"},
         {"fi": "Kunta '{value}' ei kuulu alueen kuntiin ({allowed}).",
          "en": "Municipality '{value}' is not one of the region's ({allowed})."},
         {"fi": "Alueen kunnat luetellaan tiedostossa providers/_region.yaml.",
          "en": "The region's municipalities are listed in providers/_region.yaml."}),
    Code("point-unused", _W,
         {"fi": "Palvelupiste ilman palvelua", "en": "Service point with no service"},
         {"fi": "Palvelupistettä '{value}' ei mainita minkään palvelun kohdassa 'at'.",
          "en": "No service names the service point '{value}' under 'at'."},
         {"fi": "Palvelupiste näkyy sivuilla vain palvelujensa kautta.",
          "en": "A service point is shown only through its services."}),
    Code("placeholder", _E,
         {"fi": "Täyttämätön kohta", "en": "Placeholder left in"},
         {"fi": "Korvaa 'TODO' oikealla tiedolla.",
          "en": "Replace 'TODO' with the real information."},
         {"fi": "`digituki new` luo tietueen, jossa täytettävät kohdat on merkitty TODO.",
          "en": "`digituki new` creates a record whose blanks are marked TODO."}),
]}


def severity(problem: Problem) -> Severity:
    return CODES[problem.code].severity


def _localise(value: Param, lang: str) -> str:
    return value if isinstance(value, str) else value[lang]


def render_message(problem: Problem, lang: str) -> str:
    """The message in one line: line breaks in quoted values are shown as ⏎."""
    params = {key: _localise(value, lang).replace("\n", "⏎")
              for key, value in problem.params.items()}
    text = CODES[problem.code].message[lang].format(**params)
    if params.get("near"):
        text += DID_YOU_MEAN[lang].format(**params)
    return text


def at_start(file: str, code: str, **params: Param) -> Problem:
    """A problem that belongs to the whole file (reported at line 1, column 1)."""
    return Problem(file, Mark(1, 1), code, "", params)

"""Every problem code the validator can report, with its messages in Finnish and English
(and Swedish for the newer codes: see SWEDISH_PENDING).

Codes are stable: contributors search for them and the error reference page is generated
from this table (``digituki docs``). A message names what is wrong and what is allowed;
where a near valid value is known, the ``near`` parameter adds "Did you mean …?".
"""
from dataclasses import dataclass
from enum import Enum

from .problems import Param, Problem
from .load.marks import Mark

LANGUAGES = ("fi", "en")
# Codes whose texts are not yet in Swedish. Every new code has fi, sv and en; when this set is
# empty, "sv" joins LANGUAGES (messages, --lang and the error reference page in Swedish).
SWEDISH_PENDING = frozenset({
    "file-missing", "file-too-large", "file-encoding", "file-control-character", "file-ignored",
    "file-name", "file-empty", "yaml-syntax", "yaml-duplicate-key", "yaml-alias",
    "yaml-merge-key", "yaml-tag", "yaml-multiple-documents", "yaml-key", "field-unknown",
    "text-comma", "field-required", "field-required-for-type", "field-type", "value-empty",
    "value-boolean", "value-quoted", "value-number", "value-range", "value-enum", "value-format",
    "list-empty", "id-format", "date-format", "ref-unknown", "id-filename", "id-duplicate",
    "hours-syntax", "hours-holidays", "phone-invalid", "email-invalid", "url-scheme",
    "url-invalid", "text-markup", "coordinates-outside", "verified-future", "verified-stale",
    "verified-expired", "date-past", "date-range", "exception-hours", "verification-limits",
    "exception-times", "municipality-outside-region", "point-unused", "placeholder"})


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
    Code("text-line-break", _E,
         {"fi": "Rivinvaihto yksirivisessä kentässä", "sv": "Radbrytning i ett enradsfält",
          "en": "Line break in a one-line field"},
         {"fi": "Tässä kentässä teksti on yhdellä rivillä, mutta siinä on rivinvaihto ({char}). "
                "Kirjoita teksti yhdelle riville ilman merkkejä | tai > ja ilman \\n-merkintää.",
          "sv": "Texten i det här fältet står på en rad, men den har en radbrytning ({char}). "
                "Skriv texten på en rad utan | eller > och utan \\n.",
          "en": "This field is one line of text, but it has a line break ({char}). Write the "
                "text on one line, without | or > and without \\n."},
         {"fi": "Nimet, osoitteet, syyt, tunnukset ja yhteystiedot päätyvät kalentereihin, "
                "taulukoihin ja otsikoihin, joissa rivinvaihto katkaisee tiedon. Vain kuvaus "
                "(description) ja not_covered saavat olla usealla rivillä.",
          "sv": "Namn, adresser, orsaker, id:n och kontaktuppgifter hamnar i kalendrar, tabeller "
                "och rubriker, där en radbrytning bryter uppgiften. Bara description och "
                "not_covered får ha flera rader.",
          "en": "Names, addresses, reasons, ids and contact details go into calendars, tables "
                "and headings, where a line break splits the value. Only description and "
                "not_covered may have several lines."}),
    Code("text-control-character", _E,
         {"fi": "Ohjausmerkki arvossa", "sv": "Styrtecken i värdet",
          "en": "Control character in a value"},
         {"fi": "Arvossa on näkymätön ohjausmerkki tai muu kuin tekstimerkki {char}. Poista "
                "se (myös \\x-, \\u- tai \\e-merkinnällä kirjoitettu).",
          "sv": "Värdet har ett osynligt styrtecken eller ett tecken som inte är text {char}. "
                "Ta bort det (också om det är skrivet som \\x, \\u eller \\e).",
          "en": "The value has an invisible control character or a non-character {char}. "
                "Remove it (also when written as \\x, \\u or \\e)."},
         {"fi": "Ohjausmerkit, rivin- ja kappaleenerottimet (U+2028, U+2029) ja "
                "ei-merkit (esim. U+FFFE) sotkevat sivut, kalenterit ja taulukot, vaikka ne on "
                "kirjoitettu lainausmerkeissä YAML-merkintänä.",
          "sv": "Styrtecken, rad- och styckeavgränsare (U+2028, U+2029) och icke-tecken (t.ex. "
                "U+FFFE) förstör sidor, kalendrar och tabeller, även när de skrivs som "
                "YAML-escape inom citattecken.",
          "en": "Control characters, line and paragraph separators (U+2028, U+2029) and "
                "non-characters (such as U+FFFE) garble pages, calendars and tables, also when "
                "written as a YAML escape in quotes."}),
    Code("text-invisible", _E,
         {"fi": "Näkymätön merkki", "sv": "Osynligt tecken", "en": "Invisible character"},
         {"fi": "Arvossa on näkymätön merkki {char}. Poista se: kirjoita arvo uudelleen "
                "kopioimatta.",
          "sv": "Värdet har ett osynligt tecken {char}. Ta bort det: skriv värdet på nytt "
                "utan att kopiera.",
          "en": "The value has an invisible character {char}. Remove it: type the value again "
                "instead of copying it."},
         {"fi": "Suunnanvaihtomerkit (esim. U+202E) ja leveydettömät merkit (esim. U+200B) "
                "saavat nimen, numeron tai osoitteen näyttämään toiselta kuin mitä tallennetaan, "
                "haetaan ja soitetaan. Nimissä, tunnuksissa ja yhteystiedoissa ne ovat virhe.",
          "sv": "Riktningstecken (t.ex. U+202E) och tecken utan bredd (t.ex. U+200B) får ett "
                "namn, ett nummer eller en adress att se ut som något annat än det som sparas, "
                "söks och ringes. I namn, id:n och kontaktuppgifter är de fel.",
          "en": "Direction marks (such as U+202E) and zero-width characters (such as U+200B) "
                "make a name, number or address look different from what is stored, searched "
                "and dialled. In names, ids and contact details they are an error."}),
    Code("text-invisible-free", _W,
         {"fi": "Näkymätön merkki tekstissä", "sv": "Osynligt tecken i texten",
          "en": "Invisible character in text"},
         {"fi": "Tekstissä on näkymätön merkki {char}. Ilman sitä: '{cleaned}'.",
          "sv": "Texten har ett osynligt tecken {char}. Utan det: '{cleaned}'.",
          "en": "The text has an invisible character {char}. Without it: '{cleaned}'."},
         {"fi": "Vapaassa tekstissä suuntamerkillä voi olla tarkoitus (esim. arabiankielinen "
                "lause suomenkielisessä tekstissä), siksi tämä on varoitus. Useimmiten merkki on "
                "tullut mukaan kopioitaessa.",
          "sv": "I fri text kan ett riktningstecken ha ett syfte (t.ex. en arabisk mening i en "
                "finsk text), därför är detta en varning. Oftast har tecknet följt med vid "
                "kopiering.",
          "en": "In free text a direction mark may be meant (an Arabic sentence inside a Finnish "
                "text, say), so this is a warning. Mostly the character came along when "
                "copying."}),
    Code("text-too-long", _E,
         {"fi": "Teksti liian pitkä", "sv": "Texten är för lång", "en": "Text too long"},
         {"fi": "Tekstissä on {count} merkkiä; tähän kenttään mahtuu enintään {maximum}.",
          "sv": "Texten har {count} tecken; det här fältet rymmer högst {maximum}.",
          "en": "The text has {count} characters; this field holds at most {maximum}."},
         {"fi": "Rajat on valittu väljiksi todellisille tiedoille, ja ne näkyvät kenttäviitteessä. "
                "Pitkä teksti ei mahdu esitteeseen eikä puhelimen näytölle; kirjoita lyhyemmin "
                "tai linkitä omille sivuillenne.",
          "sv": "Gränserna är rymliga för verkliga uppgifter och står i fältreferensen. En lång "
                "text ryms inte i broschyren eller på en telefonskärm; skriv kortare eller länka "
                "till era egna sidor.",
          "en": "The limits are generous for real information and are listed in the field "
                "reference. A long text does not fit a leaflet or a phone screen; write less "
                "or link to your own pages."}),
    Code("list-too-long", _E,
         {"fi": "Luettelo liian pitkä", "sv": "Listan är för lång", "en": "List too long"},
         {"fi": "Luettelossa on {count} kohtaa; enintään {maximum} on sallittu.",
          "sv": "Listan har {count} poster; högst {maximum} är tillåtna.",
          "en": "The list has {count} items; at most {maximum} are allowed."},
         {"fi": "Yksi palveluntarjoaja tarvitsee harvoin yli kymmentä palvelupistettä tai "
                "palvelua; rajat (kenttäviitteessä) pitävät sivut, esitteet ja koonnin "
                "kohtuullisina. Jos tarve on todellinen, jaa tietue tai ota yhteyttä "
                "koordinaattoriin.",
          "sv": "En anordnare behöver sällan fler än tio serviceställen eller tjänster; "
                "gränserna (i fältreferensen) håller sidor, broschyrer och bygget rimliga. Om "
                "behovet är verkligt, dela posten eller kontakta koordinatorn.",
          "en": "A provider rarely needs more than ten service points or services; the limits "
                "(in the field reference) keep pages, leaflets and the build reasonable. If the "
                "need is real, split the record or contact the coordinator."}),
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
    Code("phone-format", _E,
         {"fi": "Puhelinnumerossa muuta kuin numeroita", "sv": "Annat än siffror i numret",
          "en": "Phone number has more than digits"},
         {"fi": "'{value}': kirjoita puhelinnumeroon vain numerot 0–9 ja välilyönnit, "
                "kansainväliseen numeroon alkuun +, esim. '02 123 4567' tai '+358 40 123 4567'.",
          "sv": "'{value}': skriv bara siffrorna 0–9 och mellanslag i telefonnumret, + i början "
                "av ett internationellt nummer, t.ex. '02 123 4567' eller '+358 40 123 4567'.",
          "en": "'{value}': write only the digits 0–9 and spaces in a phone number, with + at "
                "the start of an international one, e.g. '02 123 4567' or '+358 40 123 4567'."},
         {"fi": "Sivu näyttää numeron sellaisenaan, mutta soittolinkki poimii siitä vain "
                "numerot: sanat, sulkeet, väliviivat tai muiden kirjoitusjärjestelmien numerot "
                "voisivat saada sivun näyttämään eri numeroa kuin mihin soitetaan. Sanat kuten "
                "'Soita' kuuluvat kuvaukseen.",
          "sv": "Sidan visar numret som det är skrivet, men samtalslänken tar bara siffrorna: "
                "ord, parenteser, bindestreck eller siffror från andra skriftsystem kunde få "
                "sidan att visa ett annat nummer än det som rings. Ord som 'Ring' hör till "
                "beskrivningen.",
          "en": "The page shows the number as written, but the call link takes only its "
                "digits: words, brackets, hyphens or digits of other scripts could make the "
                "page show a number other than the one dialled. Words such as 'Call' belong in "
                "the description."}),
    Code("phone-premium", _E,
         {"fi": "Maksullinen palvelunumero", "sv": "Betalnummer", "en": "Premium-rate number"},
         {"fi": "'{value}' on maksullinen palvelunumero (esim. 0600 tai 0700). Sellaista ei "
                "voi ilmoittaa hakemistossa; anna tavallinen numero.",
          "sv": "'{value}' är ett betalnummer (t.ex. 0600 eller 0700). Ett sådant kan inte anges "
                "i katalogen; ange ett vanligt nummer.",
          "en": "'{value}' is a premium-rate number (such as 0600 or 0700). The directory does "
                "not list one; give an ordinary number."},
         {"fi": "Hakemiston ihmiset ovat usein iäkkäitä, ja sivut eivät näytä puhelun hintaa. "
                "Maksullinen numero on myös huijareiden tapa. Jos oikea palvelu käyttää "
                "sellaista, ota yhteyttä koordinaattoriin.",
          "sv": "Katalogens användare är ofta äldre, och sidorna visar inte samtalets pris. Ett "
                "betalnummer är också bedragares knep. Om en verklig tjänst använder ett, "
                "kontakta koordinatorn.",
          "en": "The directory's users are often seniors, and the pages do not show the price "
                "of a call. A premium-rate number is also a scammer's trick. If a real service "
                "uses one, contact the coordinator."}),
    Code("email-plain", _E,
         {"fi": "Ei pelkkä sähköpostiosoite", "sv": "Inte en enkel e-postadress",
          "en": "Not a plain e-mail address"},
         {"fi": "'{value}': sähköpostiosoite on muotoa nimi@verkkotunnus, ja nimessä on vain "
                "kirjaimia a–z, numeroita ja merkkejä . _ + - (ei ? & % välilyöntejä, "
                "lainausmerkkejä eikä toista @-merkkiä).",
          "sv": "'{value}': en e-postadress har formen namn@domän, och namnet har bara "
                "bokstäverna a–z, siffror och tecknen . _ + - (inte ? & % mellanslag, "
                "citattecken eller ett andra @).",
          "en": "'{value}': an e-mail address is name@domain, and the name has only the "
                "letters a–z, digits and . _ + - (no ? & % spaces, quotes or a second @)."},
         {"fi": "Osoitteesta tehdään mailto:-linkki; kysymysmerkin jälkeinen osa lisäisi "
                "viestiin piilotettuja vastaanottajia tai tekstiä.",
          "sv": "Adressen blir en mailto:-länk; det som följer ett frågetecken kunde lägga till "
                "dolda mottagare eller text i meddelandet.",
          "en": "The address becomes a mailto: link; whatever follows a question mark could "
                "add hidden recipients or text to the message."}),
    Code("id-reserved", _E,
         {"fi": "Varattu tunnus", "sv": "Reserverat id", "en": "Reserved id"},
         {"fi": "Tunnusta '{value}' ei voi käyttää: sivusto käyttää sitä itse. Valitse "
                "palveluntarjoajan nimestä tehty tunnus, esim. loimaan-kirjasto.",
          "sv": "Id:t '{value}' kan inte användas: webbplatsen använder det själv. Välj ett id "
                "av anordnarens namn, t.ex. loimaan-kirjasto.",
          "en": "The id '{value}' cannot be used: the site uses it itself. Choose an id made "
                "of the provider's name, e.g. loimaan-kirjasto."},
         {"fi": "Tunnus on sivun osoite (/fi/providers/<tunnus>/). Varatut nimet (index, 404, "
                "assets, search, sitemap …) ovat sivuston tai sen julkaisuohjelman omia; "
                "tällainen tietue peittäisi niiden sivun tai jäisi itse tavoittamattomaksi.",
          "sv": "Id:t är sidans adress (/sv/providers/<id>/). Reserverade namn (index, 404, "
                "assets, search, sitemap …) hör till webbplatsen eller dess publiceringsprogram; "
                "en sådan post skulle dölja deras sida eller själv bli onåbar.",
          "en": "The id is the page's address (/en/providers/<id>/). Reserved names (index, "
                "404, assets, search, sitemap …) belong to the site or its engine; such a "
                "record would hide their page or be unreachable itself."}),
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

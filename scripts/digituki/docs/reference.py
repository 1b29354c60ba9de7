"""Reference pages for contributors, generated from the schema and the code catalogue.

``digituki docs`` writes them (and the JSON Schemas, the model classes, and
.github/CODEOWNERS from the records' maintainers) into the repository; a test fails when
a committed file differs from what this module generates, so they never go out of date.
"""
from pathlib import Path
from typing import Any

from ..codes import CODES, LANGUAGES
from ..model.generate import CLASSES_PATH, classes_source
from ..schema.export import schema_files
from ..schema.records import PROVIDER, REGION, VOCABULARIES
from ..schema.types import List, Obj, Str, objects_in
from ..validate.codeowners import CODEOWNERS, codeowners_text

WORDS = {
    "fi": {"fields_title": "Kenttäviite", "errors_title": "Virheviite",
           "field": "Kenttä", "type": "Muoto", "required": "Pakollinen", "about": "Kuvaus",
           "yes": "kyllä", "no": "", "severity": {"error": "virhe", "warning": "varoitus"},
           "generated": "Tämä sivu on luotu ohjelmallisesti (`digituki docs`); älä muokkaa käsin.",
           "fields_intro": "Kaikki kentät, jotka tietueissa voi antaa. Palveluntarjoaja on "
                           "tiedostossa `providers/<tunnus>.yaml`; alueen asetukset ovat "
                           "tiedostossa `providers/_region.yaml` ja sanastot kansiossa "
                           "`providers/_vocabulary/`.",
           "errors_intro": "Jokainen tarkistuksen ilmoitus alkaa rivillä "
                           "`tiedosto:rivi:sarake: taso[koodi] kenttä: viesti`. Virhe estää "
                           "julkaisun; varoitus kertoo, mitä kannattaa korjata.",
           "sections": {"provider": "Palveluntarjoaja", "region": "Alueen asetukset",
                        "vocabularies": "Sanastot"},
           "max_chars": "enintään {n} merkkiä", "max_items": "enintään {n}"},
    "en": {"fields_title": "Field reference", "errors_title": "Error reference",
           "field": "Field", "type": "Form", "required": "Required", "about": "Description",
           "yes": "yes", "no": "", "severity": {"error": "error", "warning": "warning"},
           "generated": "This page is generated (`digituki docs`); do not edit it by hand.",
           "fields_intro": "Every field a record can have. A provider is the file "
                           "`providers/<id>.yaml`; region settings are in "
                           "`providers/_region.yaml` and vocabularies in "
                           "`providers/_vocabulary/`.",
           "errors_intro": "Each report line reads `file:line:column: level[code] field: "
                           "message`. An error stops publishing; a warning says what is "
                           "worth fixing.",
           "sections": {"provider": "Provider", "region": "Region settings",
                        "vocabularies": "Vocabularies"},
           "max_chars": "at most {n} characters", "max_items": "at most {n}"},
}


def _form(type_: Any, lang: str) -> str:
    """The field's kind with its size limit; for a closed list of words, the words."""
    limit = WORDS[lang]["max_items"] if isinstance(type_, List) else WORDS[lang]["max_chars"]
    if isinstance(type_, List):
        most = f" ({limit.format(n=type_.max_items)})" if type_.max_items else ""
        return f"{List.WORD[lang]}{most}: {_form(type_.item, lang)}"
    allowed = getattr(type_, "enum", None)
    if allowed:
        return " \\| ".join(f"`{word}`" for word in allowed)
    if isinstance(type_, Str) and not (type_.pattern or type_.ref):
        return f"{type_.kind[lang]} ({limit.format(n=type_.max_chars)})"
    return type_.kind[lang]


def _object_table(obj: Obj, lang: str) -> list[str]:
    w = WORDS[lang]
    lines = [f"### {obj.name} {{#{obj.name}}}", ""]
    if obj.doc:
        lines += [obj.doc[lang], ""]
    lines += [f"| {w['field']} | {w['type']} | {w['required']} | {w['about']} |",
              "| --- | --- | --- | --- |"]
    for f in obj.fields:
        required = w["yes"] if f.required else w["no"]
        lines.append(f"| `{f.name}` | {_form(f.type, lang)} | {required} | {f.doc[lang]} |")
    return lines + [""]


def field_reference(lang: str) -> str:
    w = WORDS[lang]
    lines = [f"# {w['fields_title']}", "", w["generated"], "", w["fields_intro"], ""]
    documented: list[Obj] = []
    groups = [("provider", [PROVIDER]), ("region", [REGION]),
              ("vocabularies", list(VOCABULARIES.values()))]
    for key, roots in groups:
        lines += [f"## {w['sections'][key]}", ""]
        for root in roots:
            for obj in objects_in(root):
                if all(obj is not seen for seen in documented):
                    documented.append(obj)
                    lines += _object_table(obj, lang)
    return "\n".join(lines).rstrip() + "\n"


def error_reference(lang: str) -> str:
    w = WORDS[lang]
    lines = [f"# {w['errors_title']}", "", w["generated"], "", w["errors_intro"], ""]
    for code in CODES.values():
        lines += [f"## {code.code} {{#{code.code}}}", "",
                  f"**{w['severity'][code.severity.value]}** — {code.title[lang]}", "",
                  code.explain[lang], ""]
    return "\n".join(lines).rstrip() + "\n"


def generated_files(root: Path) -> dict[Path, str]:
    """Every generated file of the repository, by path, with its content."""
    files = {root / "providers" / "_schema" / name: text for name, text in schema_files().items()}
    for lang in LANGUAGES:
        files[root / "content" / lang / "network" / "fields.md"] = field_reference(lang)
        files[root / "content" / lang / "network" / "errors.md"] = error_reference(lang)
    files[root / CODEOWNERS] = codeowners_text(root, root / "providers")
    files[root / CLASSES_PATH] = classes_source()
    return files


def write_generated(root: Path) -> list[Path]:
    """Write what differs; return the paths written."""
    written = []
    for path, text in generated_files(root).items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written

"""Reference pages for contributors, generated from the schema and the code catalogue.

``digituki docs`` writes them (and the JSON Schemas, the model classes, and
.github/CODEOWNERS from the records' maintainers) into the repository; a test fails when
a committed file differs from what this module generates, so they never go out of date.
"""
from pathlib import Path

from ..codes import CODES, Severity
from ..i18n import LANGUAGES, N_, t
from ..model.generate import CLASSES_PATH, classes_source
from ..schema.export import schema_files
from ..schema.records import PROVIDER, REGION, VOCABULARIES
from ..schema.types import List, Obj, Str, Type, objects_in
from ..validate.codeowners import CODEOWNERS, codeowners_text


def _form(type_: Type, lang: str) -> str:
    """The field's kind with its size limit; for a closed list of words, the words."""
    if isinstance(type_, List):
        most = f" ({t('reference.max_items', lang).format(n=type_.max_items)})" \
            if type_.max_items else ""
        return f"{t('kind.list', lang)}{most}: {_form(type_.item, lang)}"
    if isinstance(type_, Str) and type_.enum:
        return " \\| ".join(f"`{word}`" for word in type_.enum)
    if isinstance(type_, Str) and not (type_.pattern or type_.ref):
        return f"{type_.kind[lang]} ({t('reference.max_chars', lang).format(n=type_.max_chars)})"
    return type_.kind[lang]


def _object_table(obj: Obj, lang: str) -> list[str]:
    lines = [f"### {obj.name} {{#{obj.name}}}", ""]
    if obj.doc:
        lines += [obj.doc[lang], ""]
    columns = (t(key, lang) for key in (N_("reference.field"), N_("reference.type"),
                                         N_("reference.required"), N_("reference.about")))
    lines += ["| " + " | ".join(columns) + " |", "| --- | --- | --- | --- |"]
    for f in obj.fields:
        required = t("reference.yes", lang) if f.required else ""
        lines.append(f"| `{f.name}` | {_form(f.type, lang)} | {required} | {f.doc[lang]} |")
    return lines + [""]


def _heading(title: str, intro: str, lang: str) -> list[str]:
    return [f"# {t(title, lang)}", "", t("reference.generated", lang), "", t(intro, lang), ""]


def field_reference(lang: str) -> str:
    lines = _heading(N_("reference.fields_title"), N_("reference.fields_intro"), lang)
    documented: list[Obj] = []
    groups = [(N_("reference.section.provider"), [PROVIDER]),
              (N_("reference.section.region"), [REGION]),
              (N_("reference.section.vocabularies"), list(VOCABULARIES.values()))]
    for section, roots in groups:
        lines += [f"## {t(section, lang)}", ""]
        for root in roots:
            for obj in objects_in(root):
                if all(obj is not seen for seen in documented):
                    documented.append(obj)
                    lines += _object_table(obj, lang)
    return "\n".join(lines).rstrip() + "\n"


def error_reference(lang: str) -> str:
    lines = _heading(N_("reference.errors_title"), N_("reference.errors_intro"), lang)
    severities = {Severity.ERROR: t("reference.severity.error", lang),
                  Severity.WARNING: t("reference.severity.warning", lang)}
    for code in CODES.values():
        lines += [f"## {code.code} {{#{code.code}}}", "",
                  f"**{severities[code.severity]}** — {code.title(lang)}", "",
                  code.explain(lang), ""]
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

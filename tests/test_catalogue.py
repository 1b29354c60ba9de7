"""The translation catalogue: every message the program uses is translated into every
language, none is left over, and each translation keeps its message's placeholders."""
import re
from collections import Counter

import pytest
from babel.messages.pofile import read_po

from digituki.cli import main
from digituki.i18n import LANGUAGES
from digituki.i18n.extract import TEMPLATE, entries, read_catalogue, template, used_messages

from conftest import INVALID, TODAY, VALID

# {name} is a placeholder; {{ }} is a literal brace, {fi: a, b} is YAML quoted in a text.
PLACEHOLDER = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")


@pytest.fixture(scope="module")
def used() -> set[str]:
    return set(used_messages())


def translated(lang: str) -> dict[str, str]:
    """An untranslated or fuzzy entry counts as missing, as it does when the site is built."""
    return {m.id: m.string for m in read_catalogue(lang) if m.id and m.string and not m.fuzzy}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_used_message_is_translated_and_none_is_unused(used, lang):
    messages = set(translated(lang))
    assert sorted(used - messages) == [], f"missing in {lang}: run `digituki i18n`, translate"
    assert sorted(messages - used) == [], f"unused in {lang}: run `digituki i18n`"


def test_the_template_is_current():
    with TEMPLATE.open("rb") as pot:
        committed = entries(read_po(pot))
    assert committed == entries(template()), "run `digituki i18n` and commit the result"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "fi"])
def test_translations_keep_the_placeholders(lang):
    finnish, other = translated("fi"), translated(lang)
    differ = [key for key, text in other.items()
              if Counter(PLACEHOLDER.findall(text)) != Counter(PLACEHOLDER.findall(finnish[key]))]
    assert differ == []


def test_extraction_finds_calls_templates_codes_and_schema_fields(used):
    assert {"site_name", "search_placeholder", "error.did_you_mean", "check.found"} <= used
    assert {"error.yaml-syntax.message", "error.placeholder.explain"} <= used
    assert {"field.postal_code", "field.floor_room", "diff.session_hours"} <= used
    assert {"about.service.not_covered", "about.text", "about.term.id", "kind.point"} <= used
    assert {"booking_required", "mode_remote", "weekday.short.mo"} <= used  # made at run time


def test_validate_speaks_swedish(capsys):
    status = main(["validate", "--data", str(VALID), "--today", TODAY.isoformat(),
                   "--lang", "sv", str(INVALID / "value-format.yaml"),
                   str(INVALID / "yaml-syntax.yaml")])
    out = capsys.readouterr().out
    assert status == 1
    assert "har inte rätt form: fem siffror, t.ex. 32200." in out
    assert "Filen kan inte läsas härifrån: raden har ett tabbtecken; dra in med mellanslag." in out
    assert out.endswith("\n3 fel och 0 varningar; 9 filer har kontrollerats.\n")

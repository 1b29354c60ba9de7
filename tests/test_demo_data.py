"""The shipped demo dataset: valid without warnings, and no contact detail in it can reach a
real person (CONTRIBUTING, "Demo data")."""
import re

from digituki.validate.dataset import validate_dataset
from digituki.values.contact import phone_e164

from conftest import REPO, TODAY

DEMO = REPO / "providers"
# Ofcom reserves 020 7946 0000-0999 for drama: never assigned to anyone. Finland has no such
# range, so any Finnish-looking number could be someone's.
FICTION_PHONE = re.compile(r"\+442079460\d{3}")
EXAMPLE_DOMAIN = re.compile(r"(.+\.)?example\.(org|com|net)")  # RFC 2606
PHONE = re.compile(r"phone:\s*[\"']?([^\"'#\n]*[0-9])")  # quoted or not
EMAIL = re.compile(r"[\w.+-]+@([\w.-]+)")
URL_HOST = re.compile(r"https?://([^/\s\"')>]+)")


def demo_files():
    return sorted(p for p in DEMO.rglob("*.yaml") if p.name != "_template.yaml")


def test_the_demo_data_passes_without_a_warning():
    result = validate_dataset(DEMO, TODAY)
    assert [(p.file, p.code) for p in result.problems] == []
    assert len(result.providers()) >= 20


def test_no_demo_contact_detail_can_reach_anyone():
    phones, hosts = [], []
    for path in demo_files():
        # The repository's own address is where corrections go, not a made-up contact.
        text = re.sub(r"^repository_url: .*$", "", path.read_text(encoding="utf-8"),
                      flags=re.MULTILINE)
        phones += [(path.name, n) for n in PHONE.findall(text)]
        hosts += [(path.name, h) for h in EMAIL.findall(text) + URL_HOST.findall(text)]
    assert len(phones) > 20 and len(hosts) > 20  # the patterns find what is there
    assert [(f, n) for f, n in phones if not FICTION_PHONE.fullmatch(phone_e164(n) or "")] == []
    assert [(f, h) for f, h in hosts if not EXAMPLE_DOMAIN.fullmatch(h)] == []

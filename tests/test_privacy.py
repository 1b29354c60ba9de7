"""The privacy check: what a built page, stylesheet, SVG or script would load from another site.
(The demo site itself loading nothing from elsewhere is tested in test_site.py.)"""
import os
import shutil
from pathlib import Path

import pytest

from digituki import outputcache
from digituki.outputcache import KnownFiles, OutputCache
from digituki.site.build import ThirdPartyRequest, build_site
from digituki.site.privacy import (READ_IN_PARTS, html_urls, readings, restored_parts,
                                   stored_parts, third_party_requests)

from conftest import REPO


def _site(tmp_path: Path, **files: str) -> Path:
    """A built site holding ``files``; ``fi__index_html`` names fi/index.html."""
    for name, text in files.items():
        path = tmp_path / name.replace("__", "/").replace("_", ".")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_an_attribute_value_holding_a_bracket_hides_nothing(tmp_path):
    site = _site(tmp_path, page_html='<p><img alt="a>b" src="https://evil.example/x.png"></p>')
    assert third_party_requests(site) == [("page.html", "https://evil.example/x.png")]


def test_what_is_commented_out_loads_nothing(tmp_path):
    site = _site(tmp_path, page_html='<!-- <script src="https://evil.example/a.js"></script> -->'
                                     "<style>/* @import 'https://evil.example/b.css'; */</style>"
                                     '<script>// new Image().src = "https://evil.example/c"\n'
                                     '/* fetch("https://evil.example/d") */</script>')
    assert third_party_requests(site) == []


def test_a_comment_ends_where_a_browser_ends_it(tmp_path):
    """``<!-->`` and ``<!--->`` are whole (empty) comments and ``--!>`` closes one, as the HTML
    standard has browsers read them: what follows loads. Python 3.11's parser read on to the
    next ``-->`` and missed it. ``-- >`` closes none (it did for Python's parser)."""
    site = _site(tmp_path, page_html='<!--><img src="https://evil.example/a.png">-->'
                                     '<!---><img src="https://evil.example/b.png">-->'
                                     '<!-- x --!><img src="https://evil.example/c.png"> -->'
                                     '<!-- -- ><img src="https://evil.example/d.png"> -->')
    assert third_party_requests(site) == [("page.html", f"https://evil.example/{name}.png")
                                          for name in "abc"]


def test_a_marked_section_ends_where_a_browser_ends_it(tmp_path):
    """``<![CDATA[`` in HTML is a bogus comment ending at the next ``>``: what follows
    loads (Python 3.11's parser read on to ``]]>``, and stopped at an unknown keyword)."""
    site = _site(tmp_path, page_html='<p><![CDATA[ x ><img src="https://evil.example/a.png"> ]]>'
                                     '<![foo[ ><img src="https://evil.example/b.png"> ]]>'
                                     '<![ ><img src="https://evil.example/c.png"></p>')
    assert third_party_requests(site) == [("page.html", f"https://evil.example/{name}.png")
                                          for name in "abc"]


def test_links_are_navigation_and_link_relations_that_load_are_not(tmp_path):
    site = _site(tmp_path, page_html='<a href="https://example.org/">a link</a>'
                                     '<link rel="canonical" href="https://example.org/a/">'
                                     '<link rel="alternate" hreflang="sv" href="https://example.org/sv/">'
                                     '<link rel="preload" as="font" href="https://cdn.example/f.woff2">'
                                     '<link rel="icon" href="//cdn.example/favicon.ico">'
                                     '<link rel="alternate stylesheet" href="https://cdn.example/s.css">'
                                     '<form action="https://example.org/send"><button>Send</button></form>')
    assert third_party_requests(site) == [("page.html", "https://cdn.example/f.woff2"),
                                          ("page.html", "//cdn.example/favicon.ico"),
                                          ("page.html", "https://cdn.example/s.css")]


def test_every_candidate_of_a_srcset_counts(tmp_path):
    site = _site(tmp_path, page_html='<picture><source srcset="small.png 1x, https://cdn.example/a,b.png 2x">'
                                     '<img src="own.png" srcset="https://cdn.example/w.png 640w,'
                                     'https://cdn.example/c.png, own-2.png 2x"></picture>')
    assert third_party_requests(site) == [("page.html", "https://cdn.example/a,b.png"),
                                          ("page.html", "https://cdn.example/w.png"),
                                          ("page.html", "https://cdn.example/c.png")]


def test_styles_in_attributes_and_style_elements_are_read_as_css(tmp_path):
    site = _site(tmp_path, page_html='<style>@import "https://fonts.example/a.css";'
                                     "@import url(//fonts.example/b.css) screen;"
                                     "@namespace svg url(http://www.w3.org/2000/svg);"
                                     "body { background: url('https://cdn.example/bg.png') }</style>"
                                     "<div style=\"background-image: url(&quot;https://cdn.example/d.png&quot;)\">"
                                     '<p style="color: red; background: url(local.png)">fine</p></div>'
                                     '<svg><rect fill="url(https://cdn.example/g.svg#g)"/>'
                                     '<rect fill="url(#local)"/></svg>')
    assert third_party_requests(site) == [("page.html", "https://fonts.example/a.css"),
                                          ("page.html", "//fonts.example/b.css"),
                                          ("page.html", "https://cdn.example/bg.png"),
                                          ("page.html", "https://cdn.example/d.png"),
                                          ("page.html", "https://cdn.example/g.svg#g")]


def test_a_stylesheet_file_with_imports_and_font_faces(tmp_path):
    site = _site(tmp_path, assets__site_css="/* url(https://cdn.example/comment.png) */"
                                            "@import 'https://fonts.example/f.css';"
                                            "@font-face { font-family: X; src: url(fonts/x.woff2),"
                                            " url('https://fonts.example/x.woff') format('woff') }"
                                            "@media print { a { background: url(//cdn.example/p.png) } }"
                                            ".i { background: image-set('https://cdn.example/i.png' 1x) }")
    assert third_party_requests(site) == [("assets/site.css", "https://fonts.example/f.css"),
                                          ("assets/site.css", "https://fonts.example/x.woff"),
                                          ("assets/site.css", "//cdn.example/p.png"),
                                          ("assets/site.css", "https://cdn.example/i.png")]


def test_an_svg_file_with_external_references(tmp_path):
    site = _site(tmp_path, logo_svg='<?xml version="1.0"?>'
                                    '<?xml-stylesheet href="https://cdn.example/s.css"?>'
                                    '<svg xmlns="http://www.w3.org/2000/svg" '
                                    'xmlns:xlink="http://www.w3.org/1999/xlink">'
                                    '<image href="https://cdn.example/photo.jpg"/>'
                                    '<use xlink:href="//cdn.example/sprite.svg#icon"/>'
                                    '<use href="#local"/>'
                                    '<a href="https://example.org/">a link</a></svg>')
    assert third_party_requests(site) == [("logo.svg", "https://cdn.example/s.css"),
                                          ("logo.svg", "https://cdn.example/photo.jpg"),
                                          ("logo.svg", "//cdn.example/sprite.svg#icon")]


def test_protocol_relative_and_oddly_written_addresses_are_third_party(tmp_path):
    site = _site(tmp_path, page_html='<img src="//tracker.example/p.gif">'
                                     '<img src="\\\\tracker.example\\q.gif">'
                                     '<img src=" HTTPS://tracker.example/r.gif">'
                                     '<img src="data:image/gif;base64,R0lGOD">'
                                     '<img src="/own/s.gif"><img src="../t.gif">')
    assert third_party_requests(site) == [("page.html", "//tracker.example/p.gif"),
                                          ("page.html", "\\\\tracker.example\\q.gif"),
                                          ("page.html", " HTTPS://tracker.example/r.gif")]


def test_the_sites_own_address_is_not_another_site(tmp_path):
    site = _site(tmp_path, page_html='<img src="https://digituki.example.org/fi/a.png">'
                                     '<img src="//digituki.example.org/b.png">'
                                     '<img src="https://digituki.example.org.evil.example/c.png">')
    assert third_party_requests(site, "https://digituki.example.org/") == [
        ("page.html", "https://digituki.example.org.evil.example/c.png")]


def test_pages_that_load_without_a_click(tmp_path):
    site = _site(tmp_path, page_html='<base href="https://cdn.example/">'
                                     '<meta http-equiv="refresh" content="0; url=https://example.org/">'
                                     '<video poster="https://cdn.example/v.jpg"></video>'
                                     '<object data="https://cdn.example/o.pdf"></object>'
                                     '<iframe srcdoc="&lt;img src=&quot;https://cdn.example/i.png&quot;&gt;">'
                                     '</iframe><body onload="fetch(\'https://cdn.example/f\')">')
    assert third_party_requests(site) == [("page.html", "https://cdn.example/"),
                                          ("page.html", "https://example.org/"),
                                          ("page.html", "https://cdn.example/v.jpg"),
                                          ("page.html", "https://cdn.example/o.pdf"),
                                          ("page.html", "https://cdn.example/i.png"),
                                          ("page.html", "https://cdn.example/f")]


def test_structured_data_names_addresses_without_loading_them(tmp_path):
    site = _site(tmp_path, page_html='<script type="application/ld+json">'
                                     '{"url": "https://provider.example/"}</script>')
    assert third_party_requests(site) == []


def test_scripts_count_the_addresses_they_spell_out(tmp_path):
    site = _site(tmp_path, assets__app_js="/*! licence: https://licence.example/ */\n"
                                          "const ns = 'http://www.w3.org/2000/svg';\n"
                                          "const re = /^\\/\\//, half = 1 / 2;\n"
                                          'fetch("https://api.example/v1");\n'
                                          "import(`//cdn.example/${name}.js`);\n"
                                          "const page = new URL(path, 'https://example.com');\n"
                                          "const text = 'see https://example.org for more';")
    assert third_party_requests(site) == [("assets/app.js", "https://api.example/v1"),
                                          ("assets/app.js", "//cdn.example/")]


def test_the_themes_scripts_count_once_a_page_loads_one(tmp_path):
    bundle = 'typeof ResizeObserver=="undefined"&&load("https://unpkg.com/resize-observer-polyfill")'
    site = _site(tmp_path, fi__assets__javascripts__bundle_js=bundle, fi__index_html="<p>Hei</p>")
    assert third_party_requests(site) == []
    (site / "fi" / "index.html").write_text('<script src="assets/javascripts/bundle.js"></script>')
    assert third_party_requests(site) == [
        ("fi/assets/javascripts/bundle.js", "https://unpkg.com/resize-observer-polyfill")]


def test_files_that_cannot_load_anything_are_not_read(tmp_path):
    site = _site(tmp_path, data_json='{"url": "https://provider.example/"}',
                 page_pdf="https://evil.example/x.png", search__words_json='["//evil.example"]')
    assert third_party_requests(site) == []


def test_a_style_left_open_runs_to_the_end_of_the_page(tmp_path):
    site = _site(tmp_path, page_html="<p>Hei</p><style>p { background: url(//cdn.example/p.png) }")
    assert third_party_requests(site) == [("page.html", "//cdn.example/p.png")]


def test_only_scripts_may_name_the_addresses_known_never_to_be_fetched(tmp_path):
    site = _site(tmp_path, page_html='<img src="https://example.com/x.png"><img src="https://p">')
    assert third_party_requests(site) == [("page.html", "https://example.com/x.png"),
                                          ("page.html", "https://p")]


def test_readings_made_where_the_files_were_made_are_the_checks_own(tmp_path):
    """A language's process reads the pages it made (``readings``) and the check takes them
    as known: the same findings as reading the files, and none of them read twice."""
    site = _site(tmp_path, fi__index_html='<img src="https://evil.example/x.png">',
                 fi__a_html='<link rel="stylesheet" href="../s.css">'
                            '<a href="https://x.example/">x</a>',
                 s_css="@import 'https://fonts.example/f.css';")
    files = {path.relative_to(site).as_posix(): path.read_bytes()
             for path in site.rglob("*") if path.is_file()}
    made = readings(files)
    assert sorted(made.values()) == [["../s.css"], ["https://evil.example/x.png"],
                                     ["https://fonts.example/f.css"]]
    seen: dict[str, list[str]] = {}
    assert third_party_requests(site, None, made, seen) == third_party_requests(site) == [
        ("fi/index.html", "https://evil.example/x.png"), ("s.css", "https://fonts.example/f.css")]
    assert seen == made


def test_a_file_noted_unchanged_is_not_read_and_a_changed_one_always_is(tmp_path, monkeypatch):
    site = _site(tmp_path / "site", page_html='<img src="/own/image.png">', other_html="<p>x</p>")
    # Written before the notes began (no margin for coarse file times): trusted once noted.
    monkeypatch.setattr(outputcache, "RACY", 0)
    cache, readings_seen = OutputCache(tmp_path / "cache"), {}

    def check() -> list[tuple[str, str]]:
        noted, seen = KnownFiles(cache, site, "privacy"), {}
        found = third_party_requests(site, known=readings_seen, seen=seen, noted=noted)
        noted.save()
        readings_seen.update(seen)
        return found
    assert check() == []
    read: list[str] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: (
        read.append(path.name) if path.is_relative_to(site) else None) or original(path))
    assert check() == []
    assert read == []
    # Same size, modification time set back: the change time still shows the edit.
    page = site / "page.html"
    noted = page.stat()
    page.write_text('<img src="//evil.example">', encoding="utf-8")
    assert page.stat().st_size == noted.st_size
    os.utime(page, ns=(noted.st_atime_ns, noted.st_mtime_ns))
    assert check() == [("page.html", "//evil.example")]
    assert read == ["page.html"]


def test_a_part_that_starts_inside_a_comment_script_or_attribute_is_read_in_its_place():
    """A page is read in parts that start at list items; a "<li" inside a comment, a script,
    a style or an attribute value is no start of one: what follows is read as the whole page
    reads it, however often the same bytes come round."""
    page = ('<ul><!-- <li> --><li><img src="https://evil.example/a"></li>'
            '<script>var s = "<li>"; fetch("https://evil.example/b")</script>'
            "<style>a{} <li> b{background:url(https://evil.example/c)}</style>"
            '<li title="<li> x"><img src="https://evil.example/d"></li>'
            "<li><img src='/own.png'></li></ul>")
    whole = ["https://evil.example/a", "https://evil.example/b", "https://evil.example/c",
             "https://evil.example/d", "/own.png"]
    assert html_urls(page) == whole
    parts: dict[bytes, list[str]] = {}
    assert html_urls(page, parts) == html_urls(page, parts) == whole
    # Only the parts read from the start state and left in it are known by their bytes: the
    # last item alone here (the others begin or end inside a comment, script, style or tag).
    assert list(parts.values()) == [["/own.png"]]


def test_a_part_known_by_its_bytes_is_not_read_again():
    parts: dict[bytes, list[str]] = {}
    page = "<ul><li><img src='/a.png'></li><li><img src='/b.png'></li></ul>"
    assert html_urls(page, parts) == ["/a.png", "/b.png"]
    for digest, urls in parts.items():   # what the cache would hold, had it been changed
        parts[digest] = [url.replace("/b.png", "https://marked.example/") for url in urls]
    assert html_urls(page, parts) == ["/a.png", "https://marked.example/"]


def test_parts_kept_in_the_cache_are_the_parts_read():
    """The cache keeps the parts that load nothing as bare hashes: read back, every part
    loads what it loaded, and a page is read from them as before."""
    parts: dict[bytes, list[str]] = {}
    page = ("<ul><li><img src='/a.png'></li><li>text</li><li><a href='/x/'>link</a></li>"
            "<li><img src='/b.png'><img src='/c.png'></li></ul>")
    assert html_urls(page, parts) == ["/a.png", "/b.png", "/c.png"]
    # "<ul>", the text and the link load nothing
    assert sorted(parts.values()) == [[], [], [], ["/a.png"], ["/b.png", "/c.png"]]
    restored = restored_parts(stored_parts(parts))
    assert restored == parts
    assert html_urls(page, restored) == ["/a.png", "/b.png", "/c.png"]
    assert restored_parts(stored_parts({})) == {}


def test_only_pages_of_listing_size_are_read_in_parts():
    card = "<li><img src='/card.png'></li>\n"
    small, big = f"<ul>{card}</ul>", "<ul>" + card * 4000 + "</ul>"
    assert len(big) >= READ_IN_PARTS > len(small)
    parts: dict[bytes, list[str]] = {}
    found = readings({"small.html": small.encode(), "big.html": big.encode()}, parts)
    assert sorted(len(urls) for urls in found.values()) == [1, 4000]
    # the big page's parts, each known once: its start, a card, its last card (with </ul>)
    assert sorted(parts.values()) == [[], ["/card.png"], ["/card.png"]]


def test_a_build_refuses_a_site_that_loads_from_elsewhere_also_when_nothing_changed(tmp_path,
                                                                                     dataset):
    """The build checks each language's folder in that language's process and the rest of
    the site after: a load from elsewhere in either is refused, and refused again by a
    build that finds every file unchanged (what it read is kept in the cache)."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    about = content / "sv" / "about.md"
    about.write_text(about.read_text(encoding="utf-8")
                     + '\n<img src="https://tracker.example/p.gif" alt="">\n', encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "stray.html").write_text('<script src="https://cdn.example/x.js"></script>')
    cache = OutputCache(tmp_path / "cache")
    for _ in range(2):
        with pytest.raises(ThirdPartyRequest) as refused:
            build_site(dataset, out, content=content, index=False, cache=cache)
        assert str(refused.value).splitlines() == [
            "stray.html: https://cdn.example/x.js",
            "sv/about/index.html: https://tracker.example/p.gif"]


def test_a_root_page_loading_a_languages_theme_script_counts_what_the_script_loads(tmp_path,
                                                                                  dataset):
    """Material's scripts hold third-party addresses and count once any file loads one; the
    languages' folders are checked in their own processes, the root after: a root page that
    loads a language's script makes the scripts' loads count all the same."""
    out = tmp_path / "site"
    out.mkdir()
    (out / "stray.html").write_text('<script src="fi/assets/javascripts/anything.js"></script>')
    with pytest.raises(ThirdPartyRequest) as refused:
        build_site(dataset, out, index=False, cache=OutputCache(tmp_path / "cache"))
    lines = str(refused.value).splitlines()
    assert lines and all("/assets/javascripts/" in line for line in lines)
    assert {line.split("/")[0] for line in lines} == {"fi", "sv", "en"}

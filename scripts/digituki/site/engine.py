"""The only module that knows the site engine: MkDocs, or its drop-in fork ProperDocs.

It takes a folder of pages and a navigation for one language and returns a built site;
everything else in the pipeline is engine-free, so changing engines is changing this module
(or just the ``engine`` name: both share the MkDocs 1.x API and the Material theme).
"""
from collections.abc import Mapping
from importlib import import_module
from pathlib import Path

from ..resources import REPO, theme_folder

ENGINES = ("mkdocs", "properdocs")
Nav = list[str | dict[str, str]]  # the navigation: pages, as their path or {title: path}


def build_language(engine: str, docs: Path, bodies: Path, site: Path, lang: str,
                   site_name: str, site_url: str, nav: Nav, extra: Mapping[str, object]
                   ) -> None:
    """Build ``docs`` into ``site`` with the shared mkdocs.yml, Material and our overrides.
    ``bodies`` holds the finished HTML of generated pages (see engine_hook); ``extra``
    reaches the templates as ``config.extra``."""
    config = import_module(f"{engine}.config").load_config(
        config_file=str(REPO / "mkdocs.yml"),
        site_name=site_name,
        site_url=site_url,
        docs_dir=str(docs),
        site_dir=str(site),
        nav=nav,
        theme={"name": "material", "custom_dir": str(theme_folder("material")),
               "language": lang, "font": False},
        hooks=[str(Path(__file__).with_name("engine_hook.py"))],
        extra={**extra, "generator": False, "digituki_bodies": str(bodies),
               "material_stylesheet": _material_stylesheet()},
    )
    import_module(f"{engine}.commands.build").build(config)


def _material_stylesheet() -> str:
    """Material's stylesheet, whose name carries its version hash (our layout, main.html,
    links it without Material's JavaScript)."""
    import material
    found = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets")
                   .glob("main.*.min.css"))
    return f"assets/stylesheets/{found[0].name}"

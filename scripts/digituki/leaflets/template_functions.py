"""What the print templates may ask besides the environment's ``txt``, ``term`` and
``terms``: the functions of one document's language, as typed methods you can jump to. Every
public member goes into the render context under its own name (``by_name``)."""
import segno
from markupsafe import Markup

from ..i18n import t
from ..model.build import Dataset
from ..model.classes import Provider
from ..present import hours_view
from ..present.template_functions import TemplateFunctions
from ..values.hours import Hours


class LeafletFunctions(TemplateFunctions):
    """The functions and values the templates of one document (poster or booklet) call."""

    def __init__(self, dataset: Dataset, lang: str):
        self.data, self.lang = dataset, lang

    def ui(self, key: str) -> str:
        """An interface text of the catalogue in the document's language."""
        return t(key, self.lang)

    def qr(self, url: str) -> Markup:
        """The address as an inline SVG QR code; its <title> is the figure's alternative
        text."""
        return Markup(segno.make(url, error="m").svg_inline(
            omitsize=True, title=t("qr_code", self.lang).format(url=url), svgclass="qr"))

    def hours_in_words(self, hours: Hours) -> list[str]:
        return hours_view.hours_in_words(hours, self.data.today, self.lang)

    def verified_text(self, provider: Provider) -> str:
        return hours_view.verified_text(provider, self.lang)

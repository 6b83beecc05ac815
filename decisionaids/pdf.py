"""How the PDF is made: WeasyPrint, one parsed style sheet, fonts, a safe fetcher.

WeasyPrint fetches nothing: ``SafeURLFetcher`` refuses file:// and network URLs. The
font configuration and the parsed style sheet are made once per thread.
"""

from __future__ import annotations

import io
import logging
import threading

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetchingError

from config.collector import cyclic_gc_paused

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/ua-1"
MSG_URL_REFUSED = "Decision aids load no external resources ({scheme}: refused)."


class SafeURLFetcher(URLFetcher):
    """Fetches only inline ``data:`` URLs; file:// and network URLs are refused.

    The aid template references nothing external; a refused URL means content tried to
    reach the disk or the network, so it is dropped and logged (scheme only, as the URL
    itself could carry patient data).
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False)

    def fetch(self, url: str, headers: dict | None = None):  # noqa: ANN201
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme != "data":
            logger.warning("decision aid render refused a %s URL", scheme or "relative")
            raise URLFetchingError(MSG_URL_REFUSED.format(scheme=scheme or "relative"))
        return super().fetch(url, headers)


# The aid's style sheet, the same for every aid, language and paper. It is parsed and
# its selectors compiled once per thread (a tenth of a render otherwise) and given to
# WeasyPrint with the HTML; the template's own <style> holds only the @page rule, which
# carries the paper size and footer words. The sheet has no !important and no @page
# rule, so it wins over the user-agent sheet exactly as an inline <style> would.
AID_CSS = """\
html {
  font-family: "DejaVu Sans", sans-serif;
  font-size: 10pt;
  line-height: 1.17;
  color: #000;
  hyphens: manual;
}
body { margin: 0; }
h1 { font-size: 15pt; line-height: 1.15; margin: 0 0 2pt; }
h2 {
  font-size: 12.5pt;
  margin: 6pt 0 3pt;
  padding-bottom: 1pt;
  border-bottom: 1.5pt solid #000;
  break-after: avoid;
}
h3 { font-size: 10.5pt; margin: 5pt 0 2pt; break-after: avoid; }
p { margin: 0 0 3pt; }
ul { margin: 0 0 3pt; padding-left: 14pt; }
li { margin: 0 0 1.5pt; }
.meta, .team { margin-bottom: 2pt; }
.small, .cert { font-size: 9pt; }
.strong { font-weight: bold; }
.supports {
  border: 1.5pt solid #000;
  padding: 3pt 6pt;
  font-weight: bold;
  margin: 4pt 0;
}
.safety { border: 2pt solid #000; padding: 0 6pt 3pt; margin: 6pt 0; }
.safety h2 { border-bottom: none; margin-top: 3pt; }
table { border-collapse: collapse; width: 100%; }
.grid, .cells, .words, .sources, .glossary {
  font-family: "DejaVu Sans Condensed", "DejaVu Sans", sans-serif;
  font-stretch: condensed;
}
.grid, .values, .cols, .sure { table-layout: fixed; }
.grid { margin-bottom: 5pt; font-size: 9.5pt; }
.grid th.opt { width: 1.12in; }
.grid td.c1, .grid th.c1 { width: 1.9in; }
.grid td.c2, .grid th.c2 { width: 2.4in; }
.grid th, .grid td {
  border: 0.75pt solid #000;
  padding: 2pt 3pt;
  vertical-align: top;
  text-align: left;
  overflow-wrap: normal;
}
.grid thead th { border-bottom: 2pt solid #000; font-size: 10pt; }
.grid th.opt { font-size: 10pt; }
.grid td p { margin: 0 0 2pt; }
.grid tr { break-inside: avoid; }
.removed { border: 0.75pt dashed #000; padding: 2pt 6pt; margin-top: 4pt; }
.removed ul { margin-bottom: 0; }
.pics { orphans: 1; widows: 1; }
.orow {
  display: inline-block;
  vertical-align: top;
  margin: 0 0 4pt;
  break-inside: avoid;
}
.orow.n1 { width: 1.8in; }
.orow.n2 { width: 3.6in; }
.orow.n3 { width: 5.4in; }
.orow.n4 { width: 7.4in; }
.orow.n5, .orow.n6, .orow.n7, .orow.n8 {
  display: block;
  break-inside: auto;
  orphans: 1;
  widows: 1;
}
.facts td ul { margin-bottom: 0; }
.wrow { font-size: 9pt; margin: 0 0 3pt; break-inside: avoid; }
.cells { margin: 0; }
.cell {
  display: inline-block;
  vertical-align: top;
  width: 1.72in;
  margin: 0 0.08in 2pt 0;
}
.ia { display: block; width: 31mm; height: 31mm; margin: 1pt 0 2pt; }
.cap { margin: 0; font-size: 9.5pt; }
.cert { margin: 0; }
.words { margin-bottom: 1pt; font-size: 10pt; }
.values td, .values th, .sure td, .sure th {
  border: 0.75pt solid #000;
  padding: 2pt 4pt;
  vertical-align: middle;
  text-align: left;
}
.values th.scale, .values td.scale { width: 16%; text-align: center; }
.sure td.yn { width: 1.35in; white-space: nowrap; }
.values td.scale, .sure td.yn { font-size: 11.5pt; }
.checks { list-style: none; padding-left: 0; margin-bottom: 2pt; }
.checks li { display: inline-block; margin: 0 14pt 2pt 0; }
.checks.stack li { display: block; margin-right: 0; }
.wline { border-bottom: 0.75pt solid #000; height: 18pt; }
.keep, .values tr, .sure tr, .gl { break-inside: avoid; }
.values thead, h2 + p, .ka { break-after: avoid; }
.cols td { width: 50%; vertical-align: top; padding: 0 0.15in 0 0; }
.gl { margin: 0 0 2pt; }
.sources { font-size: 8.5pt; }
.glossary { font-size: 9pt; }
.sources h2 { font-size: 12pt; }
.sources ul { margin-bottom: 2pt; }
.sources li { margin: 0; }
.compact { font-size: 9.5pt; line-height: 1.12; }
.compact .grid { font-size: 9pt; }
.compact h2 { font-size: 12pt; margin-top: 4pt; }
.compact .wrow, .compact .small, .compact .cert { font-size: 8.5pt; }
.compact .wline { height: 15pt; }
"""

_fonts = threading.local()


def _font_config() -> FontConfiguration:
    """One font configuration per thread, reused across renders (no @font-face here)."""
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def _aid_stylesheet() -> CSS:
    """The parsed ``AID_CSS``, one per thread like the font configuration."""
    sheet = getattr(_fonts, "sheet", None)
    if sheet is None:
        sheet = _fonts.sheet = CSS(string=AID_CSS, font_config=_font_config())
    return sheet


def html_to_pdf(html: str) -> tuple[bytes, int]:
    """Tagged PDF/UA-1 bytes and the page count; fonts are embedded subsets."""
    with cyclic_gc_paused():
        document = HTML(
            string=html, url_fetcher=SafeURLFetcher(), base_url=None
        ).render(font_config=_font_config(), stylesheets=[_aid_stylesheet()])
        buffer = io.BytesIO()
        document.write_pdf(buffer, pdf_variant=PDF_VARIANT)
    return buffer.getvalue(), len(document.pages)

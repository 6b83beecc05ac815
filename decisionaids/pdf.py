"""How the PDF is made: WeasyPrint, one parsed style sheet, fonts, a safe fetcher.

WeasyPrint fetches nothing: ``SafeURLFetcher`` refuses file:// and network URLs. The
font configuration and the parsed style sheet are made once per thread.
"""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import threading
from collections.abc import Iterator

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetchingError

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
  font-size: 12pt;
  line-height: 1.17;
  color: #000;
}
body { margin: 0; }
h1 { font-size: 17pt; line-height: 1.15; margin: 0 0 3pt; }
h2 {
  font-size: 14.5pt;
  margin: 8pt 0 3pt;
  padding-bottom: 1pt;
  border-bottom: 1.5pt solid #000;
  break-after: avoid;
}
h3 { font-size: 12.5pt; margin: 7pt 0 3pt; break-after: avoid; }
p { margin: 0 0 3pt; }
ul { margin: 0 0 4pt; padding-left: 16pt; }
li { margin: 0 0 2pt; }
.meta { margin-bottom: 6pt; }
.supports {
  border: 1.5pt solid #000;
  padding: 4pt 7pt;
  font-weight: bold;
  margin: 6pt 0;
}
.notes li { margin-bottom: 3pt; }
table { border-collapse: collapse; width: 100%; }
.grid, figcaption, .block .bt, .sources {
  font-family: "DejaVu Sans Condensed", "DejaVu Sans", sans-serif;
  font-stretch: condensed;
}
.grid, .values, .cols, .sure { table-layout: fixed; }
.grid th, .grid td {
  border: 0.75pt solid #000;
  padding: 2pt 3pt;
  vertical-align: top;
  text-align: left;
  hyphens: auto;
  overflow-wrap: break-word;
}
.grid thead th { border-bottom: 2pt solid #000; }
.grid tr.q th { padding-top: 1pt; padding-bottom: 1pt; font-style: italic; }
.grid td p { margin: 0 0 2pt; }
.grid tr.q { break-after: avoid; }
.removed { border: 0.75pt dashed #000; padding: 2pt 7pt; margin-top: 5pt; }
.removed ul { margin-bottom: 0; }
.ref { font-weight: normal; }
.group { margin-bottom: 3pt; }
.block {
  display: inline-block;
  vertical-align: top;
  break-inside: avoid;
  margin: 0 0 4pt;
  width: 3.6in;
}
.block.n2, .block.n3 { width: 7.3in; }
.wb { margin: 0 0 5pt; }
.block .bt { font-weight: bold; margin: 0 6pt 2pt 0; }
figure { display: inline-block; vertical-align: top; width: 3.55in; margin: 0; }
.n3 figure { width: 2.4in; }
.ia {
  display: inline-block;
  vertical-align: top;
  width: 0.6in;
  height: 0.6in;
  margin: 1pt 5pt 0 0;
}
figcaption { display: inline-block; vertical-align: top; width: 2.75in; margin: 0; }
.n3 figcaption { width: 1.5in; }
.src { font-size: 9pt; margin: 1pt 0 0; }
.values td, .values th, .sure td, .sure th {
  border: 0.75pt solid #000;
  padding: 2pt 4pt;
  vertical-align: middle;
  text-align: left;
}
.values th.scale, .values td.scale { width: 16%; text-align: center; }
.sure td.yn { width: 1.35in; white-space: nowrap; }
.box {
  display: inline-block;
  width: 9pt;
  height: 9pt;
  border: 1pt solid #000;
  vertical-align: -1pt;
  margin-right: 3pt;
}
.lines { border-bottom: 0.75pt solid #000; height: 16pt; }
.keep, .values tr, .sure tr { break-inside: avoid; }
.values thead, h2 + p { break-after: avoid; }
.cols td { width: 50%; vertical-align: top; padding: 0 0.15in 0 0; }
.sources ul { margin-bottom: 2pt; }
.sources li { margin: 0; }
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


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while WeasyPrint builds a document.

    A render creates many short-lived objects; with Django and WeasyPrint loaded, the
    collections they trigger scan every long-lived object and cost about a fifth of a
    render. Reference counting still frees memory; cycles are collected afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def html_to_pdf(html: str) -> tuple[bytes, int]:
    """Tagged PDF/UA-1 bytes and the page count; fonts are embedded subsets."""
    with _collector_paused():
        document = HTML(
            string=html, url_fetcher=SafeURLFetcher(), base_url=None
        ).render(font_config=_font_config(), stylesheets=[_aid_stylesheet()])
        buffer = io.BytesIO()
        document.write_pdf(buffer, pdf_variant=PDF_VARIANT)
    return buffer.getvalue(), len(document.pages)

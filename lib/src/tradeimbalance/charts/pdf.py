"""Charts in the PDF: the PNG is drawn when the LaTeX builder writes the page, not when a chapter runs.

A chart's output carries its Vega-Lite specification under :data:`CHART_MIME` next to the HTML. For
every builder, :class:`ChartMimeRenderer` (a myst-nb MIME plugin, registered as an entry point of the
package) keeps the specification in a :class:`chart_spec` node; only the LaTeX builder selects that
node (:data:`ChartMimeRenderer.mime_priority_overrides`), and :class:`RenderChartPNG` then draws it
with vl-convert into the LaTeX folder and puts an image in its place. HTML builds and test runs never
draw a PNG.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import vl_convert as vlc
from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .vega import CHART_MIME, PNG_SCALE, VL_VERSION
#: The folder, inside the LaTeX output folder, that receives the drawn charts.
PNG_FOLDER = "charts"


class chart_spec(nodes.General, nodes.Element):  # noqa: N801  (docutils names nodes in lower case)
    """A chart's Vega-Lite specification (JSON text in ``spec``), waiting to be drawn for LaTeX."""


class ChartMimeRenderer:
    """myst-nb MIME plugin: the chart specification becomes a :class:`chart_spec` node, chosen by LaTeX only."""

    mime_priority_overrides = [("*", CHART_MIME, None), ("latex", CHART_MIME, 15)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        """A :class:`chart_spec` node for :data:`CHART_MIME` data (None for every other MIME type)."""
        if data.mime_type != CHART_MIME:
            return None
        content = data.content
        text = content if isinstance(content, str) else (
            content.decode("utf-8") if isinstance(content, bytes) else json.dumps(content, sort_keys=True))
        return [chart_spec(spec=text)]


def chart_png(spec: dict) -> bytes:
    """A PNG of the chart (``PNG_SCALE`` pixels per CSS pixel), drawn by vl-convert."""
    return vlc.vegalite_to_png(spec, vl_version=VL_VERSION, scale=PNG_SCALE)


def png_name(spec_text: str) -> str:
    """The file name of a chart's PNG: the hash of its specification (the same chart, the same file)."""
    return hashlib.sha256(spec_text.encode("utf-8")).hexdigest()[:20] + ".png"


class RenderChartPNG(SphinxPostTransform):
    """For the LaTeX builder: draw every remaining :class:`chart_spec` as a PNG and show it as an image."""

    default_priority = 20  # after myst-nb's choice of one MIME type per output
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        """Replace each chart specification of the document by an image node of its PNG."""
        draw_specs(self.document, Path(self.app.builder.outdir))


def draw_specs(document, outdir: Path) -> int:
    """Draw every :class:`chart_spec` of ``document`` into ``outdir/charts`` (once per specification) and
    replace it by an image node; returns the number of charts."""
    out = Path(outdir) / PNG_FOLDER
    specs = list(document.findall(chart_spec))
    for node in specs:
        name = png_name(node["spec"])
        path = out / name
        if not path.is_file():
            out.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(chart_png(json.loads(node["spec"])))
            tmp.replace(path)
        uri = f"{PNG_FOLDER}/{name}"
        node.replace_self(nodes.image(uri=uri, candidates={"image/png": uri}))
    return len(specs)


def _skip(self, node):
    raise nodes.SkipNode


def setup(app) -> dict:
    """Sphinx: the :class:`chart_spec` node (skipped by every writer that meets one) and the PNG transform."""
    app.add_node(chart_spec, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.add_post_transform(RenderChartPNG)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

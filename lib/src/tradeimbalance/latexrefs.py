"""Sphinx extension: references to exercises resolve in the PDF.

sphinx-exercise labels an exercise in LaTeX as ``exercise:<label>``, while a ``{ref}`` to it
(the teachers' page cites every exercise) points at Sphinx's own ``<docname>:<label>``, so the PDF
printed "Exercise ??". This extension gives every numbered exercise the second label too, carrying
the exercise's number (``\\TIlabel`` of ``latex/tradeimbalance.sty``), so the reference prints
"Exercise 8" as the HTML does. Other builders are not touched.
"""

from __future__ import annotations

from . import __version__


def _labelled(visit):
    """``visit`` preceded, in LaTeX, by a label under the exercise's docname with its number."""
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx_exercise.utils import get_node_number

    def visit_with_label(self, node):
        if isinstance(self, LaTeXTranslator):
            label = node.attributes.get("label", "")
            entry = getattr(self.builder.env, "sphinx_exercise_registry", {}).get(label, {})
            docname = entry.get("docname", "")
            number = get_node_number(self, node, "exercise")
            if label and docname:
                self.body.append(f"\\phantomsection\\TIlabel{{{number}}}{{\\detokenize{{{docname}:{label}}}}}")
        visit(self, node)

    return visit_with_label


def _on_builder_inited(app):
    if app.builder.format != "latex":
        return
    from sphinx_exercise.nodes import depart_exercise_enumerable_node, exercise_enumerable_node, visit_exercise_enumerable_node

    app.registry.add_translation_handlers(
        exercise_enumerable_node, latex=(_labelled(visit_exercise_enumerable_node), depart_exercise_enumerable_node))


def setup(app):
    """Sphinx entry point; returns the extension metadata."""
    app.setup_extension("sphinx_exercise")
    app.connect("builder-inited", _on_builder_inited)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

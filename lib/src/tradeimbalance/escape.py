"""Text from data put on a page as text, never as markup.

Chapters show strings that come from the data (country, province and partner
names, dispute titles, notes) through Markdown that MyST parses: a name such as
``<script>alert(1)</script>`` or ``*x*`` would otherwise become an element or
formatting. :func:`markdown_text` is the one escape for that, used by
:mod:`tradeimbalance.book` for table cells and headers, captions and glued text.
"""

from __future__ import annotations

import re

#: Characters with a meaning in (MyST) Markdown inline text: HTML, entities, emphasis, code, roles,
#: links and images, math, tables, strikethrough. Each is escaped with a backslash (CommonMark: an
#: escaped ASCII punctuation character is a literal character), which Sphinx then writes out as text
#: (``&lt;`` in HTML, ``\textless{}`` in LaTeX).
SPECIAL = "\\`*_{}[]<>#|~$&!"
_SPECIAL = re.compile("([" + re.escape(SPECIAL) + "])")
_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def markdown_text(value) -> str:
    """``value`` as Markdown that renders as exactly its text (line breaks become spaces)."""
    text = _BREAKS.sub(" ", str(value))
    return _SPECIAL.sub(r"\\\1", text)

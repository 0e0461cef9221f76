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


#: A code span as written in a cell (`name`), and an identifier-like name (a file, table or column name).
_CODE_SPAN = re.compile(r"`([^`\r\n]+)`")
IDENTIFIER = re.compile(r"(?<![\w./-])([A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+)(?![\w/])")


def markdown_text_names_as_code(value) -> str:
    """Like :func:`markdown_text`, but code spans and identifier-like names are set as inline code.

    For table cells that name tables, columns or files (``bop_china``, ``CON_VAL_MO``): those are
    shown as code, the rest is escaped text. A code span renders its content literally, so nothing
    in it becomes markup either; a backtick inside it cannot occur (the span ends there).
    """
    text = _BREAKS.sub(" ", str(value))
    return _as_code(_CODE_SPAN, text, lambda rest: _as_code(IDENTIFIER, rest, markdown_text))


def _as_code(pattern: re.Pattern, text: str, rest) -> str:
    """Each match of ``pattern`` (its first group) as an inline code span, the text between through ``rest``."""
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(rest(text[pos:m.start()]))
        out.append(f"`{m.group(1)}`")
        pos = m.end()
    out.append(rest(text[pos:]))
    return "".join(out)

"""Reading YAML: the safe loader, in its C implementation (libyaml) where PyYAML was built with it.

The claim declarations are read by every chapter's kernel and by the data build; the C loader reads
them more than ten times faster than the pure-Python one and builds the same objects.
"""

from __future__ import annotations

import yaml

#: PyYAML's safe loader, C-accelerated when available.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(stream):
    """``yaml.safe_load(stream)`` through :data:`SafeLoader` (a string or an open file)."""
    return yaml.load(stream, Loader=SafeLoader)

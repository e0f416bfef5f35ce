"""The text ``json.dumps(value, indent=2, ensure_ascii=False)`` gives, made faster and in pieces.

Python's indented encoder is pure Python: a generator per list and dict, a call per key and
value. `validate --format json` writes a return's findings, escalations and review pack with
it, and at 100,000 rows that was over a second. Here the common shapes (dicts with text keys,
lists, text, whole numbers, true, false, null) are joined directly, anything else is left to
json itself, and the findings, nearly all of the text, go through json's C encoder in
batches. The bytes are the same as json's; tests/test_json_text.py compares them.
"""

from __future__ import annotations

import json
from itertools import chain, cycle
from operator import add

from tracker_tool.core.findings import FINDING_KEYS, Finding, finding_values

_encode = json.encoder.encode_basestring  # json's own string encoder (ensure_ascii=False)

#: The only kinds of value json's C encoder writes exactly as the indented encoder does, when
#: it is asked to put ",\n" between items: a newline inside an encoded text is always escaped,
#: so every raw newline in its output is one of those separators.
_SCALARS = frozenset({str, int, float, bool, type(None)})
_items_apart = (json.JSONEncoder(ensure_ascii=False, check_circular=False,
                                 separators=(",\n", ": ")).encode
                if json.encoder.c_make_encoder is not None else None)


class Findings:
    """A report's findings, left as Finding objects for ``pieces`` to write as JSON dicts.

    Turning 150,000 findings into dicts first held about 100 MB at once, and cost as much
    time again as writing them."""

    __slots__ = ("items",)

    def __init__(self, items: list[Finding]):
        self.items = items


def pieces(value, level: int = 0, batch: int = 1000):
    """The JSON text of ``value``, indented as if ``level`` deep, in pieces: a list an item
    at a time and findings ``batch`` at a time, so the whole text is never in memory at once."""
    cls = value.__class__
    if cls is Findings:
        yield from _findings(value.items, level, batch)
    elif cls is dict and value and all(k.__class__ is str for k in value):
        inner = "\n" + "  " * (level + 1)
        opening = "{"
        for key, item in value.items():
            yield opening + inner + _encode(key) + ": "
            opening = ","
            yield from pieces(item, level + 1, batch)
        yield "\n" + "  " * level + "}"
    elif (cls is list or cls is tuple) and value:
        # One piece an item, so a long list is never one text; an item holding findings
        # (a report) is itself written in pieces.
        inner = "\n" + "  " * (level + 1)
        opening = "[" + inner
        for item in value:
            if item.__class__ is dict and any(v.__class__ is Findings for v in item.values()):
                yield opening
                yield from pieces(item, level + 1, batch)
            else:
                yield opening + text(item, level + 1)
            opening = "," + inner
        yield "\n" + "  " * level + "]"
    else:
        yield text(value, level)


def text(value, level: int = 0) -> str:
    """The whole JSON text of ``value`` indented as if ``level`` deep."""
    cls = value.__class__
    if cls is str:
        return _encode(value)
    if cls is Findings:
        return "".join(_findings(value.items, level, 1000))
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if cls is int:
        return int.__repr__(value)
    if cls is dict and value and all(k.__class__ is str for k in value):
        inner = "\n" + "  " * (level + 1)
        return ("{" + inner + ("," + inner).join([_encode(k) + ": " + text(v, level + 1)
                                                  for k, v in value.items()])
                + "\n" + "  " * level + "}")
    if (cls is list or cls is tuple) and value:
        inner = "\n" + "  " * (level + 1)
        return ("[" + inner + ("," + inner).join([text(v, level + 1) for v in value])
                + "\n" + "  " * level + "]")
    # Empty, a float, a subclass, anything unusual: json's own answer. Its newlines are all
    # indentation (a text's are escaped), so indenting it deeper is a replace.
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)


def _findings(items: list[Finding], level: int, batch: int):
    """The findings as the list of their to_dict()s. A batch's values (13 a finding) are
    encoded by one call of json's C encoder and split at its separators, then interleaved
    with the keys; a batch holding any value that is not plain text, number, true, false or
    null is written from to_dict() instead."""
    if not items:
        yield "[]"
        return
    inner = "\n" + "  " * (level + 1)
    keys = inner + "  "
    labels = [_encode(k) + ": " for k in FINDING_KEYS]
    # Each finding's first value follows the end of the finding before it.
    heads = [inner + "}," + inner + "{" + keys + labels[0]] + ["," + keys + k for k in labels[1:]]
    for start in range(0, len(items), batch):
        chunk = items[start:start + batch]
        lead = ("[" if start == 0 else ",") + inner
        flat = list(chain.from_iterable(map(finding_values, chunk)))
        if _items_apart is None or not _SCALARS.issuperset(map(type, flat)):
            yield lead + ("," + inner).join([text(f.to_dict(), level + 1) for f in chunk])
            continue
        parts = list(map(add, cycle(heads), _items_apart(flat)[1:-1].split(",\n")))
        parts[0] = lead + "{" + keys + labels[0] + parts[0][len(heads[0]):]
        parts.append(inner + "}")
        yield "".join(parts)
    yield "\n" + "  " * level + "]"

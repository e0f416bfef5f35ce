"""Names of the sheets a template adds beside its entry sheet.

The reader needs them as much as the writer: the printable view repeats the entry sheet's
headings, so a reader looking for the tracker must know never to take the view for it (a
workbook whose entry sheet was deleted would otherwise be read from the view's formulas).
"""

INSTRUCTIONS_SHEET = "Instructions"
VIEW_SHEET = "Printable view"

#: Sheets that are never where the actions are entered, however their headings read.
NEVER_ENTRIES = frozenset({VIEW_SHEET})

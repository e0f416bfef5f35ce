"""Everything written to disk for people: templates, audit workbooks, review packs,
and the text, JSON and CSV renderings."""

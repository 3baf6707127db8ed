"""Text helpers below the parsers, the checks and the workbook reader: folding and label keys (:mod:`.fold`),
Chinese numerals (:mod:`.numerals`), dates and periods (:mod:`.dates`), agency names (:mod:`.names`) and
blank cells (:mod:`.blanks`). See ``docs/parse.md`` (Normalisation)."""

"""Text helpers shared by the parsers, the checks and the workbook reader: NFKC folding (:mod:`.fold`),
Chinese numerals (:mod:`.numerals`), dates and periods (:mod:`.dates`). See ``docs/architecture.md``."""

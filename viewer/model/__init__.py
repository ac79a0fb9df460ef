"""The timeline as values: dates, events, diagnostics, and what is derived from them alone."""

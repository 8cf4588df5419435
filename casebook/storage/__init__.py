"""Storage of a town's spreadsheet: one Store protocol, one backend per kind of spreadsheet."""

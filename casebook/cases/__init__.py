"""Use cases on one town's cases: load, save, history, work lists, data quality."""

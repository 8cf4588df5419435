"""Checking a town's spreadsheet before it is used."""

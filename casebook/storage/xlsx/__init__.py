"""The Excel workbook backend."""

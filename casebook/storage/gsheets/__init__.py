"""The Google Sheets backend (through gspread)."""

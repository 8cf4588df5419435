"""Data-protection duties: retention, Art. 15 access requests, consent."""

"""Test support code shared by several test packages (local stand-ins, fixtures)."""

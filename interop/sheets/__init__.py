"""Spreadsheet import: reading uploads, mapping rows to case documents, templates."""

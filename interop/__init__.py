"""Interoperability: FHIR export of cases and spreadsheet import for coordinators."""

"""FHIR R4 export of a case document, shaped after the mCODE STU profiles.

``bundle_from_document`` is the one mapping: stored cases and case files both go
through it. The table of what maps where, and which codes are used or left out, is
docs/fhir-mapping.md.
"""

from interop.fhir.bundle import bundle_from_document

__all__ = ["bundle_from_document"]

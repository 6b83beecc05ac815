"""Domain errors shared by every app; user-facing messages are constants."""


class ApplicationError(Exception):
    """An error whose message is safe to show to the user (it carries no PHI)."""

    def __init__(self, message: str, *, extra: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = extra or {}


class DocumentInvalid(ApplicationError):
    """A case document failed validation; ``errors`` lists every problem found."""

    def __init__(self, message: str, *, errors: list) -> None:
        super().__init__(message, extra={"errors": errors})
        self.errors = errors


class StaleVersion(ApplicationError):
    """The case changed since the version the user edited (optimistic locking)."""

    def __init__(self, message: str, *, current_version: int) -> None:
        super().__init__(message, extra={"current_version": current_version})
        self.current_version = current_version


# Messages shown to users.
MSG_NOT_JSON = "The file is not valid JSON: {detail}."
MSG_NUL_BYTE = "The file contains a NUL byte (\\u0000), which is never valid in a case."
MSG_TOO_LARGE = "The file is {size} bytes; the largest accepted is {limit} bytes."
MSG_NOT_UTF8 = "The file is not UTF-8 text."
MSG_EMPTY_LIST = "The file holds an empty list: there is no case to import."
MSG_DUPLICATE_CASE_ID = "case_id {case_id!r} appears more than once in this file."
MSG_IMPORT_FAILED = "Nothing was imported: {count} problem(s) found."

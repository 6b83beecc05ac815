"""The REST API under /api/v1/: URLs, authentication, errors, pagination and schema."""

"""A trigram index for the case search on PostgreSQL.

The search is ``search_text LIKE '%term%'`` (patients.search), which no B-tree
index serves: at 50,000 cases every search read the whole table. PostgreSQL's
``pg_trgm`` GIN index answers it from the index. ``pg_trgm`` is a trusted extension
(PostgreSQL 13+), so the database owner may create it. SQLite has no such index and
keeps scanning, which is fine at the sizes it is meant for.
"""

from django.db import migrations

INDEX = "case_search_trgm"


def create(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON patients_case "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("patients", "0009_referral_worklist")]

    operations = [migrations.RunPython(create, drop, elidable=False)]

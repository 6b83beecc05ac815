"""The case list's search moves to a narrow table of its own, ``CaseSearchRow``.

A search for a common family name matched about 5,000 of 50,000 cases, and every
match was read from the evaluations to be counted and sorted by name: a sequential
scan of a 26 MB table (about 270 bytes a row, and as much again free, left by
re-evaluations), 40 ms of the page on the build machine. The search rows hold the
five values a search reads, about 5 MB, and a re-evaluation leaves them alone.

They are filled from the evaluations in SQL, and the trigram index moves with the
search text. The evaluations' own ``search_text`` column leaves the model. On
PostgreSQL it stays in the table for now, unread, with a database default; a later
migration drops it (and, migrating back past this one, must add it again with that
default). SQLite, which one process serves, drops it now.

Stop the web and worker processes of the earlier release before this migration
(docs/deploy.md): they would write evaluations without search rows, and delete
evaluations their search rows still refer to. An evaluation found without its
search row, or with values that are no longer its case's, is evaluated again
(``services.stale_case_ids``), which writes the row.
"""

import django.db.models.deletion
from django.db import migrations, models

EVALUATIONS = "evaluations_caseevaluation"
SEARCH_ROWS = "evaluations_casesearchrow"
OLD_INDEX = "eval_search_trgm"
INDEX = "search_row_trgm"


def fill(apps, schema_editor) -> None:  # noqa: ANN001
    schema_editor.execute(
        f"INSERT INTO {SEARCH_ROWS} "  # noqa: S608
        "(case_id, program_id, lineage, sort_name, search_text) "
        "SELECT case_id, program_id, lineage, sort_name, search_text "
        f"FROM {EVALUATIONS}"
    )


def index(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX {INDEX} ON {SEARCH_ROWS} "
            "USING gin (search_text gin_trgm_ops)"
        )
        # Statistics now, not when autovacuum gets to the new table: a search is
        # planned for its term (config.postgresql.planned_for_values).
        schema_editor.execute(f"ANALYZE {SEARCH_ROWS}")


def unindex(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def retire_column(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
        schema_editor.execute(
            f"ALTER TABLE {EVALUATIONS} ALTER COLUMN search_text SET DEFAULT ''"
        )
    else:
        schema_editor.execute(f"ALTER TABLE {EVALUATIONS} DROP COLUMN search_text")


def restore_column(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE {EVALUATIONS} ALTER COLUMN search_text DROP DEFAULT"
        )
    else:
        schema_editor.execute(
            f"ALTER TABLE {EVALUATIONS} "
            "ADD COLUMN search_text text NOT NULL DEFAULT ''"
        )
    # An evaluation without a search row keeps what it holds (on PostgreSQL, what a
    # process of the earlier release wrote into the column; elsewhere, nothing).
    schema_editor.execute(
        f"UPDATE {EVALUATIONS} SET search_text = COALESCE("  # noqa: S608
        f"(SELECT s.search_text FROM {SEARCH_ROWS} s "
        f"WHERE s.case_id = {EVALUATIONS}.case_id), search_text)"
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON {EVALUATIONS} "
            "USING gin (search_text gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0006_worklist_items"),
        ("patients", "0010_case_search_trigram"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseSearchRow",
            fields=[
                (
                    "evaluation",
                    models.OneToOneField(
                        db_column="case_id",
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_row",
                        serialize=False,
                        to="evaluations.caseevaluation",
                    ),
                ),
                ("lineage", models.CharField(default="", max_length=1)),
                ("sort_name", models.CharField(max_length=240)),
                ("search_text", models.TextField(default="")),
                (
                    "program",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="patients.program",
                    ),
                ),
            ],
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(index, unindex, elidable=False),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="caseevaluation", name="search_text"),
            ],
            database_operations=[
                migrations.RunPython(retire_column, restore_column, elidable=False),
            ],
        ),
    ]

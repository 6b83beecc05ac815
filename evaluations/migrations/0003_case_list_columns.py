"""The case list on one table: the case's search text and lineage on its evaluation.

At 50,000 cases a search such as "okafor" matches thousands of patients whose names
also sort together; joined to the cases, PostgreSQL walked the evaluations in name
order and probed a case for each (28,000 probes for 25 rows). With the two columns
here the case list filters, searches and sorts ``evaluations_caseevaluation`` alone.

On PostgreSQL the search gets its own trigram index (as ``patients_case`` has, 0010
there), and the table a ``toast_tuple_target`` of 256 bytes, so each row's display
JSON, about 1.7 kB, is stored out of line: the rows the lists scan shrink fourfold.
Rows written before this migration keep their JSON in line until re-evaluated.
"""

from django.db import migrations, models

INDEX = "eval_search_trgm"
TABLE = "evaluations_caseevaluation"


def fill(apps, schema_editor) -> None:  # noqa: ANN001
    schema_editor.execute(
        f"UPDATE {TABLE} SET "  # noqa: S608
        "search_text = (SELECT c.search_text FROM patients_case c "
        f"WHERE c.id = {TABLE}.case_id), "
        "lineage = (SELECT c.lineage FROM patients_case c "
        f"WHERE c.id = {TABLE}.case_id)"
    )


def postgresql_only(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} "
        "USING gin (search_text gin_trgm_ops)"
    )
    schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 256)")


def undo_postgresql_only(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0002_fewer_indexes"),
        ("patients", "0010_case_search_trigram"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseevaluation",
            name="search_text",
            field=models.TextField(default=""),
        ),
        migrations.AddField(
            model_name="caseevaluation",
            name="lineage",
            field=models.CharField(default="", max_length=1),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(postgresql_only, undo_postgresql_only, elidable=False),
    ]

"""The engine's display JSON moves to a table of its own; the case list's two
derived facts become columns.

At about 1.7 kB a row, the JSON made evaluation rows eight times wider than the
columns the lists filter and sort on: a broad case-list search read a page of the
table for nearly every match. The copy and the two columns are filled from the
stored JSON, in SQL, before it is dropped.
"""

import django.db.models.deletion
from django.db import migrations, models

EVALUATIONS = "evaluations_caseevaluation"
RESULTS = "evaluations_evaluationresult"


def move_results(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        derived = "result -> 'derived'"
        age = f"({derived} ->> 'age_years')::int"
        outside = f"({derived} ->> 'outside_aya')::boolean"
    else:  # SQLite: JSON true/false read as 1/0
        age = "json_extract(result, '$.derived.age_years')"
        outside = "json_extract(result, '$.derived.outside_aya')"
    schema_editor.execute(
        f"INSERT INTO {RESULTS} (case_id, result) "  # noqa: S608
        f"SELECT case_id, result FROM {EVALUATIONS}"
    )
    schema_editor.execute(
        f"UPDATE {EVALUATIONS} SET age_years = {age}, outside_aya = {outside}"  # noqa: S608
    )


def results_back(apps, schema_editor) -> None:  # noqa: ANN001
    schema_editor.execute(
        f"UPDATE {EVALUATIONS} SET result = (SELECT r.result FROM {RESULTS} r "  # noqa: S608
        f"WHERE r.case_id = {EVALUATIONS}.case_id)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0004_reevaluation_lanes"),
    ]

    operations = [
        migrations.CreateModel(
            name="EvaluationResult",
            fields=[
                (
                    "evaluation",
                    models.OneToOneField(
                        db_column="case_id",
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="display",
                        serialize=False,
                        to="evaluations.caseevaluation",
                    ),
                ),
                (
                    "result",
                    models.JSONField(help_text="The engine's result, for display only."),
                ),
            ],
        ),
        migrations.AddField(
            model_name="caseevaluation",
            name="age_years",
            field=models.PositiveSmallIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="caseevaluation",
            name="outside_aya",
            field=models.BooleanField(null=True),
        ),
        migrations.RunPython(move_results, results_back, elidable=False),
        migrations.RemoveField(model_name="caseevaluation", name="result"),
    ]

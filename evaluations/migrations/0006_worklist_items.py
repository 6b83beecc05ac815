"""The worklist row's items, stored with the evaluation (evaluations.stored_rows).

Every stored row is dated valid until a day long past, so each is evaluated again:
a page re-evaluates the stale rows it shows before reading them, and the daily job
(or ``manage.py reevaluate``) the rest. A page that shows a row without stored items
re-evaluates it first, as it would a stale one.
"""

import datetime as dt

from django.db import migrations, models

# Before any stored evaluation: every row is stale on any date after it.
LONG_PAST = dt.date(2000, 1, 1)


def evaluate_again(apps, schema_editor) -> None:  # noqa: ANN001, ARG001
    CaseEvaluation = apps.get_model("evaluations", "CaseEvaluation")  # noqa: N806
    CaseEvaluation.objects.update(valid_until=LONG_PAST)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0005_evaluation_result_table"),
    ]

    operations = [
        migrations.AddField(
            model_name="evaluationresult",
            name="worklist",
            field=models.JSONField(
                default=dict,
                db_default={},
                help_text="The worklist row's items, for display only.",
            ),
        ),
        migrations.RunPython(evaluate_again, migrations.RunPython.noop),
    ]

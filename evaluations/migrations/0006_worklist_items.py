"""The worklist row's items, stored with the evaluation (evaluations.stored_rows).

Rows written before this migration keep an empty value and are read from their
item rows until they are next re-evaluated (``manage.py reevaluate`` rewrites all).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0005_evaluation_result_table"),
    ]

    operations = [
        migrations.AddField(
            model_name="evaluationresult",
            name="worklist",
            field=models.JSONField(
                default=dict, help_text="The worklist row's items, for display only."
            ),
        ),
    ]

"""Re-evaluation jobs run in lanes, side by side on the worker's processes.

A job's cursor moves to its lanes: every existing job becomes a job of one lane
with the cursor and count it had.
"""

from django.db import migrations, models


def one_lane_each(apps, schema_editor):  # noqa: ANN001, ANN201
    job_model = apps.get_model("evaluations", "ReevaluationJob")
    lane_model = apps.get_model("evaluations", "ReevaluationLane")
    lane_model.objects.bulk_create(
        lane_model(
            job=job,
            number=0,
            last_case_pk=job.last_case_pk,
            done=job.done,
            finished=job.status in ("done", "failed"),
        )
        for job in job_model.objects.iterator()
    )


def cursor_back(apps, schema_editor):  # noqa: ANN001, ANN201
    lane_model = apps.get_model("evaluations", "ReevaluationLane")
    job_model = apps.get_model("evaluations", "ReevaluationJob")
    for lane in lane_model.objects.filter(number=0):
        job_model.objects.filter(pk=lane.job_id).update(last_case_pk=lane.last_case_pk)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0003_case_list_columns"),
    ]

    operations = [
        migrations.AddField(
            model_name="reevaluationjob",
            name="lanes",
            field=models.PositiveSmallIntegerField(default=1),
        ),
        migrations.CreateModel(
            name="ReevaluationLane",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("number", models.PositiveSmallIntegerField()),
                ("last_case_pk", models.PositiveBigIntegerField(default=0)),
                ("done", models.PositiveIntegerField(default=0)),
                ("finished", models.BooleanField(default=False)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "job",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE,
                        related_name="lane_set",
                        to="evaluations.reevaluationjob",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("job", "number"), name="reevaluation_lane_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(one_lane_each, cursor_back),
        migrations.RemoveField(model_name="reevaluationjob", name="last_case_pk"),
    ]

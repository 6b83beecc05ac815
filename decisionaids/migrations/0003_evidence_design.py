"""Study design on every evidence row (its certainty), EV-REVUMENIB-TOX, 2026.2 wording.

Rows nobody has reviewed since the import take the catalogue's current measures and
population; a row an administrator reviewed keeps its numbers and wording, and only
gains the design. Missing rows are added.
"""

from django.db import migrations, models


def update(apps, schema_editor):  # noqa: ANN001, ANN201
    from decisionaids.content.evidence import (
        EVIDENCE,
        IMPORTED_BY,
        IMPORTED_ON,
        SEED,
        SOURCE_KEY,
    )

    EvidenceFigure = apps.get_model("decisionaids", "EvidenceFigure")
    stored = {row.ev_id: row for row in EvidenceFigure.objects.all()}
    for row in EVIDENCE:
        figure = stored.get(row["ev_id"])
        if figure is None:
            EvidenceFigure.objects.create(
                ev_id=row["ev_id"],
                statement=row["statement"],
                measures=row["measures"],
                population=row["population"],
                population_plain=row["population_plain"],
                study=row["study"],
                design=row["design"],
                source=row.get("source", SOURCE_KEY),
                seed=row.get("seed", SEED),
                reviewed_by=IMPORTED_BY,
                reviewed_at=IMPORTED_ON,
            )
            continue
        figure.design = figure.design or row["design"]
        if figure.reviewed_by == IMPORTED_BY:
            figure.statement = row["statement"]
            figure.measures = row["measures"]
            figure.population = row["population"]
            figure.population_plain = row["population_plain"]
        figure.save()


class Migration(migrations.Migration):

    dependencies = [
        ('decisionaids', '0002_seed_evidence'),
    ]

    operations = [
        migrations.AddField(
            model_name='evidencefigure',
            name='design',
            field=models.CharField(choices=[('randomised_vs_chemotherapy', 'randomised vs chemotherapy'), ('single_arm', 'single arm'), ('donor_comparison', 'donor comparison'), ('registry', 'registry'), ('single_institution', 'single institution')], default='', help_text="The study design, printed with every figure as its certainty (catalogue 'Evidence for decision aids').", max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='historicalevidencefigure',
            name='design',
            field=models.CharField(choices=[('randomised_vs_chemotherapy', 'randomised vs chemotherapy'), ('single_arm', 'single arm'), ('donor_comparison', 'donor comparison'), ('registry', 'registry'), ('single_institution', 'single institution')], default='', help_text="The study design, printed with every figure as its certainty (catalogue 'Evidence for decision aids').", max_length=40),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='decisionaidjob',
            name='aid_id',
            field=models.CharField(choices=[('DA-REINDUCTION', 'DA-REINDUCTION'), ('DA-REINDUCTION-T', 'DA-REINDUCTION-T'), ('DA-TRANSPLANT', 'DA-TRANSPLANT'), ('DA-CNS-RELAPSE', 'DA-CNS-RELAPSE'), ('DA-FERTILITY', 'DA-FERTILITY')], max_length=20, verbose_name='decision aid'),
        ),
        migrations.RunPython(update, migrations.RunPython.noop),
    ]

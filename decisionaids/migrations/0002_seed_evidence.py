"""Seed the evidence figures from the catalogue's evidence table (decisionaids/content)."""

from django.db import migrations


def seed(apps, schema_editor):  # noqa: ANN001, ANN201
    from decisionaids.content.evidence import (
        EVIDENCE,
        IMPORTED_BY,
        IMPORTED_ON,
        SEED,
        SOURCE_KEY,
    )

    EvidenceFigure = apps.get_model("decisionaids", "EvidenceFigure")
    existing = set(EvidenceFigure.objects.values_list("ev_id", flat=True))
    EvidenceFigure.objects.bulk_create(
        EvidenceFigure(
            ev_id=row["ev_id"],
            statement=row["statement"],
            measures=row["measures"],
            population=row["population"],
            population_plain=row["population_plain"],
            study=row["study"],
            source=row.get("source", SOURCE_KEY),
            seed=row.get("seed", SEED),
            reviewed_by=IMPORTED_BY,
            reviewed_at=IMPORTED_ON,
        )
        for row in EVIDENCE
        if row["ev_id"] not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("decisionaids", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""Case.search_text: identifier and name without accents, for a search that ignores them."""

from django.db import migrations, models

from patients.search import case_search_text


def fill_search_text(apps, schema_editor):  # noqa: ANN001, ANN201
    case_model = apps.get_model("patients", "Case")
    cases = list(case_model.objects.only("pk", "case_id", "given_name", "family_name"))
    for case in cases:
        case.search_text = case_search_text(
            case_id=case.case_id,
            given_name=case.given_name,
            family_name=case.family_name,
        )
    case_model.objects.bulk_update(cases, ["search_text"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("patients", "0007_choice_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="search_text",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="Identifier and name without accents, case-folded (written "
                "on save; docs/adr/0009).",
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]

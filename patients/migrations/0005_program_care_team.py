"""Program settings the decision aids print: the care team's name and phone."""

import patients.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('patients', '0004_referral_dates'),
    ]

    operations = [
        migrations.AddField(
            model_name='program',
            name='care_team_name',
            field=models.CharField(blank=True, help_text='Printed on every page of a decision aid: who the patient contacts.', max_length=200),
        ),
        migrations.AddField(
            model_name='program',
            name='care_team_phone',
            field=models.CharField(blank=True, help_text='Printed on every page of a decision aid, e.g. +1 555 0100.', max_length=40, validators=[patients.models.validate_phone]),
        ),
    ]

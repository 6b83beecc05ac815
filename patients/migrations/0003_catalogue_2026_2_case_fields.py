"""Catalogue 2026.2 case document: work-up events, markers.tested_on, appointments."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('patients', '0002_role_groups'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='markers_tested_on',
            field=models.DateField(blank=True, help_text='Date of the immunophenotype that CD19, CD22 and CD20 come from.', null=True, verbose_name='markers tested on'),
        ),
        migrations.AddField(
            model_name='event',
            name='result',
            field=models.CharField(blank=True, help_text='For a work-up event: the result in words, as reported.', max_length=200),
        ),
        migrations.AddField(
            model_name='event',
            name='test',
            field=models.CharField(blank=True, choices=[('marrow_immunophenotype', 'Marrow immunophenotype'), ('bcr_abl1', 'BCR::ABL1'), ('kmt2a_fish', 'KMT2A FISH'), ('ngs_mutations', 'NGS mutation panel'), ('lumbar_puncture', 'Lumbar puncture'), ('testicular_exam', 'Testicular examination'), ('hla_typing', 'HLA typing'), ('pregnancy_test', 'Pregnancy test'), ('echocardiogram', 'Echocardiogram')], help_text='For a work-up event: which relapse work-up item was done.', max_length=30),
        ),
        migrations.AddField(
            model_name='referral',
            name='appointment_date',
            field=models.DateField(blank=True, help_text='For a scheduled referral: the appointment (may lie ahead).', null=True),
        ),
        migrations.AlterField(
            model_name='event',
            name='type',
            field=models.CharField(choices=[('blinatumomab', 'Blinatumomab'), ('inotuzumab', 'Inotuzumab'), ('car_t', 'CAR-T'), ('revumenib', 'Revumenib'), ('nelarabine', 'Nelarabine'), ('tki', 'TKI'), ('chemotherapy', 'Chemotherapy'), ('rituximab', 'Rituximab'), ('allo_hsct', 'Allogeneic HSCT'), ('dli', 'Donor lymphocyte infusion'), ('it_chemotherapy', 'Intrathecal chemotherapy'), ('cranial_rt', 'Cranial radiotherapy'), ('testicular_rt', 'Testicular radiotherapy'), ('relapse', 'Relapse'), ('cns_event', 'CNS event'), ('response', 'Response'), ('toxicity', 'Toxicity'), ('workup', 'Work-up')], max_length=20),
        ),
        migrations.AlterField(
            model_name='referral',
            name='date',
            field=models.DateField(blank=True, help_text='The date the referral reached its current status (needed for every status but needed).', null=True),
        ),
    ]

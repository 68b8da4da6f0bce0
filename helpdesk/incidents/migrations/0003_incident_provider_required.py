import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0002_fill_incident_providers"),
        ("tickets", "0005_workdays_validator"),
    ]

    operations = [
        migrations.AlterField(
            model_name="incidententry",
            name="provider",
            field=models.ForeignKey(
                help_text="Incidents open tickets only at the provider they were bought or added at.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="tickets.provider",
                verbose_name="provider",
            ),
        ),
    ]

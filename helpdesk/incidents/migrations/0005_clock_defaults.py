# The time fields take their default from helpdesk.clock instead of auto_now(_add): a
# change of the model state only (Django sets these values, not the database), so no
# table is rebuilt.

import helpdesk.clock
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0004_alter_ticketexpense_ticketexpense_amount_positive'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='incidententry',
                    name='created_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, editable=False, verbose_name='date'),
                ),
                migrations.AlterField(
                    model_name='ticketexpense',
                    name='created_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, editable=False, verbose_name='date'),
                ),
            ],
        ),
    ]

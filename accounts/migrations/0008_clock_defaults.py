# The time fields take their default from helpdesk.clock instead of auto_now(_add): a
# change of the model state only (Django sets these values, not the database), so no
# table is rebuilt.

import helpdesk.clock
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0007_alter_ledgerentry_ledgerentry_amount_nonzero'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='client',
                    name='created_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, editable=False, verbose_name='registered'),
                ),
                migrations.AlterField(
                    model_name='ledgerentry',
                    name='created_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, editable=False, verbose_name='date'),
                ),
            ],
        ),
    ]

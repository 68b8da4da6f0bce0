# The time fields take their default from helpdesk.clock instead of auto_now(_add): a
# change of the model state only (Django sets these values, not the database), so no
# table is rebuilt.

import helpdesk.clock
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tickets', '0016_one_filter_kinds'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='savedfilter',
                    name='updated_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, editable=False, verbose_name='updated'),
                ),
                migrations.AlterField(
                    model_name='savedview',
                    name='created_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, editable=False, verbose_name='created'),
                ),
                migrations.AlterField(
                    model_name='servicestatuschange',
                    name='changed_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, editable=False, verbose_name='date'),
                ),
                migrations.AlterField(
                    model_name='ticket',
                    name='changed_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, editable=False, null=True, verbose_name='changed'),
                ),
                migrations.AlterField(
                    model_name='ticket',
                    name='created_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, editable=False, verbose_name='created'),
                ),
                migrations.AlterField(
                    model_name='ticketevent',
                    name='created_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, verbose_name='date'),
                ),
            ],
        ),
    ]

# The time fields take their default from helpdesk.clock instead of auto_now(_add): a
# change of the model state only (Django sets these values, not the database), so no
# table is rebuilt.

import helpdesk.clock
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('violations', '0003_alter_scorerule_scorerule_limit_positive_and_more'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='violation',
                    name='created_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, verbose_name='registered'),
                ),
            ],
        ),
    ]

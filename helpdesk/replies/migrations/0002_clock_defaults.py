# The time fields take their default from helpdesk.clock instead of auto_now(_add): a
# change of the model state only (Django sets these values, not the database), so no
# table is rebuilt.

import helpdesk.clock
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('replies', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='replytemplate',
                    name='updated_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, editable=False, verbose_name='changed'),
                ),
            ],
        ),
    ]

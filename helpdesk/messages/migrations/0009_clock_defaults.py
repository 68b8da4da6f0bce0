# The time fields take their default from helpdesk.clock instead of auto_now(_add): a
# change of the model state only (Django sets these values, not the database), so no
# table is rebuilt.

import helpdesk.clock
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('ticket_messages', '0008_department_words'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='message',
                    name='created_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, verbose_name='posted'),
                ),
                migrations.AlterField(
                    model_name='messagerevision',
                    name='edited_at',
                    field=models.DateTimeField(default=helpdesk.clock.now, editable=False, verbose_name='edited'),
                ),
            ],
        ),
    ]

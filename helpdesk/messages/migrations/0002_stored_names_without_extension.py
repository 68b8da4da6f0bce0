"""Files stored before attachment_path dropped extensions get a random name without one;
the uploaded name stays in Attachment.name for display and download."""

import secrets
from pathlib import PurePosixPath

from django.db import migrations


def rename_stored_files(apps, schema_editor):
    Attachment = apps.get_model("ticket_messages", "Attachment")
    for attachment in Attachment.objects.exclude(file="").iterator():
        old, storage = attachment.file.name, attachment.file.storage
        if not PurePosixPath(old).suffix or not storage.exists(old):
            continue
        with storage.open(old, "rb") as handle:
            new = storage.save(str(PurePosixPath(old).with_name(secrets.token_hex(16))), handle)
        Attachment.objects.filter(pk=attachment.pk).update(file=new)
        storage.delete(old)


class Migration(migrations.Migration):
    dependencies = [("ticket_messages", "0001_initial")]

    operations = [migrations.RunPython(rename_stored_files, migrations.RunPython.noop)]

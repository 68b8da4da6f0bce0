"""The staff client filter (the chip) becomes the client of the one saved filter."""

from django.db import migrations


def merge_client_filters(apps, schema_editor):
    SavedFilter = apps.get_model("tickets", "SavedFilter")
    for chip in SavedFilter.objects.filter(kind="queue_client"):
        client = chip.params.get("client") if isinstance(chip.params, dict) else None
        if client:
            saved, _created = SavedFilter.objects.get_or_create(
                user_id=chip.user_id, kind="queue", defaults={"params": {}}
            )
            params = saved.params if isinstance(saved.params, dict) else {}
            saved.params = {**params, "client": client}
            saved.save(update_fields=["params"])
        chip.delete()


class Migration(migrations.Migration):
    dependencies = [("tickets", "0010_search")]

    operations = [migrations.RunPython(merge_client_filters, migrations.RunPython.noop)]

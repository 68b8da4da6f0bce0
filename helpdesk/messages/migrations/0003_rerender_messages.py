"""Re-render every stored message with the live renderer (helpdesk/messages/markdown.py:
cmark-gfm and nh3, images only of the message's own ticket). Batches by primary key, each committed on its own, so a million
rows neither hold one long transaction nor sit in memory; running it twice is harmless."""

from django.db import migrations, transaction

BATCH = 1000


def rerender(apps, schema_editor):
    # The live renderer, not a copy: the migration exists to apply exactly today's rules.
    from helpdesk.messages.markdown import render_markdown

    Message = apps.get_model("ticket_messages", "Message")
    rows = Message.objects.using(schema_editor.connection.alias).only("id", "ticket_id", "body", "html")
    last = 0
    while batch := list(rows.filter(pk__gt=last).order_by("pk")[:BATCH]):
        last = batch[-1].pk
        changed = []
        for message in batch:
            html = render_markdown(message.body, ticket_id=message.ticket_id)
            if html != message.html:
                message.html = html
                changed.append(message)
        with transaction.atomic(using=schema_editor.connection.alias):
            Message.objects.using(schema_editor.connection.alias).bulk_update(changed, ["html"])


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("ticket_messages", "0002_stored_names_without_extension")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop, elidable=True)]

from django.db import migrations, models


def phone_digits(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[-9:] if len(digits) >= 6 else ""


def fill_keys(apps, schema_editor):
    """Existing clients get the phone key, and their e-mail in lower case, as the service now
    stores them, so the duplicate check finds them by one indexed equality."""
    Client = apps.get_model("casework", "Client")
    for client in Client.objects.exclude(phone="", email="").only("pk", "phone", "email"):
        Client.objects.filter(pk=client.pk).update(
            phone_key=phone_digits(client.phone), email=client.email.strip().lower()
        )


class Migration(migrations.Migration):
    dependencies = [("casework", "0002_retention_rules_and_name_search")]

    operations = [
        migrations.RemoveIndex(model_name="client", name="casework_cl_organis_0fd08d_idx"),
        migrations.AddField(
            model_name="client",
            name="phone_key",
            field=models.CharField(blank=True, max_length=12),
        ),
        migrations.AddIndex(
            model_name="client",
            index=models.Index(
                fields=["organisation", "phone_key"], name="casework_cl_organis_47fecb_idx"
            ),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]

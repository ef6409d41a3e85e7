from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

DEFAULT_RULES = [
    # (record type, days, legal basis). The controller of each installation must confirm the
    # periods against its funding contract; these are conservative starting values.
    ("client_closed", 3 * 365,
     "Art. 5 (1) (e) GDPR, storage limitation; period to be confirmed by the controller "
     "against the funding conditions"),
    ("client_no_consent", 90, "Art. 6 (1) (b) GDPR, steps prior to counselling; no consent"),
    ("consent_withdrawn", 30, "Art. 7 (3) and Art. 17 (1) (b) GDPR, consent withdrawn"),
    ("document", 365, "Art. 5 (1) (c) and (e) GDPR, copies needed only while the case runs"),
    ("appointment_request", 180, "Art. 5 (1) (e) GDPR, request answered"),
]


def add_rules(apps, schema_editor):
    RetentionRule = apps.get_model("casework", "RetentionRule")
    for record_type, days, basis in DEFAULT_RULES:
        RetentionRule.objects.get_or_create(
            record_type=record_type, defaults={"days": days, "legal_basis": basis}
        )


def trigram_index(apps, schema_editor):
    """On PostgreSQL, name search ("contains") uses a trigram index instead of a full scan."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS casework_client_name_trgm "
        "ON casework_client USING gin (name_key gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS casework_client_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(add_rules, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, drop_trigram_index),
    ]

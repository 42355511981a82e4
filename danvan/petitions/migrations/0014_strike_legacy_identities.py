# Audit entries and letters written before the redaction fixes of issue #11 still name
# denouncers: entries about protected visits (whose text held the visitor's name) and about
# denunciations (their summary) get the object's text as it is written now, the identity struck
# from their changes, and the audit chain re-hashed from the first entry changed; stored
# denunciations are struck again as `danvan redact-denunciations` does. Once, here, because the
# chain (core 0007) came in the same release (petitions.legacy_audit, tested in
# petitions/tests/test_trust_leftovers.py).

from django.db import migrations


def strike(apps, schema_editor):
    from danvan.petitions.legacy_audit import strike_legacy

    strike_legacy(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0007_audit_chain_sealed_attachments"),
        ("petitions", "0013_sign_off_and_feedback_deadline"),
    ]

    # Not reversible in the sense of putting names back.
    operations = [migrations.RunPython(strike, migrations.RunPython.noop)]

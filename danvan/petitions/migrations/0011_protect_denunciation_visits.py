# Lines of the register written before visits had their own vault: each denunciation (and each
# visit whose petition is one) gets its identity sealed with DANVAN_IDENTITY_KEYS, its name,
# address and ID number cleared, its free text struck of the identity
# (petitions.reception.protect_visits, tested in petitions/tests/test_visit_identity.py).

from django.db import migrations


def protect(apps, schema_editor):
    from danvan.petitions.reception import protect_visits

    protect_visits(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0010_visit_identity"),
    ]

    # Not reversible in the sense of putting names back: going back leaves the lines protected.
    operations = [migrations.RunPython(protect, migrations.RunPython.noop)]

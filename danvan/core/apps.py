from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "danvan.core"
    verbose_name = "Hệ thống"

    def ready(self) -> None:
        from django.forms.models import ModelChoiceField

        from danvan.core import (
            checks,  # noqa: F401 - its system checks
            choices,
            deadlines,  # noqa: F401 - its signal handlers
            roles,
        )
        from danvan.core.audit import register_labels
        from danvan.core.fields import ReadChoices
        from danvan.core.models import Role

        choices.install()
        # Every model choice field's options, ModelForms' included (core.fields.ReadChoices).
        ModelChoiceField.iterator = ReadChoices
        role_labels = {"user_role": dict(Role.choices)}
        register_labels(
            actions=roles.ACTIONS,
            fields=roles.FIELDS,
            values={action: role_labels for action in roles.ACTIONS},
        )

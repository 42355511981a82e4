from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form renders through our two templates: labels, help, errors, accessible."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"

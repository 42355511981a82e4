from danvan.core import domain


class InspectionsConfig(domain.AppConfig):
    name = "danvan.inspections"
    verbose_name = "Kiểm tra kỷ luật, kỷ cương, công vụ"

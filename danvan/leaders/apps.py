from danvan.core import domain


class LeadersConfig(domain.AppConfig):
    """The leaders' loop: directives, "Việc của tôi", the overview, the periodic report.

    Like core, it reads the domain apps only through their AppConfig hooks (`overview`,
    `my_work`), never by importing them; the domain apps do not import it either (their pages
    show an item's directives through this app's template tags).
    """

    name = "danvan.leaders"
    verbose_name = "Điều hành"

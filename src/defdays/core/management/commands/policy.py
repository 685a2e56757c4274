from django.core.management.base import BaseCommand

from defdays.core.access import iter_url_rules


class Command(BaseCommand):
    help = "Print every URL with the access rule its view declares (deny by default: '-' means refused)."

    def handle(self, *args, **options):
        rows = sorted(iter_url_rules(), key=lambda row: row[0])
        width = max(len(route) for route, *_ in rows)
        for route, name, _view, rule in rows:
            self.stdout.write(f"/{route.ljust(width)}  {(rule.label if rule else '- (refused)'):<40} {name or ''}")

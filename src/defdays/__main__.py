"""The `defdays` command: Django's management commands under the product's name.

`defdays migrate`, `defdays demo`, `defdays worker`, `defdays runserver` ... like `python -m pretalx`.
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defdays.settings")
    from django.core.management import execute_from_command_line

    argv = list(argv if argv is not None else sys.argv)
    argv[0] = "defdays"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()

# The largest value of a BigAutoField / bigint column. A larger number in a query overflows in the database driver
# (SQLite raises OverflowError: a 500 page), so every id taken from a URL or a form is bounded by it.
MAX_ID = 2**63 - 1
FIRST_YEAR, LAST_YEAR = 1000, 2999  # what YearConverter matches: an edition outside it would have no URL


class YearConverter:
    """Four-digit years only: /99999999999/ is a clean 404, not a database overflow."""

    regex = "[12][0-9]{3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class IdConverter(YearConverter):
    """Row ids and small counters in URLs: at most 18 digits (below MAX_ID), so a huge number is a 404."""

    regex = "[0-9]{1,18}"

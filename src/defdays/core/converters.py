class YearConverter:
    """Four-digit years only: /99999999999/ is a clean 404, not a database overflow."""

    regex = "[12][0-9]{3}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)

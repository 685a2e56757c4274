"""Charts drawn on the server: the geometry is computed here, `dashboard/_chart.html` writes it out as SVG with a
title, a description and the same numbers in a table beside it. No script, nothing from another host.

A chart holds numbers and category labels (states, days, session titles), never a person's name. A breakdown of
people by country or organisation passes `people_by_group=True`: its numbers go through core.small_counts, so a
small group is shown as "< 5" and drawn as if it were empty, the same for 1 as for 4.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from defdays.core.small_counts import GroupCount, group_count, masked_total

WIDTH = 480  # viewBox units, about the pixels it is drawn at beside its table
BAR_AREA = 420  # the longest bar; the rest of the width holds its number
ROW = 42  # label line above, bar below
BAR = 16


@dataclass(frozen=True)
class Series:
    key: str  # a CSS class suffix: chart-<key> gives the colour
    label: str


@dataclass(frozen=True)
class Segment:
    series: Series
    x: float
    width: float
    shown: str


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[str]  # one shown number per series, in series order
    total: str
    segments: list[Segment]
    label_y: int
    bar_y: int
    end_x: float  # where the row's total is written


@dataclass
class Chart:
    id: str  # unique on the page: the SVG's title and description are found by it
    title: str
    description: str
    series: list[Series]
    rows: list[Row] = field(default_factory=list)
    height: int = 0
    width: int = WIDTH
    bar_height: int = BAR
    row_heading: str = ""

    @property
    def is_empty(self) -> bool:
        return not self.rows


def _shown(n: int, people_by_group: bool) -> GroupCount:
    return group_count(n) if people_by_group else GroupCount(value=n, shown=str(n), masked=False)


def stacked_chart(
    *,
    id: str,
    title: str,
    description: str,
    series: list[Series],
    rows: list[tuple[str, dict[str, int]]],
    row_heading: str,
    scale_to: int | None = None,
    people_by_group: bool = False,
) -> Chart:
    """Horizontal bars, one per row, each split into the series' segments in order. `scale_to` fixes the value
    of the longest bar (a capacity); otherwise the largest row total."""
    chart = Chart(id=id, title=title, description=description, series=series, row_heading=row_heading)
    shown_rows = []
    for label, values in rows:
        counts = [_shown(values.get(s.key, 0), people_by_group) for s in series]
        drawn = [0 if c.masked else c.value for c in counts]
        if len(counts) == 1:
            total = counts[0]
        elif people_by_group:
            total = masked_total([c.value for c in counts])
        else:
            total = _shown(sum(drawn), False)
        shown_rows.append((label, counts, drawn, total))
    longest = max([scale_to or 0, *(sum(drawn) for _l, _c, drawn, _t in shown_rows)], default=0) or 1
    for index, (label, counts, drawn, total) in enumerate(shown_rows):
        y, x, segments = index * ROW, 0.0, []
        for s, count, value in zip(series, counts, drawn, strict=True):
            width = round(BAR_AREA * value / longest, 1)
            if width > 0:
                segments.append(Segment(series=s, x=x, width=width, shown=count.shown))
            x += width
        chart.rows.append(
            Row(
                label=label,
                cells=[c.shown for c in counts],
                total=total.shown,
                segments=segments,
                label_y=y + 15,
                bar_y=y + 21,
                end_x=round(x + 6, 1),
            )
        )
    chart.height = max(len(chart.rows) * ROW, ROW)
    return chart


def bar_chart(
    *,
    id: str,
    title: str,
    description: str,
    rows: list[tuple[str, int]],
    row_heading: str,
    value_label: str,
    people_by_group: bool = False,
) -> Chart:
    """One bar per row: a stacked chart of a single series."""
    only = Series(key="0", label=value_label)
    return stacked_chart(
        id=id,
        title=title,
        description=description,
        series=[only],
        rows=[(label, {only.key: n}) for label, n in rows],
        row_heading=row_heading,
        people_by_group=people_by_group,
    )

"""Markdown written by staff (news posts, the country report, texts of an edition) turned into safe HTML.

The one owner of that rule: every app renders Markdown through `render` (or `render_document` when it needs the
headings for a table of contents), never through markdown-it or nh3 directly.

Two layers, because either alone has failed other projects: markdown-it runs with raw HTML switched off, so
`<script>` or `<iframe>` typed into a post stays text; nh3 then cleans the result against a short list of tags and
attributes, so no renderer option or plugin can let an event handler or a `javascript:` link through. Images are
kept only when they point at this site (a path beginning with one `/`): a picture from another host would tell
that host who reads the page, and when.
"""

from __future__ import annotations

import html as html_entities
import re
from dataclasses import dataclass

import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

# Longer input is refused by the forms (`MAX_SOURCE_CHARS`) and cut here, so that nothing pasted by mistake can
# make one page render for seconds.
MAX_SOURCE_CHARS = 400_000

_TAGS = {
    "a", "abbr", "blockquote", "br", "caption", "code", "del", "em", "h2", "h3", "h4", "h5", "h6", "hr", "img",
    "li", "ol", "p", "pre", "section", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "id", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "li": {"id"},
    "sup": {"id"},
    "section": {"class"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align", "scope"},
    "abbr": {"title"},
}
_URL_SCHEMES = {"http", "https", "mailto"}
# A path on this site: one slash, then not a second one (`//host/x` is another host).
_SAME_SITE = re.compile(r"^/(?!/)")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Document:
    html: SafeString
    headings: tuple[Heading, ...]


def _parser() -> MarkdownIt:
    # "commonmark" with html=False: tags typed in the text are shown as text. Tables and strikethrough are the
    # GFM parts staff expect; linkify stays off so a bare word never becomes a link to a host.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    return md


_MD = _parser()


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        # Only pictures we serve ourselves; anything else is dropped, leaving the alt text.
        return value if _SAME_SITE.match(value) else None
    if tag == "a" and attribute == "id" and not value.startswith("fnref"):
        return None
    return value


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        attribute_filter=_keep_attribute,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _number_headings(tokens, *, id_prefix: str) -> tuple[Heading, ...]:
    """Give every heading a stable anchor (for the table of contents) and collect them in order."""
    headings: list[Heading] = []
    seen: dict[str, int] = {}
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1])
        if level == 1:
            # The page's own title is the only <h1>; a "# Title" in the text becomes a section heading.
            token.tag = "h2"
            tokens[index + 2].tag = "h2"
            level = 2
        text = tokens[index + 1].content
        base = slugify(text)[:60] or "section"
        seen[base] = seen.get(base, 0) + 1
        anchor = f"{id_prefix}{base}" if seen[base] == 1 else f"{id_prefix}{base}-{seen[base]}"
        token.attrSet("id", anchor)
        headings.append(Heading(level=level, text=text, anchor=anchor))
    return tuple(headings)


def render_document(source: str, *, id_prefix: str = "s-") -> Document:
    """The HTML of `source` and its headings (level, text, anchor), for a page with a table of contents."""
    tokens = _MD.parse((source or "")[:MAX_SOURCE_CHARS])
    headings = _number_headings(tokens, id_prefix=id_prefix)
    html = _MD.renderer.render(tokens, _MD.options, {})
    return Document(html=mark_safe(_clean(html)), headings=headings)  # noqa: S308 - cleaned by nh3 above


def render(source: str) -> SafeString:
    """Safe HTML of a Markdown text."""
    return render_document(source).html


def plain_text(source: str, *, limit: int | None = None) -> str:
    """The words of a Markdown text without markup: for feeds' summaries, `<meta>` descriptions, emails."""
    text = html_entities.unescape(nh3.clean(str(render(source)), tags=set()))
    text = re.sub(r"\s+", " ", text).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text

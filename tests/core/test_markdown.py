"""Staff Markdown (core.markdown): nothing that runs, nothing from another host, headings for a table of contents."""

from defdays.core.markdown import plain_text, render, render_document


def test_raw_html_and_scripts_stay_text():
    html = str(render("Hello <script>alert(1)</script> <img src=x onerror=alert(1)> <iframe src=/x></iframe>"))
    assert "<script" not in html
    assert "<img" not in html
    assert "<iframe" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_are_not_links():
    html = str(
        render("[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](https://ok.example)")
    )
    assert 'href="javascript' not in html.lower()
    assert 'href="data:' not in html
    assert 'href="https://ok.example"' in html
    assert "noopener" in html


def test_images_only_from_this_site():
    html = str(render("![far](https://evil.example/p.png) ![proto](//evil.example/p.png) ![ours](/news/img/1/)"))
    assert "evil.example" not in html
    assert 'src="/news/img/1/"' in html
    assert 'alt="far"' in html  # the words stay, the picture from elsewhere does not


def test_headings_get_anchors_and_h1_becomes_a_section():
    document = render_document("# Intro\n\ntext\n\n## Sources\n\n## Sources\n")
    assert [(h.level, h.anchor) for h in document.headings] == [(2, "s-intro"), (2, "s-sources"), (2, "s-sources-2")]
    assert "<h1" not in document.html
    assert 'id="s-sources-2"' in document.html


def test_footnotes_render_in_order():
    html = str(render("One[^a] two[^b].\n\n[^a]: First note.\n[^b]: Second note.\n"))
    assert html.index("First note") < html.index("Second note")
    assert 'class="footnotes"' in html


def test_a_large_table_renders_and_event_attributes_never_pass():
    rows = "\n".join(f"| {i} | x |" for i in range(5000))
    html = str(render("| a | b |\n|---|---|\n" + rows))
    assert html.count("<tr>") == 5001
    assert "onerror" not in str(render('<a href="/" onclick="x()">a</a>'))


def test_plain_text_has_no_markup_and_is_cut():
    assert plain_text("**Bold** <b>x</b> and [link](https://a.example)", limit=14) == "Bold <b>x</b>…"

from defdays.people.presentation import rows


def test_nested_exports_become_labelled_rows():
    tree = rows(
        {
            "access_needs": None,
            "days": ["2013-04-02"],
            "seen": True,
            "nested": {},
            "when": "2013-04-02T10:00:00+00:00",
            "note": "T-shirt",
        }
    )
    flat = {child["label"]: child for child in tree["children"]}
    assert flat["Access needs"]["text"] == "—"
    assert flat["Days"]["children"] == [{"label": "1", "text": "2013-04-02"}]
    assert flat["Seen"]["text"] == "yes"
    assert flat["Nested"]["text"] == "none"
    assert flat["When"]["text"].startswith("2013-04-02 ")
    assert flat["Note"]["text"] == "T-shirt"

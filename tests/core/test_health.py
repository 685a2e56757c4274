"""/livez answers without the database or the session (the liveness check and the benchmarks' baseline);
/healthz checks the database too."""

import pytest

pytestmark = pytest.mark.django_db


def test_livez_runs_no_query_and_sets_no_cookie(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/livez")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert not response.cookies


def test_healthz_asks_the_database(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(5) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert any("SELECT 1" in q["sql"] for q in queries.captured_queries)

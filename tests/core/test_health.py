from django.db import OperationalError, connection


def test_healthz_answers_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_reports_a_reachable_database(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_readyz_answers_503_when_the_database_fails(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("database is down")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_api_status_and_openapi_schema_are_published(client, db):
    assert client.get("/api/v1/status").json()["status"] == "ok"
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Lotse API"
    assert "/api/v1/status" in schema["paths"]


def test_api_docs_are_served_without_any_third_party_host(client, db):
    html = client.get("/api/v1/docs").content.decode()
    assert '<script src="/static/ninja/swagger-ui-bundle.js">' in html
    assert "https://" not in html and "http://" not in html

from litestar.status_codes import HTTP_200_OK
from litestar.testing import TestClient

from app import app


def test_index_says_hello() -> None:
    with TestClient(app=app) as client:
        response = client.get("/")
    assert response.status_code == HTTP_200_OK
    assert response.json() == {"message": "Hello, world!"}


def test_openapi_schema_is_served() -> None:
    with TestClient(app=app) as client:
        response = client.get("/schema/openapi.json")
    assert response.status_code == HTTP_200_OK
    assert "/" in response.json()["paths"]

import re

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


def test_the_docs_page_loads_its_files_from_this_app() -> None:
    with TestClient(app=app) as client:
        page = client.get("/schema")
        urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        answers = {url: client.get(url) for url in urls}
    assert page.status_code == HTTP_200_OK
    assert "/schema/assets/swagger-ui-bundle.js" in urls
    for url, answer in answers.items():
        assert url.startswith("/schema/assets/"), url  # no CDN: the page works offline
        assert answer.status_code == HTTP_200_OK, url
    assert "javascript" in answers["/schema/assets/swagger-ui-bundle.js"].headers["content-type"]

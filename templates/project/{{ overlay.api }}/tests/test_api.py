import re

from litestar import Litestar
from litestar.status_codes import HTTP_200_OK
from litestar.testing import TestClient

Client = TestClient[Litestar]


def test_health(client: Client) -> None:
    response = client.get("/health")
    assert response.status_code == HTTP_200_OK
    assert response.json()["status"] == "ok"


def test_openapi_schema_lists_the_routes(client: Client) -> None:
    response = client.get("/schema/openapi.json")
    assert response.status_code == HTTP_200_OK
    paths = response.json()["paths"]
    assert {"/health", "/api/books", "/api/books/{book_id}"} <= set(paths)


def test_the_docs_page_loads_its_files_from_this_app(client: Client) -> None:
    page = client.get("/schema")
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert page.status_code == HTTP_200_OK
    assert "/schema/assets/swagger-ui-bundle.js" in urls
    for url in urls:
        assert url.startswith("/schema/assets/"), url  # no CDN: the page works offline
        assert client.get(url).status_code == HTTP_200_OK, url
    script = client.get("/schema/assets/swagger-ui-bundle.js")
    assert "javascript" in script.headers["content-type"]


def test_the_openapi_document_types_every_error_and_closes_every_input(client: Client) -> None:
    """What client generators read: each 4xx with its body, and no unknown field accepted."""
    document = client.get("/schema/openapi.json").json()
    schemas = document["components"]["schemas"]

    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status, answer in operation["responses"].items():
                if status.startswith("4"):
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (method, path)
            if "requestBody" in operation:
                ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                assert schemas[ref.rsplit("/", 1)[1]]["additionalProperties"] is False, ref
    assert set(schemas["BookPage"]["required"]) == {"items", "limit", "offset", "total"}

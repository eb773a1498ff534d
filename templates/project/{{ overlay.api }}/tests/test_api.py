import re
from typing import Any
from uuid import uuid4

import pytest
from litestar import Litestar
from litestar.status_codes import (
    HTTP_200_OK,
    HTTP_201_CREATED,
    HTTP_204_NO_CONTENT,
    HTTP_400_BAD_REQUEST,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
)
from litestar.testing import TestClient

Client = TestClient[Litestar]
DUNE = {"title": "Dune", "author": "Frank Herbert", "isbn": "9780441172719"}


def create_book(client: Client, **changes: Any) -> dict[str, Any]:
    response = client.post("/api/books", json={**DUNE, **changes})
    assert response.status_code == HTTP_201_CREATED, response.text
    book: dict[str, Any] = response.json()
    return book


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


def test_create_returns_the_book_with_server_fields(client: Client) -> None:
    book = create_book(client)
    assert book["title"] == "Dune"
    assert {"id", "created_at", "updated_at"} <= set(book)


@pytest.mark.parametrize(
    "body",
    [
        {"author": "Frank Herbert"},  # no title
        {**DUNE, "title": ""},  # too short
        {**DUNE, "author": 42},  # wrong type
        {**DUNE, "isbn": "not-an-isbn"},  # no match
        {**DUNE, "id": "2c9d4b4e-3f0a-4a43-9d39-2f1d8d61e8a5"},  # server-managed field
    ],
)
def test_create_refuses_invalid_books(client: Client, body: dict[str, Any]) -> None:
    response = client.post("/api/books", json=body)
    assert response.status_code == HTTP_400_BAD_REQUEST
    assert response.json()["status_code"] == HTTP_400_BAD_REQUEST


def test_create_refuses_a_duplicate_isbn(client: Client) -> None:
    create_book(client)
    response = client.post("/api/books", json=DUNE)
    assert response.status_code == HTTP_409_CONFLICT


def test_get_returns_the_book(client: Client) -> None:
    book = create_book(client)
    response = client.get(f"/api/books/{book['id']}")
    assert response.status_code == HTTP_200_OK
    assert response.json() == book


def test_get_unknown_book_is_404(client: Client) -> None:
    response = client.get(f"/api/books/{uuid4()}")
    assert response.status_code == HTTP_404_NOT_FOUND
    assert response.json()["status_code"] == HTTP_404_NOT_FOUND


def test_list_is_paginated(client: Client) -> None:
    for n in range(3):
        create_book(client, title=f"Book {n}", isbn=f"978044117271{n}")
    response = client.get("/api/books", params={"limit": 2, "offset": 1})
    assert response.status_code == HTTP_200_OK
    page = response.json()
    assert page["total"] == 3
    assert page["limit"] == 2
    assert page["offset"] == 1
    assert [b["title"] for b in page["items"]] == ["Book 1", "Book 2"]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}])
def test_list_refuses_bad_pagination(client: Client, params: dict[str, int]) -> None:
    response = client.get("/api/books", params=params)
    assert response.status_code == HTTP_400_BAD_REQUEST


def test_update_changes_only_the_fields_given(client: Client) -> None:
    book = create_book(client)
    response = client.patch(f"/api/books/{book['id']}", json={"author": "F. Herbert"})
    assert response.status_code == HTTP_200_OK
    updated = response.json()
    assert updated["author"] == "F. Herbert"
    assert updated["title"] == book["title"]
    assert updated["updated_at"] >= book["updated_at"]


def test_update_unknown_book_is_404(client: Client) -> None:
    response = client.patch(f"/api/books/{uuid4()}", json={"author": "F. Herbert"})
    assert response.status_code == HTTP_404_NOT_FOUND


def test_update_refuses_invalid_changes(client: Client) -> None:
    book = create_book(client)
    response = client.patch(f"/api/books/{book['id']}", json={"title": ""})
    assert response.status_code == HTTP_400_BAD_REQUEST


def test_update_refuses_a_taken_isbn(client: Client) -> None:
    create_book(client)
    other = create_book(client, title="Other", isbn="9780000000002")
    response = client.patch(f"/api/books/{other['id']}", json={"isbn": DUNE["isbn"]})
    assert response.status_code == HTTP_409_CONFLICT


def test_delete_removes_the_book(client: Client) -> None:
    book = create_book(client)
    assert client.delete(f"/api/books/{book['id']}").status_code == HTTP_204_NO_CONTENT
    assert client.get(f"/api/books/{book['id']}").status_code == HTTP_404_NOT_FOUND


def test_delete_unknown_book_is_404(client: Client) -> None:
    response = client.delete(f"/api/books/{uuid4()}")
    assert response.status_code == HTTP_404_NOT_FOUND


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

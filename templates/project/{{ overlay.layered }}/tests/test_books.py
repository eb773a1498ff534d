from uuid import uuid4

import pytest

from tests.helpers import Client

DUNE = {"title": "Dune", "author": "Frank Herbert", "isbn": "9780441172719"}


async def create_book(
    client: Client, headers: dict[str, str], **fields: object
) -> dict[str, object]:
    response = await client.post("/api/books", json={**DUNE, **fields}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


async def test_create_and_get(client: Client, alice: dict[str, str]) -> None:
    created = await create_book(client, alice)

    response = await client.get(f"/api/books/{created['id']}", headers=alice)

    assert response.status_code == 200
    assert response.json() == created
    assert {"id", "owner_id", "created_at", "updated_at"} <= set(created)


@pytest.mark.parametrize(
    "body",
    [
        {"title": "", "author": "A"},
        {"author": "A"},
        {"title": "T", "author": "A", "isbn": "123"},
        {"title": 7, "author": "A"},
        {"title": "T", "author": "A", "owner_id": str(uuid4())},
        {"title": "T", "author": "A", "id": str(uuid4())},
    ],
    ids=["empty-title", "missing-title", "bad-isbn", "wrong-type", "owner-id", "id"],
)
async def test_create_rejects_invalid_and_server_managed_fields(
    client: Client, alice: dict[str, str], body: dict[str, object]
) -> None:
    response = await client.post("/api/books", json=body, headers=alice)

    assert response.status_code == 400
    assert "detail" in response.json()


async def test_duplicate_isbn_of_one_owner_is_409(
    client: Client, alice: dict[str, str], bob: dict[str, str]
) -> None:
    await create_book(client, alice)

    duplicate = await client.post("/api/books", json=DUNE, headers=alice)
    other_owner = await client.post("/api/books", json=DUNE, headers=bob)

    assert duplicate.status_code == 409
    assert duplicate.json()["detail"] == "A book with this ISBN is already in your collection"
    assert other_owner.status_code == 201


async def test_list_is_paginated_and_only_mine(
    client: Client, alice: dict[str, str], bob: dict[str, str]
) -> None:
    for number in range(3):
        await create_book(client, alice, title=f"Volume {number}", isbn=None)
    await create_book(client, bob)

    first = (await client.get("/api/books", params={"limit": 2}, headers=alice)).json()
    rest = (await client.get("/api/books", params={"limit": 2, "offset": 2}, headers=alice)).json()

    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (3, 2, 0, 2)
    assert (rest["total"], rest["offset"], len(rest["items"])) == (3, 2, 1)
    titles = {item["title"] for item in first["items"] + rest["items"]}
    assert titles == {"Volume 0", "Volume 1", "Volume 2"}


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"offset": 2**63}, {"limit": "x"}]
)
async def test_list_rejects_bad_pagination(
    client: Client, alice: dict[str, str], params: dict[str, int | str]
) -> None:
    response = await client.get("/api/books", params=params, headers=alice)

    assert response.status_code == 400


async def test_update_changes_only_the_given_fields(client: Client, alice: dict[str, str]) -> None:
    created = await create_book(client, alice)

    response = await client.patch(
        f"/api/books/{created['id']}", json={"title": "Dune Messiah"}, headers=alice
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["author"], body["isbn"]) == (
        "Dune Messiah",
        "Frank Herbert",
        DUNE["isbn"],
    )


async def test_update_can_clear_the_isbn(client: Client, alice: dict[str, str]) -> None:
    created = await create_book(client, alice)

    response = await client.patch(f"/api/books/{created['id']}", json={"isbn": None}, headers=alice)

    assert response.status_code == 200
    assert response.json()["isbn"] is None


async def test_update_to_a_duplicate_isbn_is_409(client: Client, alice: dict[str, str]) -> None:
    await create_book(client, alice)
    other = await create_book(client, alice, title="Other", isbn="0306406152")

    response = await client.patch(
        f"/api/books/{other['id']}", json={"isbn": DUNE["isbn"]}, headers=alice
    )

    assert response.status_code == 409


@pytest.mark.parametrize("body", [{"owner_id": str(uuid4())}, {"title": ""}, {"created_at": "x"}])
async def test_update_rejects_invalid_and_server_managed_fields(
    client: Client, alice: dict[str, str], body: dict[str, object]
) -> None:
    created = await create_book(client, alice)

    response = await client.patch(f"/api/books/{created['id']}", json=body, headers=alice)

    assert response.status_code == 400


async def test_delete(client: Client, alice: dict[str, str]) -> None:
    created = await create_book(client, alice)

    deleted = await client.delete(f"/api/books/{created['id']}", headers=alice)
    again = await client.get(f"/api/books/{created['id']}", headers=alice)

    assert deleted.status_code == 204
    assert again.status_code == 404


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
async def test_another_users_book_is_403(
    client: Client, alice: dict[str, str], bob: dict[str, str], method: str
) -> None:
    created = await create_book(client, alice)

    response = await client.request(
        method, f"/api/books/{created['id']}", headers=bob, json={"title": "Mine now"}
    )

    assert response.status_code == 403
    assert (await client.get(f"/api/books/{created['id']}", headers=alice)).json() == created


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
async def test_unknown_book_is_404(client: Client, alice: dict[str, str], method: str) -> None:
    response = await client.request(
        method, f"/api/books/{uuid4()}", headers=alice, json={"title": "T"}
    )

    assert response.status_code == 404
    assert response.json() == {"status_code": 404, "detail": "Book not found"}


async def test_malformed_book_id_is_404(client: Client, alice: dict[str, str]) -> None:
    response = await client.get("/api/books/not-a-uuid", headers=alice)

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/books"),
        ("POST", "/api/books"),
        ("GET", f"/api/books/{uuid4()}"),
        ("PATCH", f"/api/books/{uuid4()}"),
        ("DELETE", f"/api/books/{uuid4()}"),
    ],
)
async def test_every_book_route_needs_a_token(client: Client, method: str, path: str) -> None:
    response = await client.request(method, path, json=DUNE)

    assert response.status_code == 401
    assert response.json()["status_code"] == 401

"""Read a generated app's OpenAPI document: which input schemas are closed, what errors a route
documents and with which body."""

from __future__ import annotations

from typing import Any

ERROR_BODY = "#/components/schemas/ErrorBody"


def closed_inputs(document: dict[str, Any]) -> dict[str, object]:
    """``additionalProperties`` of each schema a request body refers to."""
    schemas = document["components"]["schemas"]
    refs = {
        media["schema"]["$ref"].rsplit("/", 1)[1]
        for path in document["paths"].values()
        for operation in path.values()
        for media in operation.get("requestBody", {}).get("content", {}).values()
    }
    return {name: schemas[name].get("additionalProperties") for name in sorted(refs)}


def error_answers(operation: dict[str, Any]) -> dict[str, str | None]:
    """Each documented 4xx status of an operation and the ``$ref`` of its JSON body."""
    return {
        status: answer.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
        for status, answer in operation["responses"].items()
        if status.startswith("4")
    }

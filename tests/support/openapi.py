"""Read a generated app's OpenAPI document: which input schemas are closed, what errors a route
documents and with which body; and fuzz the app it describes with schemathesis."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.projects import clean_env

FUZZ_EXAMPLES = 25  # per operation and phase; about 700 requests in all on the layered preset
FUZZ_SEED = 20261201  # fixed, so that a failure in CI is the same failure on a laptop
# no 5xx; every answer's status documented (ST103); no body the schema allows refused (ST202)
FUZZ_CHECKS = ("not_a_server_error", "status_code_conformance", "positive_data_acceptance")

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


def fuzz(base: str, folder: Path, *extra: str) -> None:
    """schemathesis (its ``st`` command, every phase) against the app at ``base``: it must pass
    :data:`FUZZ_CHECKS`. ``extra``: more options (a token header, a report folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    command = [
        str(Path(sys.executable).with_name("st")),
        "run",
        f"{base}/schema/openapi.json",
        "--checks", ",".join(FUZZ_CHECKS),
        "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", str(FUZZ_EXAMPLES),
        "--seed", str(FUZZ_SEED),
        "--request-timeout", "20",
        "--generation-database", "none",
        "--no-color",
        *extra,
    ]  # fmt: skip
    result = subprocess.run(
        command,
        cwd=folder,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    summary = result.stdout[-6000:]
    assert result.returncode == 0, summary + result.stderr[-2000:]
    assert " passed" in summary, summary

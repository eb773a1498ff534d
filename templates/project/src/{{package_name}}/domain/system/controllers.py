"""Health: answers 200 while the process can serve requests."""

import msgspec
from litestar import Controller, get


class Health(msgspec.Struct):
    """The health route's answer."""

    status: str


class HealthController(Controller):
    """Routes for load balancers and orchestrators."""

    path = "/health"
    tags = ("system",)

    @get(summary="Health check")
    async def health(self) -> Health:
        """Say that the app is up."""
        return Health(status="ok")

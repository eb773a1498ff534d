from typing import Literal

import msgspec

__all__ = ("Health",)


class Health(msgspec.Struct):
    status: Literal["ok", "unavailable"]
    database: Literal["ok", "unreachable"]
    version: str

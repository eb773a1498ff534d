"""The ``add resource`` words the generation and smoke tiers both add to fresh projects."""

from __future__ import annotations

TWO_RELATED = [
    ["Author", "name:str", "bio:text?"],
    ["Article", "title:str", "published:date?", "author:ref:Author"],
]
"""Two resources, the second referring to the first."""

EVERY_TYPE = [
    "Gadget",
    *("code:str:unique", "note:text?", "count:int", "ratio:float?", "active:bool"),
    *("born:date", "seen:datetime?", "token:uuid:unique", "price:decimal", "tax:decimal?"),
    *("book:ref:Book?", "maker:ref:Author?"),
]
"""One field of every type (after :data:`TWO_RELATED`, which makes ``Author``)."""

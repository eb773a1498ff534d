"""The ``add resource`` words the generation and smoke tiers both add to fresh projects."""

from __future__ import annotations

import builtins
import keyword

from litestar_new.add.fields import check_field_name
from litestar_new.add.naming import snake_case
from litestar_new.errors import UsageError

TWO_RELATED = [
    ["Author", "name:str", "bio:text?"],
    ["Article", "title:str", "published:date?", "author:ref:Author"],
]
"""Two resources, the second referring to the first."""

EVERY_TYPE = [
    "Gadget",
    *("str:str:unique", "none:text?", "int:int", "float:float?", "bool:bool"),
    *("dict:date", "object:datetime?", "true:uuid:unique", "false:decimal", "value_error:decimal?"),
    *("book:ref:Book?", "maker:ref:Author?"),
]
"""One field of every type (after :data:`TWO_RELATED`, which makes ``Author``), named after
Python's builtins on purpose: the fields hide ``str``, ``int``, ``float`` and ``bool`` from the
classes that use them, ``dict`` and ``object`` from ``changes()``, and ``none``, ``true``,
``false`` and ``value_error`` would have aliases called ``None``, ``True``, ``False`` and
``ValueError``."""
REFERENCES_ONLY = ["Testimonial", "book:ref:Book", "author:ref:Author:unique"]
"""Only references, one of them unique; its name starts with ``test`` (pytest's prefix)."""

PYTHON_NAMES = sorted(
    {
        variant
        for name in [*dir(builtins), *keyword.kwlist, *keyword.softkwlist, "type"]
        for variant in (name, name.lower(), snake_case(name))
        if variant
    }
)
"""Python's builtins, keywords and soft keywords as field names: as they are, in lower case
(``none``, ``true``) and in snake_case (``value_error``, whose alias would be ``ValueError``)."""

_PYTHON_NAME_TYPES = {
    "str": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "dict": "str",
    "none": "str?",
    "true": "bool",
    "false": "int",
    "object": "text",
    "value_error": "str?",
}
_OTHER_TYPES = ("str?", "int?", "float?", "bool?", "date?", "datetime?", "uuid?", "decimal?")


def python_names_resource() -> list[str]:
    """``Oddity`` with a field for every accepted name of :data:`PYTHON_NAMES` (each type in a
    class where a field hides the builtin of the same name); the first ten have fixed types."""
    accepted = []
    for name in PYTHON_NAMES:
        try:
            check_field_name(name, name)
        except UsageError:
            continue
        accepted.append(name)
    words = [f"{name}:{kind}" for name, kind in _PYTHON_NAME_TYPES.items()]
    others = [name for name in accepted if name not in _PYTHON_NAME_TYPES]
    words += [f"{name}:{_OTHER_TYPES[i % len(_OTHER_TYPES)]}" for i, name in enumerate(others)]
    return ["Oddity", *words]

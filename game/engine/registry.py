"""Shared machinery for the effect and condition registries.

Scenario files write an effect or condition as a one-key mapping, ``{prestige: {who: stalin,
amount: 5}}``, which reads well in YAML. Pydantic wants a tagged union, ``{"type": "prestige",
...}``. :func:`one_key_to_tagged` converts the first into the second before validation, so both
spellings are accepted and the modder reference can be generated from the classes alone.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


class Entry(BaseModel):
    """Base of every registered effect and condition: frozen, and strict about unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def body_fields(types: tuple[type[Entry], ...]) -> dict[str, str | None]:
    """For each registered kind: the one field its whole body fills (``value`` or ``items``),
    or None when the body is a mapping of fields."""
    out: dict[str, str | None] = {}
    for cls in types:
        fields = set(cls.model_fields) - {"type"}
        out[cls.model_fields["type"].default] = (
            fields.pop() if fields in ({"value"}, {"items"}) else None
        )
    return out


def one_key_to_tagged(value: Any, known: dict[str, str | None]) -> Any:
    """Turn ``{kind: {...}}`` (or ``{kind: scalar}``) into ``{"type": kind, ...}``."""
    if isinstance(value, str) and value in known:
        return {"type": value}
    if not isinstance(value, dict) or "type" in value or len(value) != 1:
        return value
    (kind, body), = value.items()
    if kind not in known:
        return value
    if body is None:
        return {"type": kind}
    if known[kind] is not None:
        return {"type": kind, known[kind]: body}
    if isinstance(body, dict):
        return {"type": kind, **body}
    return {"type": kind, "value": body}


def tagged_union(types: tuple[type[Entry], ...]) -> Any:
    """The pydantic type of one entry of a registry: a union discriminated by ``type`` that
    also accepts the one-key spelling of scenario files."""
    known = body_fields(types)
    return Annotated[
        Annotated[Union[types], Field(discriminator="type")],  # noqa: UP007 - built at run time
        BeforeValidator(lambda value: one_key_to_tagged(value, known)),
    ]

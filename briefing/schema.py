"""The JSON schema the model fills, and client-side validation (servers often ignore schemas)."""

from __future__ import annotations

import json
from typing import Any

from .errors import InvalidOutputError
from .models import Ask, Commitment, Entity, Extraction

_STR = {"type": "string"}
_ITEM_FIELDS = {
    "commitments": ("actor", "action", "deadline", "evidence"),
    "asks": ("actor", "addressee", "action", "deadline", "evidence"),
    "entities": ("name", "type", "role"),
}


def _object(fields: tuple[str, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f: _STR for f in fields},
        "required": list(fields),
        "additionalProperties": False,
    }


EXTRACTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "summary": _STR,
        "key_points": {"type": "array", "items": _STR},
        **{k: {"type": "array", "items": _object(v)} for k, v in _ITEM_FIELDS.items()},
    },
    "required": ["summary", "key_points", *_ITEM_FIELDS],
    "additionalProperties": False,
}

COMBINE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"summary": _STR, "key_points": {"type": "array", "items": _STR}},
    "required": ["summary", "key_points"],
    "additionalProperties": False,
}


def shape(schema: dict[str, Any]) -> str:
    """A compact outline of the schema for the prompt, about a third of the JSON schema's tokens:
    {"summary":str,"commitments":[{"actor","action",...}],...}."""

    def outline(node: dict[str, Any]) -> str:
        if node.get("type") == "array":
            return f"[{outline(node['items'])}]"
        if node.get("type") == "object":
            props = node["properties"]
            if all(p.get("type") == "string" for p in props.values()):
                return "{" + ",".join(f'"{k}"' for k in props) + "}"
            return "{" + ",".join(f'"{k}":{outline(v)}' for k, v in props.items()) + "}"
        return "str"

    return outline(schema)


def bounded(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with list lengths capped, for servers that enforce it as a grammar
    (llama.cpp): small models otherwise repeat list items until the output limit. Not sent as
    strict json_schema, whose supported keywords vary by provider. (String maxLength would
    help too, but llama.cpp's grammar builder fails on it.)"""
    props = {
        key: {**value, "maxItems": 6} if value.get("type") == "array" else value
        for key, value in schema["properties"].items()
    }
    return {**schema, "properties": props}


def parse_json_object(content: str) -> dict[str, Any]:
    """The JSON object in a reply, tolerating a Markdown code fence or prose around it."""
    text = content.strip()
    if text.startswith("```"):
        text = text.strip("`")
        text = text[text.find("\n") + 1 :] if "\n" in text else text
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        start, end = text.find("{"), text.rfind("}")
        if start < 0 or end <= start:
            raise InvalidOutputError("the reply holds no JSON object") from None
        try:
            value = json.loads(text[start : end + 1])
        except json.JSONDecodeError as exc:
            raise InvalidOutputError(f"the reply is not valid JSON ({exc.msg})") from None
    if not isinstance(value, dict):
        raise InvalidOutputError("the reply is JSON but not an object")
    return value


def validate_extraction(data: dict[str, Any]) -> Extraction:
    """An Extraction from the model's object; missing lists count as empty, but a reply with
    none of the expected fields, or fields of the wrong type, is invalid."""
    if not any(k in data for k in EXTRACTION_SCHEMA["properties"]):
        raise InvalidOutputError("the reply has none of the schema's fields")
    summary = data.get("summary", "")
    if not isinstance(summary, str):
        raise InvalidOutputError("summary is not a string")
    return Extraction(
        summary=summary.strip(),
        key_points=_strings(data, "key_points"),
        commitments=[
            Commitment(f["actor"], f["action"], f["deadline"], f["evidence"])
            for f in _items(data, "commitments")
        ],
        asks=[
            Ask(f["actor"], f["addressee"], f["action"], f["deadline"], f["evidence"])
            for f in _items(data, "asks")
        ],
        entities=[
            Entity(f["name"], f["type"], f["role"]) for f in _items(data, "entities") if f["name"]
        ],
    )


def validate_combined(data: dict[str, Any]) -> tuple[str, list[str]]:
    summary = data.get("summary")
    if not isinstance(summary, str) or len(summary.split()) < 3:
        raise InvalidOutputError("summary is missing, not a string, or not a sentence")
    return summary.strip(), _strings(data, "key_points")


def _strings(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidOutputError(f"{key} is not a list of strings")
    return [v.strip() for v in value if v.strip()]


def _items(data: dict[str, Any], key: str) -> list[dict[str, str]]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise InvalidOutputError(f"{key} is not a list")
    out = []
    for item in value:
        if not isinstance(item, dict):
            raise InvalidOutputError(f"an item of {key} is not an object")
        fields = {}
        for f in _ITEM_FIELDS[key]:
            v = item.get(f, "")
            fields[f] = "" if v is None else str(v).strip()
        out.append(fields)
    return out

"""The JSON schema the model fills, and client-side validation (servers often ignore schemas)."""

from __future__ import annotations

import json
import re
from typing import Any

from .errors import InvalidOutputError
from .models import Ask, Commitment, Extraction, Record

_STR = {"type": "string"}
_JSON_TYPES = {"str": "string", "bool": "boolean", "int": "integer"}
# The item lists a model fills and the record each item is: the model fills the fields that the
# dataclasses mark for the prompt, and everything here is derived from them. (Who's who comes
# from the offline analysis of the text, for every engine: names and roles need no model, and a
# small model's list of them costs more tokens than the rest of its reply.)
ITEM_TYPES: dict[str, type[Record]] = {"commitments": Commitment, "asks": Ask}


def _property(record: type[Record], name: str) -> dict[str, Any]:
    choices = record.field_choices().get(name)
    if choices:
        return {"type": "string", "enum": list(choices)}
    return {"type": _JSON_TYPES[record.field_types()[name]]}


def _object(record: type[Record]) -> dict[str, Any]:
    names = record.prompt_fields()
    return {
        "type": "object",
        "properties": {f: _property(record, f) for f in names},
        "required": list(names),
        "additionalProperties": False,
    }


EXTRACTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        # A list of sentences, so that a server enforcing the schema as a grammar can hold the
        # summary to a few of them (see with_room): small models write past a word limit, and
        # the words past it were paid for and then cut.
        "summary": {"type": "array", "items": _STR, "minItems": 1},
        # (No key points: the rules' sentence ranking picks them, beside the model's summary;
        # measured on bbc-summary it picks better ones than Qwen2.5-1.5B did, and the model's
        # reply is shorter for it. See chunked.extract_article.)
        **{k: {"type": "array", "items": _object(v)} for k, v in ITEM_TYPES.items()},
    },
    "required": ["summary", *ITEM_TYPES],
    "additionalProperties": False,
}

COMBINE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"summary": _STR},
    "required": ["summary"],
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
            if all(p == _STR for p in props.values()):
                return "{" + ",".join(f'"{k}"' for k in props) + "}"
            return "{" + ",".join(f'"{k}":{outline(v)}' for k, v in props.items()) + "}"
        if "enum" in node:
            return "|".join(f'"{v}"' for v in node["enum"])
        return {"integer": "int", "boolean": "bool"}.get(str(node.get("type")), "str")

    return outline(schema)


MAX_LIST = 6


def with_room(
    schema: dict[str, Any], room: dict[str, int], citable: dict[str, list[int]] | None = None
) -> dict[str, Any]:
    """The schema with each list named in `room` allowed at most that many items (the
    summary: the sentences its word limit allows, prompts.summary_sentences). Each item list
    named in `citable` may cite only those sentence numbers and hold at most one item per
    number (chunked.citable): a model asked for commitments where none can count is held to []
    by a server that enforces the schema as a grammar, and spends nothing on an item it would
    be told to drop."""
    room = {**room, **{key: len(numbers) for key, numbers in (citable or {}).items()}}
    props = {
        key: {**value, "maxItems": room[key]} if key in room else value
        for key, value in schema["properties"].items()
    }
    for key, numbers in (citable or {}).items():
        if numbers and key in props:
            props[key] = _with_sentence(props[key], {"type": "integer", "enum": numbers})
    return {**schema, "properties": props}


def _with_sentence(item_list: dict[str, Any], sentence: dict[str, Any]) -> dict[str, Any]:
    """A list of items whose `sentence` field has the given schema."""
    item = item_list["items"]
    properties = {**item["properties"], "sentence": sentence}
    return {**item_list, "items": {**item, "properties": properties}}


def bounded(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with list lengths capped, for servers that enforce it as a grammar
    (llama.cpp): small models otherwise repeat list items until the output limit. (String
    maxLength would help too, but llama.cpp's grammar builder nests one rule per character.)"""
    props = {
        key: {**value, "maxItems": min(value.get("maxItems", MAX_LIST), MAX_LIST)}
        if value.get("type") == "array"
        else value
        for key, value in schema["properties"].items()
    }
    return {**schema, "properties": props}


def unbounded(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema without list bounds or cited-sentence choices, for strict json_schema: the
    keywords providers support vary, and a schema that is the same in every call keeps the
    provider's cache of the prompt's prefix."""
    props = {}
    for key, value in schema["properties"].items():
        value = {k: v for k, v in value.items() if k not in ("minItems", "maxItems")}
        if "sentence" in value.get("items", {}).get("properties", {}):
            value = _with_sentence(value, {"type": "integer"})
        props[key] = value
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
    if isinstance(summary, list) and all(isinstance(s, str) for s in summary):
        summary = " ".join(_as_sentence(s) for s in summary if s.strip())
    if not isinstance(summary, str):  # a server that ignores schemas may write one string
        raise InvalidOutputError("summary is not a list of sentences")
    return Extraction(
        summary=summary.strip(),
        commitments=_records(data, "commitments"),
        asks=_records(data, "asks"),
    )


# A sentence's end: a stop, maybe followed by closing quotes or brackets.
SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")


def _as_sentence(text: str) -> str:
    """One sentence of a summary list, ended with a full stop if the model wrote it as a
    headline ("Lib Dems highlight problem debt"): the items are sentences by the schema, and
    joined without stops they read as one run-on sentence."""
    text = " ".join(text.split())
    return text if SENTENCE_END.search(text) else text.rstrip(" ,;:-–—") + "."


def validate_combined(data: dict[str, Any]) -> str:
    summary = data.get("summary")
    if not isinstance(summary, str) or len(summary.split()) < 3:
        raise InvalidOutputError("summary is missing, not a string, or not a sentence")
    return summary.strip()


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().strip("[]*").isdigit():
        return int(value.strip().strip("[]*"))
    return None


def _records(data: dict[str, Any], key: str) -> list[Any]:
    """The records of one list of the reply, of the type ITEM_TYPES gives it, marked as the
    model's."""
    records = [ITEM_TYPES[key](**fields) for fields in _items(data, key)]
    for record in records:
        if hasattr(record, "found_by"):
            record.found_by = "model"
    return records


def _items(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The items of one list as keyword arguments of its record: the prompt's fields only,
    strings stripped, booleans and numbers as such, a value outside its choices at the default."""
    value = data.get(key) or []
    if not isinstance(value, list):
        raise InvalidOutputError(f"{key} is not a list")
    record = ITEM_TYPES[key]
    types = record.field_types()
    out = []
    for item in value:
        if not isinstance(item, dict):
            raise InvalidOutputError(f"an item of {key} is not an object")
        fields: dict[str, Any] = {}
        for f in record.prompt_fields():
            v = item.get(f)
            if types[f] == "bool":
                fields[f] = v is True or (isinstance(v, str) and v.strip().lower() == "true")
            elif types[f] == "int":
                fields[f] = _int(v) or 0
            else:
                fields[f] = "" if v is None else str(v).strip()
        for f, allowed in record.field_choices().items():
            if f in fields and fields[f] not in allowed:  # "refuses" is "refuse"
                given = str(fields[f]).lower()
                fields[f] = next((a for a in allowed if given.startswith(a[:5])), allowed[0])
        out.append(fields)
    return out

"""BILLmanager's wire format: one answer tree, three renderings (xml, json, sjson).

A tree is a dict: the key "$" holds the text, a key "$name" an attribute, any other key a
child element; a list value is a repeated element (`elem` is always a list)."""

import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from xml.etree import ElementTree

from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import translation

logger = logging.getLogger(__name__)

FORMATS = ("xml", "json", "sjson")
# XML 1.0 cannot carry these characters at all; the stored text keeps them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text(value) -> dict:
    return {"$": "" if value is None else str(value)}


def on() -> dict:
    return {"$": "on"}


def ok(**extra) -> dict:
    return {"ok": {}, **extra}


def error(kind: str, obj: str, message) -> dict:
    return {"error": {"$type": kind, "$object": obj, "msg": text(message)}}


def output_format(value: str) -> str:
    value = (value or "xml").lower()
    return "json" if value == "xjson" else value if value in FORMATS else "xml"


def render(doc: dict, out: str) -> HttpResponse:
    if out in ("json", "sjson"):
        # sjson has json's shape, {"$": …} objects included: the public clients of real
        # BILLmanager read doc.auth.$id and doc.error.msg.$ from it.
        body, kind = json.dumps({"doc": doc}, ensure_ascii=False), "application/json"
    else:
        body, kind = to_xml(doc), "text/xml"
    return HttpResponse(body, content_type=f"{kind}; charset=utf-8")


def to_xml(doc: dict) -> bytes:
    root = ElementTree.Element("doc")
    fill(root, doc)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def fill(element, node: dict) -> None:
    for key, value in node.items():
        if key == "$":
            element.text = NOT_XML.sub("", str(value))
        elif key.startswith("$"):
            element.set(key[1:], NOT_XML.sub("", str(value)))
        else:
            for child in value if isinstance(value, list) else [value]:
                fill(ElementTree.SubElement(element, key), child)


@dataclass
class Rows:
    """A whole list (`elem` rows) answered as a stream: each row is built from `objects`
    by `elem` as it is sent, so memory stays flat however long the list is. The answer
    ends with `p_elems`, the number of rows sent."""

    objects: Iterable
    elem: Callable[[object], dict]


CHUNK_ROWS = 200


def stream(rows: Rows, out: str) -> StreamingHttpResponse:
    chunks = json_chunks(rows) if out in ("json", "sjson") else xml_chunks(rows)
    kind = "application/json" if out in ("json", "sjson") else "text/xml"
    body = in_language(chunks, translation.get_language())
    return StreamingHttpResponse(body, content_type=f"{kind}; charset=utf-8")


def in_language(chunks, language):
    """Rows are built while the answer is sent, after the view has returned: in the
    call's language, and a failure is logged (the answer then ends unfinished, so no
    client mistakes it for the whole list)."""
    # In a transaction: PostgreSQL then reads the rows as they are sent; outside one, its
    # cursor WITH HOLD would first copy the whole result (13 s for 200,000 queue rows).
    with translation.override(language), transaction.atomic():
        try:
            yield from chunks
        except Exception:
            logger.exception("A streamed list failed while being sent")


def batches(rows: Rows):
    batch = []
    for obj in rows.objects:
        batch.append(rows.elem(obj))
        if len(batch) == CHUNK_ROWS:
            yield batch
            batch = []
    if batch:
        yield batch


def json_chunks(rows: Rows):
    yield b'{"doc": {"elem": ['
    count = 0
    for batch in batches(rows):
        joined = ", ".join(json.dumps(elem, ensure_ascii=False) for elem in batch)
        yield ((", " if count else "") + joined).encode()
        count += len(batch)
    yield ('], "p_elems": ' + json.dumps(text(count)) + "}}").encode()


def xml_chunks(rows: Rows):
    yield b"<?xml version='1.0' encoding='utf-8'?>\n<doc>"
    count = 0
    for batch in batches(rows):
        parts = []
        for elem in batch:
            element = ElementTree.Element("elem")
            fill(element, elem)
            parts.append(ElementTree.tostring(element, encoding="unicode"))
        yield "".join(parts).encode()
        count += len(batch)
    yield f"<p_elems>{count}</p_elems></doc>".encode()

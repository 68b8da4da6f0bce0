"""BILLmanager's wire format: one answer tree, three renderings (xml, json, sjson).

A tree is a dict: the key "$" holds the text, a key "$name" an attribute, any other key a
child element; a list value is a repeated element (`elem` is always a list)."""

import json
import re
from xml.etree import ElementTree

from django.http import HttpResponse

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

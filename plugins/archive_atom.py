"""Datasette plugin: an Atom feed for any query returning atom_id, atom_title and atom_updated.

Does what datasette-atom does for our canned `search` query (`/archive/search.atom?q=foster`),
with two differences that matter for a saved search: a search with no hits yet is a valid empty
feed (datasette-atom 0.9 answers 500 because it takes max() of no dates), and every value is
written as text by ElementTree, so no HTML from a document is ever passed through.
Optional columns: atom_content (text), atom_link (absolute, or a path on this site),
atom_author_name.
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from datasette import hookimpl
from datasette.utils.asgi import Response

ATOM_NS = "http://www.w3.org/2005/Atom"
REQUIRED = {"atom_id", "atom_title", "atom_updated"}


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _sub(parent, tag: str, text=None, **attrs):
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: str(v) for k, v in attrs.items()})
    if text is not None:
        element.text = str(text)
    return element


def _feed_title(datasette, database, query_name, request) -> str:
    """The canned query's title plus the search words: `Search questions and answers: foster`."""
    title = query_name or database
    if query_name:
        queries = (datasette.metadata(database=database) or {}).get("queries") or {}
        title = (queries.get(query_name) or {}).get("title") or title
    q = request.args.get("q")
    return f"{title}: {q}" if q else title


def _entry(feed, row, datasette, request):
    entry = _sub(feed, "entry")
    _sub(entry, "id", row["atom_id"])
    _sub(entry, "title", row["atom_title"] or "(untitled)")
    _sub(entry, "updated", row["atom_updated"] or _now())
    if "atom_link" in row.keys() and row["atom_link"]:
        _sub(entry, "link", href=datasette.absolute_url(request, row["atom_link"]))
    if "atom_author_name" in row.keys() and row["atom_author_name"]:
        _sub(_sub(entry, "author"), "name", row["atom_author_name"])
    if "atom_content" in row.keys() and row["atom_content"] is not None:
        _sub(entry, "content", row["atom_content"], type="text")


def render_atom(datasette, request, columns, rows, database, query_name):
    if not REQUIRED.issubset(columns):
        return Response.text("An Atom feed needs columns: " + ", ".join(sorted(REQUIRED)), status=400)
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "title", _feed_title(datasette, database, query_name, request))
    _sub(feed, "id", request.url)
    _sub(feed, "link", href=request.url, rel="self")
    dates = [row["atom_updated"] for row in rows if row["atom_updated"]]
    _sub(feed, "updated", max(dates) if dates else _now())
    _sub(feed, "generator", "Datasette (council-minutes archive)")
    for row in rows:
        _entry(feed, row, datasette, request)
    body = ET.tostring(feed, encoding="unicode", xml_declaration=True)
    return Response(body, content_type="application/atom+xml; charset=utf-8", status=200)


def can_render_atom(columns):
    return REQUIRED.issubset(columns)


@hookimpl
def register_output_renderer(datasette):
    return {"extension": "atom", "render": render_atom, "can_render": can_render_atom}

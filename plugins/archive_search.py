"""Datasette plugin: turn whatever a visitor types into a valid FTS5 query, and show snippets safely.

Loaded with `datasette --plugins-dir plugins`. The canned queries in datasette_metadata.yml call
`fts_query(:q)` so that no input (`"`, `AND`, `foo(`, `-`, `*`) can raise an FTS5 syntax error,
while the forms people expect still work: plain words (all must match), "exact phrases",
prefix*, -exclusion and OR between alternatives.
"""
from __future__ import annotations

import re

from datasette import hookimpl
from markupsafe import Markup, escape

#: a search term: optional leading "-", then a "quoted phrase" (an unclosed quote runs to the end)
#: or a run of non-space characters.  e.g. `-"home to school" foster* care` -> three terms
TERM = re.compile(r'(?P<neg>-?)(?:"(?P<phrase>[^"]*)"?(?P<pstar>\*?)|(?P<bare>[^\s"]+))')

#: the words FTS5's unicode61 tokenizer would see in a term: `foo(` -> foo, `home-to-school` -> home to school
WORD = re.compile(r"\w+", re.UNICODE)

#: matches nothing, but is valid FTS5 (an empty MATCH string is a syntax error)
NOTHING = '""'

MAX_TERMS = 16
MAX_INPUT = 500


def _fts_term(words: list[str], prefix: bool) -> str:
    """One FTS5 phrase: `["foster", "care"], True` -> `"foster care"*`. Words never contain quotes."""
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


def parse_terms(text: str) -> tuple[list[list[str]], list[str]]:
    """Split visitor input into (groups of wanted phrases, excluded phrases).

    Groups are separated by a bare upper-case OR; within a group every phrase must match.
    `foster "home to school" -bus plac*` -> ([['"foster"', '"home to school"', '"plac"*']], ['"bus"']);
    `adoption OR fostering` -> ([['"adoption"'], ['"fostering"']], []).
    Every other operator typed (AND, NOT, NEAR, parentheses, column filters, ^) becomes plain
    words or is dropped, so it can never break the query."""
    groups, excluded, count = [[]], [], 0
    for match in TERM.finditer((text or "")[:MAX_INPUT]):
        if match.group("bare") == "OR" and not match.group("neg"):
            groups.append([])
            continue
        raw = match.group("phrase") if match.group("phrase") is not None else match.group("bare")
        words = WORD.findall(raw)
        if not words or count >= MAX_TERMS:
            continue
        count += 1
        prefix = bool(match.group("pstar")) or (match.group("bare") or "").endswith("*")
        term = _fts_term(words, prefix)
        (excluded if match.group("neg") else groups[-1]).append(term)
    return [g for g in groups if g], excluded


def fts_query(text) -> str:
    """Build a safe FTS5 MATCH expression; input with nothing searchable matches nothing.

    `-` or `*` alone, or only exclusions (`-bus`), gives `""`: FTS5 cannot list "everything
    except", and an empty MATCH string would be a syntax error."""
    groups, excluded = parse_terms(text if isinstance(text, str) else "")
    if not groups:
        return NOTHING
    query = "(" + " OR ".join("(" + " ".join(group) + ")" for group in groups) + ")"
    for term in excluded:
        query += " NOT " + term
    return query


@hookimpl
def prepare_connection(conn):
    conn.create_function("fts_query", 1, fts_query, deterministic=True)


#: snippet() in the canned queries wraps hits in these markers; everything else is escaped
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


def highlight(value: str) -> Markup:
    """Escape a snippet, then turn only the escaped <mark>/</mark> markers back into tags.

    `<script>x</script> <mark>foster</mark>` -> `&lt;script&gt;x&lt;/script&gt; <mark>foster</mark>`."""
    escaped = str(escape(value))
    marked = escaped.replace(str(escape(MARK_OPEN)), MARK_OPEN).replace(str(escape(MARK_CLOSE)), MARK_CLOSE)
    return Markup('<div style="min-width: 24em">' + marked + "</div>")


def link(href: str, label: str) -> Markup:
    """An escaped link to a page of this site (href must start with "/")."""
    return Markup('<a href="{}">{}</a>').format(href, label)


@hookimpl
def render_cell(value, column):
    """Snippets get highlighting; `*_link` columns holding site paths become links. Nothing else
    is touched, so Datasette's default escaping applies to every other value."""
    if not isinstance(value, str):
        return None
    if column.endswith("snippet"):
        return highlight(value)
    if column.endswith("_link") and value.startswith("/") and not value.startswith("//"):
        return link(value, column[: -len("_link")].replace("_", " ") or "link")
    if column == "atom_content" and len(value) > ATOM_PREVIEW:
        # the feed needs the whole text; on the HTML page it would make every row a page tall
        return value[:ATOM_PREVIEW].rstrip() + "…"
    return None


#: characters of `atom_content` shown in HTML tables (the .atom feed and .json keep all of it)
ATOM_PREVIEW = 160

"""Plain text and Markdown (including text converted from PDF/HTML by other tools) -> Blocks.

Converted text carries the debris of its converter, handled here by small rules:
- YAML front matter (`---` ... `---` at the top) is metadata, not content.
- `# Heading` lines are headings; `- item` / `* item` / `• item` are list items.
- Tab-separated lines are table rows (a Word table pasted as text):
  "PQ 1\tMr Barrington, Hereford\tCan the council ...\tCabinet member ..."
- Pipe tables (`| a | b |`) are table rows; their `|---|---|` separators mark the header.
- `---------|------` rules left by converters are dropped.
- An indented line right after a list item continues it (wrapped bullets).
"""
from __future__ import annotations

import re

from .blocks import Block, PageText, ReadError, ReadResult, clean_text

_FRONT_MATTER = re.compile(r"\A\ufeff?---\s*\n(.*?)\n---\s*\n", re.S)
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*(?:[-*•·▪●]|\\-)\s+(.*)$")
_RULE = re.compile(r"^[\s\-=_|:+*]{3,}$")
_FORM_FEED = "\f"


def decode(raw: bytes) -> str:
    """Bytes -> str: UTF-8 (with or without BOM), else UTF-16 by BOM, else cp1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_text(raw: bytes) -> ReadResult:
    text = decode(raw)
    if "\x00" in text:
        raise ReadError("binary data, not text")
    meta = {}
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).splitlines():
            if ":" in line:
                key, _, value = line.partition(":")
                meta[key.strip()] = value.strip().strip("\"'")
        text = text[front.end():]
    pages = text.split(_FORM_FEED)  # pdftotext-style page breaks, where present
    result = ReadResult(meta=meta, title=meta.get("title"))
    table_no = -1
    for page_no, page_text in enumerate(pages, start=1):
        result.pages.append(PageText(page=page_no, text=clean_text(page_text), method="plain"))
        in_table = False
        for line in page_text.splitlines():
            block, in_table, table_no = _line_block(line, page_no, result.blocks, in_table, table_no)
            if block is not None:
                result.blocks.append(block)
    if not any(b.text for b in result.blocks):
        raise ReadError("no text")
    return result


def _line_block(line, page_no, blocks, in_table, table_no):
    """One source line -> a Block, or None when it continues/decorates the previous block."""
    if not line.strip():
        return None, in_table, table_no
    stripped = line.strip()
    if _RULE.match(stripped):
        if blocks and blocks[-1].kind == "row" and "|" in stripped and stripped.count("-") > 2:
            blocks[-1].header = blocks[-1].header or stripped.startswith("|")
        return None, in_table, table_no
    if "\t" in line or (stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3):
        if stripped.startswith("|"):
            cells = [clean_text(c) for c in stripped.strip("|").split("|")]
        else:
            cells = [clean_text(c) for c in line.rstrip("\n").split("\t")]
        if not in_table:
            table_no += 1
        if any(cells):
            text = " | ".join(c for c in cells if c)
            return Block(page=page_no, text=text, kind="row", cells=cells, table=table_no), True, table_no
        return None, True, table_no
    heading = _HEADING.match(stripped)
    if heading:
        text = clean_text(heading.group(2).strip("# "))
        return Block(page=page_no, text=text, kind="heading", heading_level=len(heading.group(1)),
                     bold=True), False, table_no
    bullet = _BULLET.match(line)
    if bullet:
        return Block(page=page_no, text=clean_text(bullet.group(1)), kind="item"), False, table_no
    if line[:1] in (" ", "\t") and blocks and blocks[-1].kind == "item" and not in_table:
        blocks[-1].text = f"{blocks[-1].text} {clean_text(stripped)}"
        return None, in_table, table_no
    bold = stripped.startswith("**") and stripped.rstrip().endswith("**")
    text = clean_text(stripped)
    if not text:
        return None, in_table, table_no
    return Block(page=page_no, text=text, bold=bold), False, table_no

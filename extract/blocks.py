"""Blocks: what a reader saw, in reading order, before any meeting structure is found.

Every reader (PDF, DOCX, HTML, XML, text) turns its bytes into a list of Blocks, so the
segmenters in `extract/` work on one shape whatever the format. A Block is a paragraph,
a heading, a list item or a table row; a table row keeps its cells so a question table
("Question Number | Questioner | Question | Question to") can be read column by column.
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Optional


@dataclass
class Block:
    page: int  # 1-based page the block starts on (1 for formats without pages)
    text: str  # for a table row: the cells joined by " | "
    kind: str = "para"  # para / heading / item / row
    bold: bool = False
    heading_level: Optional[int] = None  # 1 = biggest
    cells: Optional[list[str]] = None  # table rows only
    table: Optional[int] = None  # index of the table in the document (rows of one table share it)
    header: bool = False  # a table's header row
    page_end: Optional[int] = None

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in (None, False)}


@dataclass
class PageText:
    """Per-page text and how it was obtained, for the `pages` table."""

    page: int
    text: str
    method: str = "text"
    ocr_confidence: Optional[float] = None


@dataclass
class ReadResult:
    blocks: list[Block] = field(default_factory=list)
    pages: list[PageText] = field(default_factory=list)
    title: Optional[str] = None
    meta: dict = field(default_factory=dict)  # format-specific facts (e.g. ModernGov meeting fields)


class ReadError(Exception):
    """A file that cannot be read: the message says why, in a few words, for one line of output."""


_BREAK_TAG = re.compile(r"</?(?:p|div|br|li)\b[^>]*>", re.I)
_TAG = re.compile(r"</?(?:i|u|b|em|strong|span|font|sup|sub)\b[^>]*>", re.I)
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
# Runs of spaces fold to one space. A single plain space is left alone rather than replaced by
# itself: matching every gap between words was most of the cost of cleaning a page.
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u200b]{2,}|[\t\u00a0\u2002\u2003\u2009\u200b]")
#: the characters besides " " and "\t" that _SPACES folds
_ODD_SPACES = ("\u00a0", "\u2002", "\u2003", "\u2009", "\u200b")
_BLANK_LINES = re.compile(r"\n{2,}")


@functools.lru_cache(maxsize=4096)
def clean_text(text: str) -> str:
    """Fold the debris converters leave: HTML tags in cells (`<p>...</p>`), entities, markdown
    bold (`**36.**`), escaped numbering (`1\\.`), ligatures, odd spaces. Keeps line breaks.

    Cached: segmentation, questions and resolutions each read every block's line, so the
    same text is cleaned several times per document."""
    if not text:
        return ""
    if not text.isascii():  # the common case skips what only non-ASCII text can need
        text = unicodedata.normalize("NFC", text)
        for lig, rep in _LIGATURES.items():
            text = text.replace(lig, rep)
    if "<" in text:
        text = _BREAK_TAG.sub("\n", text)
        text = _TAG.sub("", text)
    text = html.unescape(text)
    if "*" in text or "\\" in text:  # else no markdown mark to drop
        text = text.replace("**", "").replace("\\.", ".").replace("\\-", "-").replace("\\*", "*")
    ascii_only = text.isascii()
    if not ascii_only:
        text = text.replace("\u00ad", "")
    if "  " in text or "\t" in text or (not ascii_only and any(map(text.__contains__, _ODD_SPACES))):
        text = _SPACES.sub(" ", text)  # else no run of spaces to fold: a fifth of the blocks are
        # not ASCII ("’"), and the regex took half of their cleaning
    if "\n" in text:  # each line stripped, blank lines dropped
        text = "\n".join(map(str.strip, text.split("\n")))
        if "\n\n" in text:
            text = _BLANK_LINES.sub("\n", text)
    return text.strip()


#: letters re.I reads as i or s while str.lower() leaves them as they are ("İ" even grows)
RE_I_ONLY = ("ı", "ſ", "İ")


_ASCII = bytes(range(128))


def non_ascii(text: str) -> str:
    """The characters of `text` outside ASCII, in order ("" for an ASCII text): what is left of its
    UTF-8 bytes once the ASCII ones are deleted (UTF-8 writes no other character with one). At C
    speed, where a Python step per character cost more than the test that needed them."""
    if text.isascii():
        return ""
    return text.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass")


def may_say(text: str, *words: str) -> bool:
    """Whether `text` may hold one of these lower-case words in some case: a cheap guard before
    a case-insensitive regex that cannot match without one. lower() stands in for re.I except
    for the letters in RE_I_ONLY, so a text with one of them always passes."""
    low, re_i_only = _lowered(text)
    if re_i_only:
        return True
    for word in words:  # a plain loop: any(map(...)) cost a third of each call (13,386 calls a bench round)
        if word in low:
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _lowered(text: str) -> tuple[str, bool]:
    """text.lower(), and whether the text has a letter of RE_I_ONLY (none is ASCII). Cached: one
    line is asked for a mover's "moved", a decision's "resolved", an outcome's "carried" and a
    count's "against" by separate rules."""
    return text.lower(), not text.isascii() and any(char in text for char in RE_I_ONLY)


@functools.lru_cache(maxsize=4096)
def one_line(text: str) -> str:
    """Text with all whitespace folded to single spaces.

    str.split() cuts at the characters the regex `\\s` matches (both ask str.isspace), so joining
    the words folds runs as `re.sub(r"\\s{2,}|[^\\S ]", " ", ...).strip()` did, in a quarter of
    its time (3,534 bench blocks: 20 -> 6 ms)."""
    return " ".join(clean_text(text).split())


def list_number(n: int, style: str) -> str:
    """A list counter as printed: style "a"/"A" letters (27 -> "aa"), "i"/"I" roman numerals,
    anything else decimal. Shared by the DOCX (w:numFmt) and HTML (<ol type>) readers so that
    "b) That the report be noted" reads the same from either."""
    if style in ("a", "A"):
        label = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            label = chr(ord("a") + r) + label
        return label.upper() if style == "A" else label
    if style in ("i", "I"):
        roman = ""
        for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                               (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while n >= value:
                roman, n = roman + numeral, n - value
        return roman.upper() if style == "I" else roman
    return str(n)

"""Split a printed questioner into title, name and place.

Question packs print the asker in many shapes; the archive wants the three parts apart so a
search for "Megan McGeown" finds her whatever the pack printed:

    "Mrs. Megan McGeown Weobley"       -> Mrs, "Megan McGeown", Weobley   (known place, no comma)
    "Mr Barrington, Hereford"          -> Mr, "Barrington", Hereford      (comma-separated place)
    "Councillor CA Gandy, Mortimer"    -> Councillor, "CA Gandy", Mortimer
    "Name and address supplied"        -> all None (the council withheld the name)
    "Melissa Portman - Lewis"          -> None, "Melissa Portman - Lewis", None (a name, kept whole)

A place without a comma is split off only when it is *known*: named as a place elsewhere in the
same document (`known_places`), or listed in the small gazetteer `extract/places.txt`; and
only after a full first + last name. A wrong split is worse than none: "Hannah Currie Hereford"
splits, "Mary Ann Smith" never does.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .blocks import clean_text, one_line

#: honorifics and offices printed before a name, longest first so "Deputy Mayor" beats "Mayor".
#: "Cllr", "Councillor", "Mrs.", "Dr", "The Rt Hon", "Alderman" ...
HONORIFICS = [
    "the rt hon", "rt hon", "deputy mayor", "lord mayor", "county councillor", "district councillor",
    "parish councillor", "city councillor", "councillor", "councilor", "councilmember", "cllr", "alderman",
    "alderwoman", "mayor", "professor", "prof", "reverend", "revd", "rev", "father", "fr", "sister", "canon",
    "dame", "sir", "lord", "lady", "dr", "mrs", "mr", "ms", "miss", "mx", "messrs",
]
_HONORIFIC = re.compile(
    r"^(?P<title>" + "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True))
    + r")\b\.?\s+(?=\S)", re.I)

#: the council withheld the asker: "Name and address supplied", "Name supplied", "Anonymous".
_WITHHELD = re.compile(r"^(?:name\s+(?:and\s+address\s+)?(?:supplied|withheld|provided)|anonymous|"
                       r"address\s+supplied|withheld)\b", re.I)

#: "Barrington, Hereford": the part after the last comma is the place, when it looks like one
#: (capitalised words, no digits: a street address "12 High St" is left in place).
_COMMA_PLACE = re.compile(r"^(?P<name>.+?),\s*(?P<place>[A-Z][\w'’.-]*(?:[ -][A-Za-z][\w'’.-]*){0,3})$")

#: words that make the part after a comma a role or an organisation, not a place:
#: "Jane Smith, Chair of Friends of Bedminster", "Tom Lee, Bristol Cycling Campaign"
_ORG_WORDS = re.compile(r"\b(?:chair\w*|secretary|director|manager|officer|member|association|group|society|"
                        r"trust|campaign|forum|council|committee|residents|friends|ltd|limited|cic|cabinet|"
                        r"leader|mayor|partnership|network|alliance|union|club|resident|councillor|clerk|vice)\b", re.I)

#: a place name standing alone: "Leominster", "Ross-on-Wye", "Old Gore", "St Albans"
_PLACE_LIKE = re.compile(r"^[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,2}$")

#: a name token: "Megan", "McGeown", "O'Donovan", "CA", "J.", "Rees-Glinos"
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$")

GAZETTEER = Path(__file__).resolve().parent / "places.txt"  # shipped with the package


@dataclass
class PersonName:
    title: Optional[str]
    name: Optional[str]
    location: Optional[str]
    raw: Optional[str]


@functools.cache
def gazetteer() -> frozenset[str]:
    """Lower-cased place names from `extract/places.txt` (one a line, `#` comments)."""
    try:
        lines = GAZETTEER.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def clean_raw(raw: str | None) -> str:
    """One line, no markup, no stray punctuation at the ends: "<p>Rachel Gallagher</p>" -> "Rachel Gallagher"."""
    return one_line(raw or "").strip(" \t;:|*-–—")


def is_withheld(text: str | None) -> bool:
    """"Name and address supplied", "Anonymous": the council printed no name on purpose."""
    return bool(_WITHHELD.match(clean_raw(text)))


def split_title(text: str) -> tuple[Optional[str], str]:
    """("Mrs", "Megan McGeown Weobley") from "Mrs. Megan McGeown Weobley"; (None, text) if no title."""
    match = _HONORIFIC.match(text)
    if not match:
        return None, text
    return match.group("title"), text[match.end():].strip()


def split_comma_place(text: str) -> tuple[str, Optional[str]]:
    """("Barrington", "Hereford") from "Barrington, Hereford"; the place must look like a place name."""
    match = _COMMA_PLACE.match(text)
    if not match or not re.search(r"[A-Za-z]", match.group("name")) or _ORG_WORDS.search(match.group("place")):
        return text, None
    return match.group("name").strip(), match.group("place").strip()


#: "Ian Pond, Bristol Cycling Campaign", "Ian Pond - Bristol Cycling Campaign", "Suzanne Audrey, Chair
#: of TRESA": a person, then who they speak for (an organisation or role words after a comma or a spaced dash)
_AFFILIATION = re.compile(r"^(?P<name>[^,–—]+?)(?:\s*,\s*|\s+[–—-]\s+)(?P<org>\S.*)$")


def split_affiliation(text: str) -> str:
    """The name without the organisation or role printed after it: "Ian Pond, Bristol Cycling
    Campaign Bristol Cycleways" -> "Ian Pond". Only when the tail names an organisation or role
    (`_ORG_WORDS`) and the head is a full name of capitalised words; "Melissa Portman - Lewis"
    (a double-barrelled name) and "Barrington, Hereford" (a place) are left alone."""
    match = _AFFILIATION.match(text)
    if not match or not _ORG_WORDS.search(match.group("org")):
        return text
    head = match.group("name").split()
    if len(head) < 2 or len(head) > 4 or not all(_NAME_TOKEN.match(t) for t in head):
        return text
    return match.group("name").strip()


def split_known_place(text: str, places: set[str] | frozenset[str]) -> tuple[str, Optional[str]]:
    """("Hannah Currie", "Hereford") from "Hannah Currie Hereford" when Hereford is a known place.

    Only after at least two name tokens (first + last), and only a one- or two-word place.
    `places` are lower-cased."""
    tokens = text.split()
    for size in (2, 1):
        if len(tokens) < size + 2:
            continue
        tail = tokens[-size:]
        if not all(_NAME_TOKEN.match(t) for t in tail):
            continue
        if " ".join(tail).lower() in places and all(_NAME_TOKEN.match(t) for t in tokens[:-size]):
            return " ".join(tokens[:-size]), " ".join(tail)
    return text, None


#: "Mr John Smith (Ledbury)": a name, then something in brackets at the end
_BRACKETED_END = re.compile(r"^(?P<name>.+?)\s*\((?P<place>[^()]+)\)$")


def split_layout_place(raw: str) -> tuple[str, Optional[str]]:
    """A place the layout sets apart: on its own last line of a table cell ("Ms Jane Doe\nLeominster")
    or in brackets ("Mr John Smith (Ledbury)"); roles in brackets ("(Chair)") stay put."""
    lines = [line.strip() for line in (raw or "").splitlines() if line.strip()]
    if len(lines) == 2 and _PLACE_LIKE.match(lines[1]) and not _ORG_WORDS.search(lines[1]) \
            and len(split_title(clean_raw(lines[0]))[1].split()) >= 2:  # "Councillor Rob\nBryher" is a wrapped name
        return lines[0], lines[1]
    bracket = _BRACKETED_END.match(one_line(raw or ""))
    if bracket and _PLACE_LIKE.match(bracket.group("place")) and not _ORG_WORDS.search(bracket.group("place")):
        return bracket.group("name"), bracket.group("place")
    return raw, None


@functools.lru_cache(maxsize=64)
def _places_with(document_places: frozenset) -> frozenset:
    """The gazetteer and a document's own places, lower-cased (cached: asked per questioner)."""
    return frozenset(p.lower() for p in document_places) | gazetteer()


def split_person(raw: str | None, known_places: Iterable[str] = ()) -> PersonName:
    """Title, name and place of a printed questioner (see the module docstring for the shapes)."""
    text = clean_raw(raw)
    if not text:
        return PersonName(None, None, None, raw or None)
    if _WITHHELD.match(text):
        return PersonName(None, None, None, text)
    body, place = split_layout_place(clean_text(raw or ""))
    if place:
        title, rest = split_title(clean_raw(body))
        return PersonName(_title_case(title), rest.strip(" ,") or None, place, text)
    title, rest = split_title(text)
    rest = split_affiliation(rest)
    name, place = split_comma_place(rest)
    if place is None:
        name, place = split_known_place(rest, _places_with(frozenset(known_places)))
    name = name.strip(" ,") or None
    return PersonName(_title_case(title), name, place, text)


def _title_case(title: Optional[str]) -> Optional[str]:
    """"cllr" -> "Cllr"; "Mrs", "Councillor" unchanged."""
    if title and title.islower():
        return title[0].upper() + title[1:]
    return title


def comma_places(raws: Iterable[str | None]) -> set[str]:
    """Places printed after a comma anywhere in a document ("Ms Dean, Hereford" -> "Hereford"),
    so "Ms Maggie Steel Hereford" in the same document can be split too."""
    found = set()
    for raw in raws:
        _, rest = split_title(clean_raw(raw))
        _, place = split_comma_place(rest)
        if place:
            found.add(place)
    return found

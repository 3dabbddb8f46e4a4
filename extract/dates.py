"""Meeting dates and times as printed -> ISO "YYYY-MM-DD" and 24-hour "HH:MM".

Regexes find the date or time expression (so a stray number elsewhere in a line is never
read as a day); `dateutil` turns the expression into a date, day-first unless told
otherwise (UK/IE/NZ print 03/04/2024 as 3 April; US councils pass dayfirst=False).
"""
from __future__ import annotations

import re
from datetime import date

from dateutil import parser as dateparser

from .blocks import RE_I_ONLY, non_ascii

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_ORD = r"(?:st|nd|rd|th)?"

#: "Tuesday 30 July 2024", "18th January 2019", "MONDAY, 28TH NOVEMBER, 2022", "2 May 2019"
DAY_MONTH_YEAR = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?(\d{{1,2}}){_ORD}\s+(?:day\s+)?(?:of\s+)?({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
#: "December 10, 2018", "Monday, November 16, 1998"
MONTH_DAY_YEAR = re.compile(rf"\b(?:{_WEEKDAY},?\s+)?({_MONTH})\.?\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.I)
#: "12/09/2024", "12.09.24", "2024-09-12"
NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
#: what follows a NUMERIC date's first 1-2 digits: a scan led by "/" or "." that re runs fast
_NUMERIC_REST = re.compile(r"[/.]\d{1,2}[/.]\d\d")


def _numeric_dates(text: str):
    """The matches of NUMERIC.finditer(text), the same ones, ~4x faster over a whole document:
    NUMERIC (led by \\b\\d) is tried only 1 or 2 characters before a hit of _NUMERIC_REST."""
    pos, at = 0, 1  # where the next date may start; where the next hit may be
    search, match = _NUMERIC_REST.search, NUMERIC.match
    while (hit := search(text, max(at, pos + 1))) is not None:
        j = hit.start()
        for i in (j - 2, j - 1):
            if i >= pos and (m := match(text, i)):
                yield m
                pos = m.end()
                break
        at = j + 1

#: "2.00 pm", "10.00 am", "7:00 p.m.", "1.00pm", "3PM", "12 noon"
TIME_12H = re.compile(r"\b(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\.?\s?m\b\.?", re.I)
NOON = re.compile(r"\b(?:12(?:[.:]00)?\s*)?noon\b", re.I)
#: "14:00", "18.30 hrs", "1900 hours"
TIME_24H = re.compile(r"\b([01]?\d|2[0-3])[:.]([0-5]\d)\b(?!\s*[ap]\.?m)")
TIME_HOURS = re.compile(r"\b([01]\d|2[0-3])([0-5]\d)\s*(?:hrs|hours)\b", re.I)


def _iso(text: str, dayfirst: bool) -> str | None:
    try:
        return dateparser.parse(text, dayfirst=dayfirst, default=None).date().isoformat()
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None


def find_date(text: str, dayfirst: bool = True) -> tuple[str, re.Match] | None:
    """The first date written in `text`, as (ISO date, match), or None.

    "on Tuesday 30 July 2024 at 2.00 pm" -> "2024-07-30"; "December 10, 2018" -> "2018-12-10"."""
    best = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text or ""):
            value = _date_value(pattern, m, dayfirst)
            if value and (best is None or m.start() < best[1].start()):
                best = (value, m)
            if value:
                break
    return best


_DATE_PATTERNS = (DAY_MONTH_YEAR, MONTH_DAY_YEAR, ISO, NUMERIC)


def _date_value(pattern: re.Pattern, m: re.Match, dayfirst: bool) -> str | None:
    """ISO date of a match of one of the _DATE_PATTERNS, or None when it names no real day."""
    if pattern is DAY_MONTH_YEAR:
        return _iso(f"{m.group(1)} {m.group(2)} {m.group(3)}", True)
    if pattern is MONTH_DAY_YEAR:
        return _iso(f"{m.group(2)} {m.group(1)} {m.group(3)}", True)
    if pattern is ISO:
        return _iso(m.group(0), False)
    return _numeric(m, dayfirst)


def date_at_start(text: str, dayfirst: bool = True) -> bool:
    """Whether `text` opens with the date `find_date` reads in it ("12 September 2024 at 5.00 pm"),
    i.e. find_date(text)[1].start() == 0, without scanning the rest of the text and parsing every
    date there: a pattern's first real date starts the text only if its match at 0 is one."""
    return any((m := pattern.match(text or "")) and _date_value(pattern, m, dayfirst) for pattern in _DATE_PATTERNS)


def _numeric(m: re.Match, dayfirst: bool) -> str | None:
    """12/09/2024 -> 2024-09-12 (day first) or 2024-12-09 (month first); 2-digit years are 20xx.
    A date that only one order can read ("04/25/2023" read day first) is read that way."""
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if year < 100:
        year += 2000
    orders = [(a, b), (b, a)] if dayfirst else [(b, a), (a, b)]
    if "/" not in m.group(0) and len(m.group(3)) < 4:
        orders = orders[:1]  # "05.19.01" is a parish minute number, never 19 May 2001
    for day, month in orders:
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


#: signs of a US document, one pattern per kind of sign (a kind counts once, however often it occurs):
US_SIGNALS = {
    # "Councilor Tuttle moved ..." (US spelling; UK, IE, NZ and Canada write "Councillor")
    "councilor": re.compile(r"\bcouncilors?\b|\bcouncil\s?members?\b|\balder(?:man|men|person)\b", re.I),
    # "Rivergrove City Council", "DES MOINES CITY COUNCIL" (weak alone: "Bristol City Council")
    "city_council": re.compile(r"\bcity\s+council\b", re.I),
    # "7:01 p.m." (a colon and dotted a.m./p.m.; UK minutes print "2.00 pm")
    "clock": re.compile(r"\b\d{1,2}:\d{2}\s?[ap]\.m\.", re.I),
    # "Mayor Pro Tem", "Council President", "City Attorney", "City Manager", "City Recorder"
    "offices": re.compile(r"\bmayor\s+pro[\s-]tem\b|\bcouncil\s+president\b|\bcity\s+(?:attorney|manager|recorder)\b", re.I),
    # "ROLL CALL", "YEAS ... NAYS", "Ayes: 5"
    "votes": re.compile(r"\broll[\s-]call\b|\byeas?\b.*\bnays?\b|\bayes?\s*:", re.I),
    # "Rivergrove, Oregon", "Des Moines, Iowa", "Chicago, IL 60601"
    "state": re.compile(r",\s*(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
                        r"Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|"
                        r"Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New\s+Hampshire|New\s+Jersey|"
                        r"New\s+Mexico|New\s+York|North\s+Carolina|North\s+Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
                        r"Rhode\s+Island|South\s+Carolina|South\s+Dakota|Tennessee|Texas|Utah|Vermont|Virginia|"
                        r"Washington|West\s+Virginia|Wisconsin|Wyoming)\b|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b"),
}
#: signs of a UK, Irish or NZ document: "Councillor", "Cllr", a postcode, pounds or euros
DAYFIRST_SIGNALS = {
    "councillor": re.compile(r"\bcouncillors?\b|\bcllrs?\b", re.I),
    "postcode": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"),
    "currency": re.compile(r"[£€]"),
}
#: where each sign can start, for `_signal` (a sign's own `\b`, re.I or leading alternation makes
#: re try it at every position of the text, ~10 ms a sign on the corpus): every match of a sign
#: starts `back` characters before a hit of one of its words in text.lower() (a sign under re.I)
#: or of one of its anchors in the text (a case-sensitive sign), and is confirmed by the sign itself
SIGNAL_WORDS_AT = {
    "councilor": (("council", (0,)), ("alder", (0,))),
    "city_council": (("city", (0,)),),
    "clock": ((".m.", (7, 6, 5)),),  # "12:30 p.m.": the digits start 5 to 7 characters before ".m."
    "offices": (("mayor", (0,)), ("council", (0,)), ("city", (0,))),
    "votes": (("roll", (0,)), ("yea", (0,)), ("aye", (0,))),
    "councillor": (("council", (0,)), ("cllr", (0,))),
}
#: signs that are a single character: str.find looks for it far faster than a regex scan
SIGNAL_CHARACTERS = {"currency": "£€"}
SIGNAL_ANCHORS = {
    # the sign's ", Oregon" half (led by a comma: scanned fast) and its "OR 97201" half less its \b
    "state": (re.compile(US_SIGNALS["state"].pattern.split("|\\b[A-Z]{2}")[0]), re.compile(r"[A-Z]{2}\s+\d{5}")),
}
#: signs found by their shape (see _SHAPE): every match holds the shape `back` characters after
#: its start, for one of `backs`, and is confirmed by the sign itself
SIGNAL_SHAPES = {
    # "HR4 0LE", "SW1A 1AA": the space and the inward code (" 9AA") start 2 to 4 characters in
    "postcode": (b" 9AA", (4, 3, 2)),
}
#: an ASCII character as its class in a sign: "A" a capital, "9" a digit, " " a space to re's \s,
#: "." anything else (a text is shaped by bytes.translate and searched by bytes.find, at C speed)
_SHAPE = bytes(ord("A") if "A" <= chr(c) <= "Z" else ord("9") if "0" <= chr(c) <= "9" else
               ord(" ") if c < 128 and chr(c).isspace() else ord(".") for c in range(256))


def _signal(name: str, pattern: re.Pattern, text: str, low: str | None) -> bool:
    """`pattern.search(text) is not None`, the pattern tried only where it can start.

    `low` is text.lower() when it lines up with the text letter for letter and re.I reads no letter
    of the text differently from lower() (else None: the plain search)."""
    match = pattern.match
    if name in SIGNAL_WORDS_AT:
        if low is None:
            return pattern.search(text) is not None
        for word, backs in SIGNAL_WORDS_AT[name]:
            at = low.find(word)
            while at >= 0:
                if any(at >= back and match(text, at - back) for back in backs):
                    return True
                at = low.find(word, at + 1)
        return False
    if name in SIGNAL_CHARACTERS:
        return any(char in text for char in SIGNAL_CHARACTERS[name])
    if name in SIGNAL_SHAPES:
        return _shaped_signal(pattern, text, *SIGNAL_SHAPES[name])
    if name in SIGNAL_ANCHORS:
        for anchor in SIGNAL_ANCHORS[name]:
            search, pos = anchor.search, 0
            while (hit := search(text, pos)) is not None:
                if match(text, hit.start()):
                    return True
                pos = hit.start() + 1
        return False
    return pattern.search(text) is not None


def _shaped_signal(pattern: re.Pattern, text: str, shape: bytes, backs: tuple) -> bool:
    """`pattern.search(text) is not None` for a sign listed in SIGNAL_SHAPES, the pattern tried only
    where the text has the sign's shape: a regex scan for "[A-Z]{1,2}\\d..." tries every capital
    letter of the document. A text that has a digit or a space outside ASCII (which a shape cannot
    show) is searched plainly."""
    if not text.isascii() and _unshapely(text):
        return pattern.search(text) is not None
    shaped = text.encode("ascii", "replace").translate(_SHAPE)  # one byte per character: indexes agree
    match, at = pattern.match, shaped.find(shape)
    while at >= 0:
        if any(at >= back and match(text, at - back) for back in backs):
            return True
        at = shaped.find(shape, at + 1)
    return False


def _unshapely(text: str) -> bool:
    """Whether a non-ASCII character of `text` is a digit or a space to re (\\d is isdecimal, \\s
    isspace)."""
    return any(char.isdecimal() or char.isspace() for char in non_ascii(text))


def dayfirst_for(text: str) -> bool:
    """Whether the numeric dates of a whole document are day first (UK, IE, NZ) or month first (US).

    A numeric date that only one order can read settles it ("25/04/2023" day first, "04/25/2023"
    month first). Otherwise US signs must outnumber UK ones, two kinds at least: the Rivergrove
    minutes ("Councilor Tuttle", "7:01 p.m.", "Rivergrove, Oregon") read "04/05/2023" as April 5."""
    text = text or ""
    for m in _numeric_dates(text):
        if "/" not in m.group(0) and len(m.group(3)) < 4:
            continue  # "11.25.01" is a parish minute number, not 25 November
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 >= b >= 1:
            return True
        if b > 12 >= a >= 1 and b <= 31:
            return False
    low = text.lower()  # stands in for re.I letter for letter, unless the text has RE_I_ONLY letters
    aligned = low if len(low) == len(text) and not any(char in text for char in RE_I_ONLY) else None
    # the postcode (slowest to scan, seldom there) is scanned only once it could change the answer:
    # until then uk is one of uk and uk + 1, and both give every test below the same outcome
    uk = sum(1 for name, pattern in DAYFIRST_SIGNALS.items()
             if name != "postcode" and _signal(name, pattern, text, aligned))
    postcode_unread = True
    us, unread = 0, len(US_SIGNALS)
    for name, pattern in US_SIGNALS.items():  # each a scan of the whole text: stop once the answer is known
        unread -= 1
        us += _signal(name, pattern, text, aligned)
        if postcode_unread and uk + 1 in (us, us + unread):
            uk += _signal("postcode", DAYFIRST_SIGNALS["postcode"], text, aligned)
            postcode_unread = False
        if us >= 2 and us > uk:
            return False
        if us + unread < 2 or us + unread <= uk:
            return True
    return True


class DayfirstWhenAsked:
    """`dayfirst_for` of a document's lines, worked out the first time it is read as a bool.

    Only a numeric date ("04/05/2023") needs the answer, and most documents print none where one
    is read (14 of the 16 bench PDFs): scanning their whole text for signs of a US document took
    12 ms a bench round for nothing. Pass it wherever a `dayfirst` bool goes."""

    def __init__(self, lines: list[str]):
        self._lines = tuple(lines)  # as they are now
        self._value: bool | None = None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = dayfirst_for("\n".join(self._lines))
        return self._value


def parse_date(text: str, dayfirst: bool = True) -> str | None:
    """ISO date of the first date in `text`, or None. "18th January 2019" -> "2019-01-18"."""
    found = find_date(text, dayfirst)
    return found[0] if found else None


def find_time(text: str) -> tuple[str, re.Match] | None:
    """The first clock time in `text` as ("HH:MM", match), or None.

    "2.00 pm" -> "14:00"; "10.00 am" -> "10:00"; "7:00 p.m." -> "19:00"; "3PM" -> "15:00";
    "12 noon" -> "12:00"; "18:30" -> "18:30". A bare "2.5" or a page number is not a time."""
    text = text or ""
    hits = []
    for m in TIME_12H.finditer(text):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            continue
        if m.group(3).lower() == "p" and hour != 12:
            hour += 12
        elif m.group(3).lower() == "a" and hour == 12:
            hour = 0
        hits.append((m.start(), f"{hour:02d}:{minute:02d}", m))
        break
    if hits:  # an explicit am/pm time beats a 24-hour look-alike such as "11.25" in "11.25.01"
        return hits[0][1], hits[0][2]
    dates = [m.span() for m in NUMERIC.finditer(text)]
    for pattern in (NOON, TIME_HOURS, TIME_24H):
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in dates):
                continue
            value = "12:00" if pattern is NOON else f"{int(m.group(1)):02d}:{m.group(2)}"
            hits.append((m.start(), value, m))
            break
    if not hits:
        return None
    _, value, m = min(hits, key=lambda h: h[0])
    return value, m


def parse_time(text: str) -> str | None:
    """"HH:MM" of the first time in `text`, or None."""
    found = find_time(text)
    return found[0] if found else None

"""Names of people as printed -> one person each: normalise, then alias, then exact, then fuzzy.

Pure functions (no database): `parse_name()` turns "Ms. Hannah Currie Hereford" or
"Councillor DB Wilcox (Chairman)" into NameParts; `resolve()` clusters many mentions from one
council into people and says, for each mention, how it was matched (exact / alias / initials /
surname / fuzzy + score) or why it was left unlinked (ambiguous). An uncertain match is left
unlinked rather than guessed: "Cllr Wilcox" with a David and a Sarah Wilcox on the council
links to neither.

The method follows parlparse's london-mayors-questions resolver: strip honorifics and trailing
place names from a regex list, apply corrections from a user-edited file first, then
`rapidfuzz.process.extractOne(..., scorer=fuzz.token_sort_ratio, score_cutoff=...)`.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Optional

from rapidfuzz import fuzz, process

#: Honorifics and offices printed before a name; "Councillor" and friends mark a councillor.
#: e.g. "Mrs. Megan McGeown", "Cllr Wilcox", "Councilor Tuttle" (US), "The Rt Hon Lord Smith".
TITLE_RE = re.compile(
    r"^(?:(?P<title>the|rt\.?|right|hon\.?|honourable|mr|mrs|ms|miss|mx|dr|doctor|prof|professor|sir|dame|"
    r"lord|lady|rev|revd|reverend|fr|father|cllr|councillors?|councilors?|alderman|alderwoman|"
    r"mayor|deputy\s+mayor|council\s+president|co-opted\s+member)\.?)\s+",
    re.IGNORECASE)
COUNCILLOR_TITLES = {"cllr", "councillor", "councillors", "councilor", "councilors", "alderman",
                     "alderwoman", "mayor", "deputy mayor", "council president"}
MALE_TITLES = {"mr", "sir", "lord", "fr", "father"}
FEMALE_TITLES = {"mrs", "ms", "miss", "dame", "lady"}

#: Strings that stand where a name would but name nobody: "Name and address supplied".
NOT_A_NAME_RE = re.compile(
    r"\b(?:name\s+and\s+address|address\s+supplied|name\s+supplied|supplied|withheld|anonymous|"
    r"member\s+of\s+the\s+public|resident|unknown|n/?a)\b", re.IGNORECASE)

#: Words that make a phrase an office, not a name: "Cabinet Member Children and Young People",
#: "The Director for Children and Young People", "(Committee Clerk)".
ROLE_WORDS_RE = re.compile(
    r"\b(?:cabinet|member|members|director|directorate|committee|council|officer|officers|leader|"
    r"chair|chairman|chairperson|chairwoman|vice|manager|head|clerk|executive|solicitor|secretary|"
    r"lead|portfolio|holder|assistant|deputy|service|services|support|adviser|advisor|commissioner|"
    r"monitoring|scrutiny|democratic|statutory|corporate|chief|strategic|team|department|"
    r"partnerships?|representative|co-opted|governance|finance|planning|mayors?)\b", re.IGNORECASE)
CONNECTIVES = {"for", "of", "and", "the", "to", "&"}

#: A trailing lone initial in brackets that tells two same-surname councillors apart:
#: "Councillor Collins (M)" -> initials "m".
BRACKET_INITIAL_RE = re.compile(r"\(\s*([A-Z])\.?\s*\)\s*$")

#: Offices printed in brackets after a name: "Councillor Toni Fagan (chairperson)".
POSITION_RE = re.compile(r"^(?:vice[- ]?)?chair(?:man|person|woman)?$", re.IGNORECASE)

#: Common short forms of given names, so "Dave Davies" and "David Davies" are one person. The
#: user's fixtures/people.yml can add more (`nicknames:`).
NICKNAMES = {
    "dave": "david", "davy": "david", "dai": "david", "bob": "robert", "rob": "robert", "bobby": "robert",
    "bill": "william", "will": "william", "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth",
    "jim": "james", "jimmy": "james", "jamie": "james", "mike": "michael", "mick": "michael",
    "tony": "anthony", "toni": "antonia", "chris": "christopher", "steve": "stephen", "pete": "peter",
    "tom": "thomas", "tim": "timothy", "sam": "samuel", "ben": "benjamin", "dan": "daniel",
    "danny": "daniel", "nick": "nicholas", "andy": "andrew", "matt": "matthew", "jon": "jonathan",
    "phil": "philip", "ted": "edward", "ed": "edward", "eddie": "edward", "alex": "alexander",
    "sue": "susan", "kate": "katherine", "cathy": "catherine", "jenny": "jennifer", "jen": "jennifer",
    "maggie": "margaret", "meg": "margaret", "peggy": "margaret", "pat": "patricia", "becky": "rebecca",
    "vicky": "victoria", "ken": "kenneth", "ron": "ronald", "rick": "richard", "dick": "richard",
    "terry": "terence", "fred": "frederick", "greg": "gregory", "ray": "raymond", "tash": "natasha",
}

FUZZY_CUTOFF = 88  # token_sort_ratio for "Hanna Currie" ~ "Hannah Currie" (96); "James/Megan McGeown" is 54
GIVEN_NAME_CUTOFF = 80  # fuzz.ratio of given names: "Hanna"/"Hannah" 91, "Dave"/"Clare" 44
SURNAME_CUTOFF = 85  # fuzz.ratio of surnames: "Curie"/"Currie" 91


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower case without accents or apostrophes: "O’Dónovan" -> "odonovan". Cached: linking
    folds the same few hundred names thousands of times."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"['’`]", "", text.lower())


@dataclass(frozen=True)
class NameParts:
    """A name taken apart: "Councillor DB Wilcox" -> initials "db", surname "wilcox".

    `given` holds folded given names ("hannah",), `initials` every given initial, `display` the
    name as it should be shown ("Hannah Currie", "DB Wilcox")."""

    display: str
    surname: str
    given: tuple = ()
    initials: str = ""
    title: Optional[str] = None
    gender: Optional[str] = None  # "m" / "f" when the title says so
    councillor: bool = False
    location: Optional[str] = None
    role: Optional[str] = None  # an office printed with the name: "Cabinet Member for Children and Families"
    position: Optional[str] = None  # chair / vice-chair

    @functools.cached_property
    def first(self) -> Optional[str]:
        """The first given name with nicknames expanded: "Dave" -> "david"."""
        return canonical_given(self.given[0]) if self.given else None

    @property
    def kind(self) -> str:
        return "full" if self.given else ("initials" if self.initials else "surname")

    def key(self) -> str:
        """The normalised name people are matched on: "hannah currie", "db wilcox", "reid"."""
        return self._key

    @functools.cached_property
    def _key(self) -> str:
        if self.given:
            return f"{self.first} {self.surname}"
        if self.initials:
            return f"{self.initials} {self.surname}"
        return self.surname


_extra_nicknames: dict = {}


def canonical_given(name: str) -> str:
    name = fold(name)
    return _extra_nicknames.get(name) or NICKNAMES.get(name, name)


def set_nicknames(mapping: dict) -> None:
    """Add nicknames from fixtures/people.yml (`dave: david`)."""
    _extra_nicknames.clear()
    _extra_nicknames.update({fold(k): fold(v) for k, v in (mapping or {}).items()})


def has_role_word(text: str) -> bool:
    """True when a bracketed note after a name is an office: "(Committee Clerk)",
    "(Safeguarding Partnerships Business Manager)"; not "(Diocese of Hereford)"."""
    return bool(ROLE_WORDS_RE.search(text or ""))


def looks_like_role(text: str) -> bool:
    """True for an office rather than a person: "Cabinet member, children and families",
    "The Director for Children and Young People", "Corporate Director Children and Young People".
    A name ("Hannah Currie") has no office words; an office is mostly office words."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text or "") if w.lower() not in CONNECTIVES]
    if not words:
        return False
    hits = sum(1 for w in words if ROLE_WORDS_RE.fullmatch(w))
    leads = re.match(r"\s*(?:the\s+)?(?:cabinet|director|leader|chief|head|corporate|executive)\b", text, re.I)
    ends = OFFICE_NOUN_RE.search(text)
    return hits >= 1 and (hits * 2 >= len(words) or bool(leads) or bool(ends))


#: An office ends in one of these nouns: "The Complaints and Children's Rights Manager".
OFFICE_NOUN_RE = re.compile(
    r"\b(?:manager|officer|director|clerk|secretary|solicitor|chairman|chairperson|leader|executive|"
    r"commissioner|adviser|advisor|member|holder)\s*$", re.IGNORECASE)

#: "The ..." before anything but an honorific is an office or a body, never a person's name:
#: "The CM C&F", "The Director"; but "The Rt Hon ...", "The Revd ..." are people.
THE_OFFICE_RE = re.compile(r"^the\s+(?!(?:rt|right|hon|honourable|rev|revd|reverend|lord|lady)\b)", re.IGNORECASE)


def _clean(raw: str) -> str:
    text = re.sub(r"<[^>]+>", " ", raw or "")
    text = text.replace("\u00a0", " ")
    text = re.sub(r"\s+[-–]\s+(?=[A-Z][a-z'’]+$)", "-", text)  # "Portman - Lewis" -> "Portman-Lewis"
    return re.sub(r"\s+", " ", text).strip(" \t,;:.·*")


def split_role(text: str) -> tuple[str, Optional[str], Optional[str]]:
    """Separate a name from an office printed with it.

    "Councillor Felicity Norman, Cabinet Member for Children and Families" -> (name, role)
    "Tina Russell (Corporate Director Children and Young People)" -> (name, role)
    "Councillor Toni Fagan (chairperson)" -> (name, None, position "chair")"""
    role = position = None
    m = re.search(r"\(([^()]*)\)\s*$", text)
    if m and not BRACKET_INITIAL_RE.search(text):
        inside = m.group(1).strip()
        if POSITION_RE.match(inside):
            position = "vice-chair" if inside.lower().startswith("vice") else "chair"
        elif has_role_word(inside):
            role = inside
        text = text[:m.start()].strip()
    for sep in (",", " - ", " – "):
        head, found, tail = text.partition(sep)
        if found and looks_like_role(tail) and not looks_like_role(head):
            return head.strip(), role or tail.strip(), position
    return text, role, position


def _strip_titles(text: str) -> tuple[str, list[str]]:
    titles = []
    while True:
        m = TITLE_RE.match(text + " ")
        if not m or len(text[m.end():].strip()) == 0:
            return text, titles
        titles.append(re.sub(r"\s+", " ", m.group("title").lower().rstrip(".")))
        text = text[m.end():].strip()


def _strip_place(tokens: list[str], places: set) -> tuple[list[str], Optional[str]]:
    """Drop a trailing place the archive knows: "Hannah Currie Hereford" -> "Hannah Currie"."""
    for width in (3, 2, 1):
        if len(tokens) > width and fold(" ".join(tokens[-width:])) in places:
            return tokens[:-width], " ".join(tokens[-width:])
    return tokens, None


def _is_initials(token: str) -> bool:
    """"DB", "E.", "J.M." are initials; "Ed" and "DAVID" are not."""
    bare = token.replace(".", "")
    return bool(bare) and bare.isalpha() and bare.isupper() and (len(bare) <= 3 or "." in token)


def _surname_display(token: str) -> str:
    return token.title() if token.isupper() and len(token) > 3 else token


def parse_name(raw: str, *, title: str = None, location: str = None, places: Iterable[str] = ()) -> Optional[NameParts]:
    """Take a printed name apart, or None when it names nobody (a role, "Name and address supplied").

    >>> parse_name("Ms. Hannah Currie Hereford", places={"hereford"}).key()
    'hannah currie'
    >>> parse_name("Councillor DB Wilcox (Chairman)").key()
    'db wilcox'
    """
    text = _clean(raw)
    if not text or NOT_A_NAME_RE.search(text) or not re.search(r"[A-Za-z]{2}", text) or "/" in text:
        return None  # "/" joins two people: "Councillor Redstone/Councillor Watkins" (NZ mover/seconder)
    initial = None
    m = BRACKET_INITIAL_RE.search(text)
    if m:  # "Councillor Collins (M)"
        initial, text = m.group(1).lower(), text[:m.start()].strip()
    text, role, position = split_role(text)
    if "," in text:  # "Mr Barrington, Hereford"
        text, _, place = text.partition(",")
        location = location or place.strip() or None
    if THE_OFFICE_RE.match(text) or "&" in text:
        return None
    text, titles = _strip_titles(text.strip())
    if title:
        titles.append(fold(title).rstrip("."))
    if not text or looks_like_role(text):
        return None
    tokens = [t for t in text.split() if t.strip(".")]
    place_set = {fold(p) for p in places if p}
    if location:
        place_set.add(fold(location))
    tokens, found_place = _strip_place(tokens, place_set)
    location = location or found_place
    if not tokens or len(tokens) > 5:
        return None
    surname_tok = tokens[-1]
    if _is_initials(surname_tok) and len(tokens) == 1:
        return None
    given_toks = tokens[:-1]
    given = tuple(fold(t.strip(".")) for t in given_toks if not _is_initials(t))
    # "Liz Harvey" has initial "e" (Elizabeth), so she can be "EPJ Harvey" of older minutes
    initials = "".join(
        fold(t.replace(".", "")) if _is_initials(t) else canonical_given(t.strip("."))[0] for t in given_toks
    ) or (initial or "")
    display_given = [t if _is_initials(t) else t.strip(".") for t in given_toks] or ([initial.upper()] if initial else [])
    display = " ".join(display_given + [_surname_display(surname_tok)])
    gender = "m" if set(titles) & MALE_TITLES else ("f" if set(titles) & FEMALE_TITLES else None)
    return NameParts(
        display=display, surname=fold(surname_tok), given=given, initials=initials,
        title=next((t.title() for t in titles if t != "the"), None), gender=gender,
        councillor=bool(set(titles) & COUNCILLOR_TITLES), location=location, role=role, position=position)


def initials_compatible(a: str, b: str) -> bool:
    """"db" and "d" agree (one is a prefix of the other); "db" and "dw" do not."""
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def given_compatible(a: Optional[str], b: Optional[str]) -> bool:
    if a is None or b is None or a == b:
        return True
    return fuzz.ratio(a, b) >= GIVEN_NAME_CUTOFF and a[0] == b[0]


def compatible(m: NameParts, p: NameParts) -> bool:
    """Could mention `m` be person `p`? Surnames agree, given names or initials agree, the titles
    do not say different sexes. Used to veto fuzzy matches as well as to find candidates."""
    if m.gender and p.gender and m.gender != p.gender:
        return False
    if m.surname != p.surname and fuzz.ratio(m.surname, p.surname) < SURNAME_CUTOFF:
        return False
    if m.given and p.given:
        return given_compatible(m.first, p.first) and initials_compatible(m.initials, p.initials)
    return initials_compatible(m.initials, p.initials)


@dataclass
class Mention:
    """One place a name is printed: (table, row_id, column) in the archive, with the printed text."""

    table: str
    row_id: str
    column: str
    raw: str
    name: Optional[str] = None  # the name already split from title and place, when extraction did it
    title: Optional[str] = None
    location: Optional[str] = None
    note: Optional[str] = None  # what stood in brackets after the name: "(Committee Clerk)"
    position: Optional[str] = None  # chair / vice-chair, where extraction recorded it
    document_id: Optional[str] = None
    date: Optional[str] = None
    hint: Optional[str] = None  # councillor / officer / public, from where the name was printed
    parts: Optional[NameParts] = None


@dataclass
class Person:
    """A resolved person: `parts` is the fullest form seen; `id` comes from that name + council."""

    id: str
    parts: NameParts
    council: str
    aliases: set = field(default_factory=set)
    pinned: bool = False  # named in fixtures/people.yml: its name is the user's, not ours
    councillor: bool = False  # some mention gave a councillor's title
    listed_aliases: list = field(default_factory=list)  # from fixtures/people.yml

    @property
    def name(self) -> str:
        return self.parts.display


@dataclass
class Match:
    mention: Mention
    person_id: Optional[str]
    method: str  # exact / alias / initials / surname / fuzzy / ambiguous / unmatched
    score: Optional[float] = None


def person_id(council: str, key: str) -> str:
    """Deterministic: the same normalised name in the same council is always the same id."""
    digest = hashlib.sha256(f"{fold(council or '')}|{key}".encode()).hexdigest()[:12]
    return f"p-{digest}"


def _fuller(a: NameParts, b: NameParts) -> NameParts:
    """The fuller of two forms of one name: given names beat initials beat a bare surname."""
    rank = lambda p: (len(p.given), len(p.initials), len(p.display))  # noqa: E731
    best = a if rank(a) >= rank(b) else b
    other = b if best is a else a
    initials = best.initials if len(best.initials) >= len(other.initials) else other.initials
    if initials != best.initials and initials.startswith(best.initials):
        best = dataclasses.replace(best, initials=initials)
    if best.gender is None and other.gender:
        best = dataclasses.replace(best, gender=other.gender)
    return best


class Resolver:
    """Cluster the mentions of one council into people.

    Order matters for correctness, not for the result: full names first (they define people),
    then initials ("DB Wilcox" joins David Wilcox if he is the only D. Wilcox), then bare surnames
    ("Cllr Wilcox" joins only a unique Wilcox). Within a phase mentions are taken in sorted order,
    so the same archive always gives the same people and ids."""

    def __init__(self, council: str, *, aliases: dict = None, corrections: dict = None):
        self.council = council or ""
        self.people: dict[str, Person] = {}
        self.by_surname: dict[str, set] = {}
        self.by_first: dict[str, set] = {}
        self.alias_map: dict[str, str] = {}  # normalised alias -> person id
        self.corrections = {_alias_key(k): v for k, v in (corrections or {}).items()}
        for canonical, names in (aliases or {}).items():
            parts = parse_name(canonical)
            if parts is None:
                continue
            person = self._new_person(parts, pinned=True)
            person.councillor = parts.councillor
            person.listed_aliases = [canonical, *names]
            for alias in [canonical, *names]:
                self.alias_map[_alias_key(alias)] = person.id

    def _new_person(self, parts: NameParts, pinned=False) -> Person:
        pid = person_id(self.council, parts.key() + ("" if parts.given or parts.initials else f"|{parts.gender or ''}"))
        person = self.people.get(pid)
        if person is None:
            person = self.people[pid] = Person(id=pid, parts=parts, council=self.council, pinned=pinned)
            self._index(person)
        return person

    def _index(self, person: Person) -> None:
        self.by_surname.setdefault(person.parts.surname, set()).add(person.id)
        if person.parts.first:
            self.by_first.setdefault((person.parts.first, person.parts.surname[:1]), set()).add(person.id)

    def _absorb(self, person: Person, parts: NameParts) -> None:
        person.councillor = person.councillor or parts.councillor
        if not person.pinned:
            person.parts = _fuller(person.parts, parts)
            self._index(person)

    def candidates(self, parts: NameParts) -> list[Person]:
        ids = set(self.by_surname.get(parts.surname, ()))
        return [self.people[i] for i in sorted(ids) if compatible(parts, self.people[i].parts)]

    def fuzzy(self, parts: NameParts) -> Optional[tuple[Person, float]]:
        """A near-spelling of a known person: blocked by the same surname, or the same first name
        and surname initial ("Hannah Curie" finds "Hannah Currie"),
        scored with token_sort_ratio, vetoed unless the names are compatible."""
        ids = set(self.by_surname.get(parts.surname, ())) | set(self.by_first.get((parts.first, parts.surname[:1]), ()))
        choices = {i: self.people[i].parts.key() for i in sorted(ids) if self.people[i].parts.given}
        while choices:
            found = process.extractOne(parts.key(), choices, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF)
            if found is None:
                return None
            _, score, pid = found
            if compatible(parts, self.people[pid].parts):
                return self.people[pid], round(score, 1)
            del choices[pid]
        return None

    def resolve(self, mentions: list[Mention], places: Iterable[str] = ()) -> list[Match]:
        places = set(places)
        matches: list[Match] = []
        parsed = []
        names: dict[tuple, Optional[NameParts]] = {}  # the same councillor is named hundreds of times
        for m in mentions:
            corrected = self.corrections.get(_alias_key(m.raw)) or self.corrections.get(_alias_key(m.name or ""))
            raw = corrected or m.name or m.raw
            if m.parts is None:
                asked = (raw, None if corrected else m.title, m.location)
                if asked not in names:
                    names[asked] = parse_name(raw, title=asked[1], location=m.location, places=places)
                m.parts = names[asked]
            if m.parts is None:
                continue
            pid = self.alias_map.get(_alias_key(raw)) or self.alias_map.get(m.parts.key())
            if pid:
                matches.append(Match(m, pid, "alias", 100.0))
            else:
                parsed.append(m)
        order = lambda m: (m.parts.key(), m.table, m.row_id, m.column)  # noqa: E731
        full = sorted((m for m in parsed if m.parts.kind == "full"), key=order)
        # Phase 1: full names define people; the most frequent spelling of a name goes first.
        groups: dict[str, list] = {}
        for m in full:
            groups.setdefault(m.parts.key(), []).append(m)
        for key in sorted(groups, key=lambda k: (-len(groups[k]), k)):
            matches.extend(self._place_full(groups[key]))
        # Phase 2: initials, longest first ("DB Wilcox" before "D Wilcox").
        initials = sorted((m for m in parsed if m.parts.kind == "initials"),
                          key=lambda m: (-len(m.parts.initials), *order(m)))
        for m in initials:
            matches.append(self._place_partial(m, "initials"))
        # Phase 3: bare surnames.
        for m in sorted((m for m in parsed if m.parts.kind == "surname"), key=order):
            matches.append(self._place_partial(m, "surname"))
        for match in matches:
            if match.person_id:
                self.people[match.person_id].aliases.add(_clean(match.mention.raw))
        return matches

    def _place_full(self, group: list[Mention]) -> list[Match]:
        parts = group[0].parts
        pid = person_id(self.council, parts.key())
        if pid in self.people:
            person, method, score = self.people[pid], "exact", 100.0
        else:
            found = self.fuzzy(parts)
            if found:
                (person, score), method = found, "fuzzy"
            else:
                person, method, score = self._new_person(parts), "exact", 100.0
        out = []
        for m in group:
            self._absorb(person, m.parts)
            out.append(Match(m, person.id, method, score))
        return out

    def _place_partial(self, m: Mention, method: str) -> Match:
        found = self.candidates(m.parts)
        if len(found) > 1 and m.parts.councillor:
            # "Cllr Wilcox": if only one of the Wilcoxes is known as a councillor, it is them.
            councillors = [p for p in found if p.councillor]
            found = councillors if len(councillors) == 1 else found
        if len(found) > 1:
            exact = [p for p in found if p.parts.key() == m.parts.key()]
            if len(exact) == 1:
                return Match(m, exact[0].id, "exact", 100.0)
            return Match(m, None, "ambiguous", None)
        if found:
            person = found[0]
            exact = person.parts.key() == m.parts.key()
            self._absorb(person, m.parts)
            return Match(m, person.id, "exact" if exact else method, 100.0)
        person = self._new_person(m.parts)
        self._absorb(person, m.parts)
        return Match(m, person.id, "exact", 100.0)


@functools.lru_cache(maxsize=8192)
def _alias_key(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", fold(_clean(text)))

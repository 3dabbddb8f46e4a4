"""Token rules (spaCy `blank("en")` + Matcher), for the places where token patterns beat regex:
resolution / recommendation leaders, promises to act later, and titles before names.

Each rule is one named pattern list with a real example beside it. The pipeline is built once
(`functools.cache`), needs no model download, and tokenises only; matching is on lower-cased
token text, so "RESOLVED", "Resolved" and "resolved" are one rule.
"""
from __future__ import annotations

import functools
import re

import spacy
from spacy.matcher import Matcher

# ---------------------------------------------------------------------------------------------
# Resolution and recommendation leaders: the words that open what was decided.
# Matched only at the very start of a block (see `leader`).

LEADERS = {
    # "RESOLVED: that the report is received." / "Resolved that:" / "RESOLVED – That ..."
    # "And Resolved:" (Limerick) / "It was RESOLVED that"
    "resolution": [
        [{"LOWER": {"IN": ["and", "it"]}, "OP": "?"}, {"LOWER": {"IN": ["was", "is"]}, "OP": "?"},
         {"LOWER": {"IN": ["resolved", "resolve", "resolutions", "resolution", "resolved:"]}}],
        # "It was APPROVED:" (Bristol); "APPROVED that ..."
        [{"LOWER": "it", "OP": "?"}, {"LOWER": "was", "OP": "?"}, {"LOWER": "approved"},
         {"LOWER": {"IN": [":", "-", "–", "—", "that"]}}],
        # "It was APPROVED" alone on its line (Bristol), the decision below it
        [{"LOWER": "it"}, {"LOWER": "was"}, {"LOWER": {"IN": ["approved", "agreed", "resolved", "decided"]}}],
        # "AGREED: that ..." / "Agreed - the minutes ..." / "It was AGREED that"
        [{"LOWER": "it", "OP": "?"}, {"LOWER": "was", "OP": "?"}, {"LOWER": {"IN": ["agreed", "agreed:"]}}],
        # "DECISION: ..." / "Decided: ..." / "Decisions:"
        [{"LOWER": {"IN": ["decision", "decisions", "decision:"]}}, {"ORTH": {"IN": [":", "-", "–"]}}],
        [{"LOWER": {"IN": ["decided", "decided:"]}}],
        # "Decision taken" (ModernGov decision notice form, field (d)); "Decisions made:"
        [{"LOWER": {"IN": ["decision", "decisions"]}}, {"LOWER": {"IN": ["taken", "made", "taken:", "made:"]}}],
    ],
    # "RECOMMENDATION: The Committee stressed ..." / "Recommendations:" / "RECOMMENDED that"
    # "The Committee recommends that ..." / "The Panel RECOMMENDS to Cabinet:"
    "recommendation": [
        [{"LOWER": {"IN": ["recommendation", "recommendations", "recommended", "recommendation:", "recommendations:"]}}],
        [{"LOWER": "the", "OP": "?"}, {"IS_TITLE": True, "OP": "?"}, {"IS_TITLE": True, "OP": "?"},
         {"LOWER": {"IN": ["committee", "panel", "board", "council", "commission", "group", "cabinet"]}},
         {"LOWER": {"IN": ["recommends", "recommended", "recommend"]}}],
    ],
}

# ---------------------------------------------------------------------------------------------
# Promises: someone undertakes to do something later. Each pattern's first token anchors it.

_MODAL = {"LOWER": {"IN": ["would", "will", "shall"]}}
_ADV = {"LOWER": {"IN": ["also", "then", "now", "further", "personally", "therefore", "happily", "gladly"]}, "OP": "*"}
_WILLING = [{"LOWER": {"IN": ["be", "have", "was", "were", "is", "are"]}, "OP": "?"},
            {"LOWER": {"IN": ["happy", "pleased", "able", "to", "willing", "glad"]}, "OP": "?"},
            {"LOWER": "to", "OP": "?"}]
_TO_COMMITTEE = {"LOWER": {"IN": ["the", "this", "a", "future", "members", "councillors", "committee", "panel",
                                  "board", "council", "cabinet", "all", "them", "him", "her", "you", "us"]}}
_DOC_NOUN = {"LOWER": {"IN": ["response", "responses", "reply", "answer", "report", "reports", "update", "updates",
                              "briefing", "note", "feedback", "figures", "numbers", "statistics", "timetable",
                              "breakdown", "details", "information", "figures", "data", "clarification",
                              "summary", "paper", "explanation", "list", "copy", "copies", "chart", "map"]}}
_PASSIVE_VERB = {"LOWER": {"IN": ["provided", "circulated", "sent", "shared", "brought", "supplied", "forwarded",
                                  "submitted", "presented", "issued", "emailed", "distributed", "given"]}}

_GIVE = {"LOWER": {"IN": ["provide", "send", "supply", "circulate", "share", "forward", "bring", "email", "give"]}}

PROMISES = {
    # "would have to return to the committee on that" / "would come back to the committee"
    "return_to_committee": [[_MODAL, _ADV, *_WILLING, {"LOWER": {"IN": ["return", "come", "revert", "report"]}},
                             {"LOWER": {"IN": ["back"]}, "OP": "?"}, {"LOWER": {"IN": ["to", "with"]}}, _TO_COMMITTEE]],
    # "officers would report back" / "Clerk to report back on costs"
    "report_back": [[_MODAL, _ADV, *_WILLING, {"LOWER": {"IN": ["report", "feed", "come", "bring"]}}, {"LOWER": "back"}]],
    # "they would be happy to provide the committee with a quarterly report"
    # "would provide a written response"; "would provide members with the figures"
    "provide": [[_MODAL, _ADV, *_WILLING, _GIVE,
                 {"LOWER": {"IN": ["a", "an", "the", "further", "more", "any", "some", "all", "written", "these",
                                   "those", "this", "that", "copies", "a", "full"]}, "OP": "?"},
                 {"LOWER": {"IN": ["written", "detailed", "full", "brief", "short", "quarterly", "monthly", "annual",
                                   "further", "more", "progress", "updated", "additional", "requested", "relevant"]},
                  "OP": "*"}, _DOC_NOUN],
                [_MODAL, _ADV, *_WILLING, _GIVE, {"LOWER": {"IN": ["the", "all"]}, "OP": "?"},
                 {"LOWER": {"IN": ["committee", "panel", "board", "council", "members", "member", "councillors",
                                   "cabinet", "group", "him", "her", "them", "you", "us", "members'", "members’"]}}]],
    # "would write to the member"; "Clerk to write to the county council"
    "write_to": [[_MODAL, _ADV, *_WILLING, {"LOWER": "write"}, {"LOWER": {"IN": ["to", "back"]}}]],
    # "the director would meet with the member to discuss actions"
    "meet_with": [[_MODAL, _ADV, *_WILLING, {"LOWER": {"IN": ["meet", "liaise", "speak", "talk"]}}, {"LOWER": "with"}]],
    # "The CM C&F would raise this suggestion with the director"
    "raise_with": [[_MODAL, _ADV, *_WILLING, {"LOWER": {"IN": ["raise", "take", "pass", "refer"]}},
                    {"LOWER": {"IN": ["this", "that", "it", "the", "these", "those"]}}, {"OP": "?"}, {"OP": "?"},
                    {"LOWER": {"IN": ["with", "up", "forward", "on"]}}]],
    # "they were happy to take the suggestion regarding surveys forward as a recommendation"
    "take_forward": [[{"LOWER": {"IN": ["happy", "pleased", "willing", "agreed", "undertook"]}}, {"LOWER": "to"},
                      {"LOWER": "take"}, {"OP": "?", "IS_PUNCT": False}, {"OP": "?", "IS_PUNCT": False},
                      {"OP": "?", "IS_PUNCT": False}, {"OP": "?", "IS_PUNCT": False},
                      {"OP": "?", "IS_PUNCT": False}, {"LOWER": "forward"}]],
    # "gave the committee an assurance that they would check where recommendations ... went"
    # "would look into the matter"; "would follow up"; "would investigate"
    "check": [[_MODAL, _ADV, *_WILLING, {"LOWER": {"IN": ["check", "investigate", "confirm", "clarify", "ascertain",
                                                           "verify", "establish", "explore"]}},
               {"LOWER": {"IN": ["where", "whether", "if", "that", "this", "the", "what", "how", "and", "with"]}}],
              [_MODAL, _ADV, *_WILLING, {"LOWER": {"IN": ["look", "follow"]}}, {"LOWER": {"IN": ["into", "up"]}}]],
    # "a written response would be provided to clarify the point"; "an update will be circulated"
    "passive_document": [[_DOC_NOUN, {"LOWER": {"IN": ["would", "will", "to"]}}, {"LOWER": "be"}, _ADV, _PASSIVE_VERB]],
    # "but an assurance was given that it would be checked"
    "passive_check": [[{"LOWER": {"IN": ["it", "this", "that", "these", "they"]}}, {"LOWER": {"IN": ["would", "will"]}},
                       {"LOWER": "be"}, {"LOWER": {"IN": ["checked", "investigated", "looked", "followed", "clarified",
                                                           "confirmed", "raised", "circulated", "explored"]}}]],
    # "The cabinet member would respond in writing"; "officers would reply directly to the resident"
    "respond_in_writing": [[_MODAL, _ADV, *_WILLING, {"LOWER": {"IN": ["respond", "reply", "answer"]}},
                            {"LOWER": {"IN": ["in", "directly", "separately"]}}, {"LOWER": "writing", "OP": "?"}]],
    # "Officers agreed to return to the Policy Committee with proposals"; "undertook to circulate the slides"
    "undertook": [[{"LOWER": {"IN": ["undertook", "agreed", "promised", "offered", "committed"]}}, {"LOWER": "to"},
                   {"LOWER": {"IN": ["provide", "circulate", "write", "report", "check", "investigate", "look",
                                     "share", "send", "bring", "respond", "reply", "follow", "arrange", "meet",
                                     "raise", "contact", "update", "clarify", "confirm", "return", "come",
                                     "email", "forward", "supply", "liaise", "speak", "pursue", "chase"]}}]],
    # "There would be a discussion between the cabinet member, chairman ... and the director"
    "arrange_meeting": [[{"LOWER": "there"}, {"LOWER": {"IN": ["would", "will"]}}, {"LOWER": "be"},
                         {"LOWER": {"IN": ["a", "an", "further"]}}, {"LOWER": {"IN": ["discussion", "meeting", "briefing",
                                                                                      "session", "workshop"]}},
                         {"LOWER": {"IN": ["between", "with"]}}],
                        [_MODAL, _ADV, *_WILLING, {"LOWER": {"IN": ["arrange", "organise", "organize", "convene",
                                                                     "set"]}},
                         {"LOWER": {"IN": ["a", "an", "up", "further", "for"]}}]],
}

# ---------------------------------------------------------------------------------------------
# Titles before names: "Councillor Toni Fagan", "Cllr. J Smith", "Mayor Hazlehurst",
# "Council President Mary Smith", "Ms. Hannah Currie", "Deputy Mayor X".

TITLE_WORDS = ["councillor", "councillors", "cllr", "cllrs", "councilor", "councilors", "councilmember",
               "councilmembers", "alderman", "alderwoman", "mayor", "mr", "mrs", "ms", "miss", "mx", "dr",
               "prof", "professor", "rev", "reverend", "revd", "sir", "dame", "lord", "lady", "commissioner",
               "trustee", "senator", "judge", "supervisor", "messrs", "county", "district", "co", "co-opted",
               "member", "members"]
TITLE_WORDS += [w + "." for w in TITLE_WORDS]
TITLES = [
    [{"LOWER": "co"}, {"ORTH": "-"}, {"LOWER": "opted"}, {"LOWER": {"IN": ["member", "members"]}, "OP": "?"}],
    [{"LOWER": {"IN": ["deputy", "vice", "lord", "acting", "council", "city", "co"]}, "OP": "?"},
     {"LOWER": {"IN": ["mayor", "president", "chair", "chairman", "chairperson", "-"]}, "OP": "?"},
     {"LOWER": {"IN": TITLE_WORDS}}, {"ORTH": ".", "OP": "?"}],
    [{"LOWER": "council"}, {"LOWER": "president"}],
]


@functools.cache
def nlp():
    """The blank English pipeline (a tokenizer, no model), built once per process."""
    pipeline = spacy.blank("en")
    return pipeline


@functools.cache
def _matcher(name: str, label: str | None = None) -> Matcher:
    """The Matcher of a rule table ("leaders", "promises", "titles"), or of one of its labels
    alone: a Matcher takes time for every pattern at every token, and most texts that reach one
    can match a single label at most (see `_matches`)."""
    matcher = Matcher(nlp().vocab)
    table = {"leaders": LEADERS, "promises": PROMISES, "titles": {"title": TITLES}}[name]
    for key, patterns in table.items():
        if label in (None, key):
            matcher.add(key, patterns, greedy="LONGEST" if name != "promises" else None)
    return matcher


def build() -> None:
    """Build every Matcher and word table the rules use (`extract.warm_up` calls this before a
    bulk ingest forks its workers, so that they share them instead of each building its own)."""
    _matcher("promises")  # the key of the promises cache
    _matcher("titles")
    for name, table in (("leaders", LEADERS), ("promises", PROMISES)):
        for label in table:
            _matcher(name, label)
    _first_keys()
    _first_key_bytes()
    _title_tokens()
    for label in LEADERS:
        _leading_tokens(label)


def _matches(name: str, labels: list[str] | None, doc) -> list[tuple[int, int, int]]:
    """The matches in `doc` of a rule table's `labels` (all of them when None). The same as the
    whole table's Matcher gives for those labels: each label's longest matches are chosen among
    that label's own ("greedy" filtering is per label)."""
    if labels is None:
        return _matcher(name)(doc)
    return [match for label in labels for match in _matcher(name, label)(doc)]


def _doc(text: str):
    return nlp().make_doc(text)


# Cheap necessary conditions, checked before tokenising (most blocks of a 100-page pack pass
# neither, which keeps spaCy off the hot path: it was half of extraction's time). A leader
# pattern is at most six tokens long and starts the block, so one of its words is among the
# block's first six words; each word of LEADERS holds one of these stems, and the Matcher
# compares lower-cased tokens, so a stem is in the lower-cased words (looked for with `in`: a
# case-insensitive regex took four times as long), and says which label may match.
# tests/test_resolutions.py checks over every fixture that a prefilter never turns away a text
# its Matcher matches.
_LEADER_STEMS = {"resol": "resolution", "approved": "resolution", "agreed": "resolution",
                 "decision": "resolution", "decided": "resolution", "recommend": "recommendation"}


def _opening_words(text: str, n: int = 6) -> str:
    return " ".join(text.split(None, n)[:n])


def _required_tokens(pattern: list[dict]) -> list[list[str]]:
    """The word lists of a pattern's compulsory tokens (those without "?" or "*")."""
    return [sorted(token["LOWER"]["IN"]) if isinstance(token["LOWER"], dict) else [token["LOWER"]]
            for token in pattern if "LOWER" in token and token.get("OP") not in ("?", "*")]


_LETTERS = re.compile(r"[a-z]+")


def _token_keys(words: list[str]) -> frozenset[str] | None:
    """The letter runs that show a token may be present: a token is never cut out of a longer
    word ("come" in "income", "will" in "William"), so a word of the token is a whole run of
    letters in the lower-cased text ("members’" needs the run "members"). None when a word has
    no letters (":"): such a token cannot be looked for this way."""
    runs = [_LETTERS.findall(word) for word in words]
    return frozenset(max(r, key=len) for r in runs) if all(runs) else None


#: words in most sentences of minutes: a token made of these tells little
_COMMON_WORDS = {"would", "will", "shall", "to", "with", "back", "be", "the", "this", "that", "it", "a", "an", "up",
                 "in", "on", "into", "for", "and", "if", "there"}


def _telling(keys: frozenset[str]) -> tuple:
    return (not _COMMON_WORDS.intersection(keys), min(map(len, keys)))


@functools.cache
def _promise_tokens() -> dict[str, list[list[frozenset[str]]]]:
    """Per PROMISES label, per pattern, the keys of each compulsory token; the most telling
    token ("provide|send|..." rather than "would" or "to|with") first."""
    return {label: [sorted(_pattern_keys(pattern), key=_telling, reverse=True) for pattern in patterns]
            for label, patterns in PROMISES.items()}


@functools.cache
def _first_keys() -> frozenset[str] | None:
    """Every pattern's most telling token at once: most texts have none of these words. None
    when some pattern has no word to look for (no text can be turned away at this gate)."""
    tokens = [pattern for patterns in _promise_tokens().values() for pattern in patterns]
    return frozenset().union(*(t[0] for t in tokens)) if all(tokens) else None


@functools.cache
def _labels_by_first_key() -> dict[bytes, frozenset[str]]:
    """Each word of `_first_keys`, UTF-8 encoded -> the PROMISES labels with a pattern whose most
    telling token holds it. A label none of whose words is in a text cannot match it: each of
    its patterns needs its first token."""
    labels: dict[bytes, set[str]] = {}
    for label, patterns in _promise_tokens().items():
        for tokens in patterns:
            for key in tokens[0]:
                labels.setdefault(key.encode(), set()).add(label)
    return {key: frozenset(found) for key, found in labels.items()}


@functools.cache
def _first_key_bytes() -> frozenset[bytes]:
    """`_first_keys`, UTF-8 encoded, to compare with `_letter_runs`."""
    return frozenset(_labels_by_first_key())


#: bytes a-z kept, every other byte a space
_NOT_LETTERS_TO_SPACE = bytes(c if ord("a") <= c <= ord("z") else ord(" ") for c in range(256))


def _letter_runs(low: str) -> list[bytes]:
    """_LETTERS.findall(low), UTF-8 encoded, in half the time: UTF-8 writes each other character
    with bytes outside a-z, so blanking those and splitting leaves the same runs ("members’"
    -> b"members")."""
    return low.encode("utf-8", "surrogatepass").translate(_NOT_LETTERS_TO_SPACE).split()


def _promise_labels(low: str) -> list[str]:
    """The PROMISES labels that may match the lower-cased text. A label is left out when each of
    its patterns has a compulsory token none of whose words is in the text: never one whose
    Matcher would match it."""
    runs = _letter_runs(low)
    candidates = None  # every label, when some pattern has no word to look for
    if _first_keys() is not None:
        hits = _first_key_bytes().intersection(runs)
        if not hits:
            return []  # most texts: no set of their words is built
        # only the labels whose first tokens the text has are checked in full ("would provide the
        # figures" has "provide": two labels of thirteen)
        by_key = _labels_by_first_key()
        candidates = set().union(*(by_key[key] for key in hits))
    words = set(map(bytes.decode, runs))  # the same runs as text: no second scan of the text
    return [label for label, patterns in _promise_tokens().items()
            if (candidates is None or label in candidates) and _may_match(words, patterns)]


def _may_match(words: set[str], patterns: list[list[frozenset[str]]]) -> bool:
    """Whether some pattern has each of its compulsory tokens' keys among `words` (a text's
    letter runs): when none has, its Matcher cannot match the text."""
    return any(all(not words.isdisjoint(keys) for keys in tokens) for tokens in patterns)


@functools.lru_cache(maxsize=4096)
def leader(text: str) -> tuple[str, str] | None:
    """(kind, rest) when `text` opens with a resolution or recommendation leader, else None.

    "RESOLVED: that the report is received." -> ("resolution", "that the report is received.")
    "RECOMMENDATION: The Committee stressed ..." -> ("recommendation", "The Committee stressed ...")
    "Resolved that:" -> ("resolution", "that:"). Only at the start: "the committee resolved to
    note" in the middle of a paragraph is narrative, handled by `resolutions.py` separately."""
    opening = _opening_words(text).lower()
    labels = sorted({label for stem, label in _LEADER_STEMS.items() if stem in opening})
    if not labels:
        return None
    return _leader_match(text, labels)


def _leader_match(text: str, labels: list[str] | None = None) -> tuple[str, str] | None:
    """`leader` without its prefilter: the spaCy Matcher itself, of `labels` only when given.
    The answer is the same as with every label when the others cannot match: the longest match
    from the start wins, and matches of two labels never end on the same token."""
    doc = _doc(text[:200])
    starts = (0, 1) if len(doc) > 1 and doc[0].text in "*#-•" else (0,)
    if labels is not None and not any(_may_start(doc[s], label) for s in starts if s < len(doc) for label in labels):
        return None  # "b. Approved all RPS permit types ...", "Reason for decision": no pattern starts there
    best = None
    for match_id, start, end in _matches("leaders", labels, doc):
        if start != 0 and not (start == 1 and doc[0].text in "*#-•"):
            continue
        if best is None or end > best[2]:
            best = (nlp().vocab.strings[match_id], start, end)
    if best is None:
        return None
    kind, _, end = best
    rest = text[doc[end - 1].idx + len(doc[end - 1].text):] if end <= len(doc) else ""
    return kind, rest


@functools.cache
def _leading_tokens(label: str) -> tuple[dict, ...]:
    """The pattern tokens a match of a LEADERS label can start on: each pattern's optional tokens up
    to its first compulsory one, and that one ("and"/"it", "was"/"is", then "resolved")."""
    leading = []
    for pattern in LEADERS[label]:
        for token in pattern:
            leading.append(token)
            if token.get("OP") not in ("?", "*"):
                break
    return tuple(leading)


def _may_start(token, label: str) -> bool:
    """Whether a match of the label's patterns may start on this spaCy token: a cheap look at the
    first token before the Matcher (55 µs a line) reads the whole line. Conditions it does not
    know (another attribute, a negated token) count as met."""
    return any(map(functools.partial(_fits, token), _leading_tokens(label)))


_TOKEN_VALUES = {"LOWER": lambda t: t.lower_, "ORTH": lambda t: t.text, "IS_TITLE": lambda t: t.is_title}


def _fits(token, spec: dict) -> bool:
    """Whether the token meets a pattern token's LOWER, ORTH and IS_TITLE conditions."""
    if spec.get("OP") == "!":
        return True
    for attr, wanted in spec.items():
        if attr == "OP":
            continue
        if attr not in _TOKEN_VALUES or (isinstance(wanted, dict) and set(wanted) != {"IN"}):
            return True
        value = _TOKEN_VALUES[attr](token)
        if not (value in wanted["IN"] if isinstance(wanted, dict) else value == wanted):
            return False
    return True


def promises(text: str) -> list[tuple[str, int, int]]:
    """Every promise to act later in `text`, as (rule name, start char, end char).

    "a written response would be provided to clarify the point" -> [("passive_document", 2, 38)]"""
    return list(_promises_by(_matcher("promises"), text))


@functools.lru_cache(maxsize=4096)
def _promises_by(matcher: Matcher, text: str) -> tuple[tuple[str, int, int], ...]:
    """`promises`, cached: a mayor's answer printed under each of 63 questions (WECA 2026-03-27)
    is read 63 times. The Matcher is part of the key so that rules built again (a test adds
    one) are never answered from the results of the old ones."""
    labels = _promise_labels(text.lower())
    if not labels:
        return ()
    return tuple(_promise_matches(text, labels))


def _promise_matches(text: str, labels: list[str] | None = None) -> list[tuple[str, int, int]]:
    """`promises` without its prefilter: the spaCy Matcher itself, of `labels` only when given.
    Sorted by place, then end and label: the same list whichever Matchers found the matches."""
    doc = _doc(text)
    found = []
    for match_id, start, end in _matches("promises", labels, doc):
        span = doc[start:end]
        found.append((nlp().vocab.strings[match_id], span.start_char, span.end_char))
    return sorted(set(found), key=lambda f: (f[1], f[2], f[0]))


_TITLE_TAIL = re.compile(r"^[\s.:,]+")


@functools.lru_cache(maxsize=4096)
def split_title(name: str) -> tuple[str | None, str]:
    """("Councillor", "Toni Fagan") from "Councillor Toni Fagan"; (None, name) without a title.

    "Cllr. J Smith" -> ("Cllr", "J Smith"); "Mayor Hazlehurst" -> ("Mayor", "Hazlehurst");
    "Council President Mary Smith" -> ("Council President", "Mary Smith"). Cached: minutes name the
    same few people over and over (the Des Moines minutes of 1998-11-16 name "Coleman" 88 times)."""
    name = name.strip()
    if not _may_match(set(_LETTERS.findall(name.lower())), _title_tokens()):
        return None, name  # "Jane Smith": no title word, nothing for the Matcher to find
    return _title_split(name)


@functools.cache
def _title_tokens() -> list[list[frozenset[str]]]:
    """Per TITLES pattern, the keys of each compulsory token (see _token_keys)."""
    return [_pattern_keys(pattern) for pattern in TITLES]


def _pattern_keys(pattern: list[dict]) -> list[frozenset[str]]:
    """The keys of each compulsory token of a Matcher pattern that has words to look for."""
    return [keys for keys in map(_token_keys, _required_tokens(pattern)) if keys is not None]


def _title_split(name: str) -> tuple[str | None, str]:
    """`split_title` of a stripped name without its prefilter: the spaCy Matcher itself."""
    doc = _doc(name)
    titles = []
    pos = 0
    while pos < len(doc):
        # a Matcher reads a Span as it reads a Doc (match offsets from the span's start), and
        # copying the rest into a Doc of its own took 90 µs a time
        hits = [(s, e) for _, s, e in _matcher("titles")(doc[pos:]) if s == 0]
        if not hits:
            break
        end = max(e for _, e in hits)
        if end >= len(doc) - pos:  # the title is the whole string: nothing left for a name
            break
        titles.append(doc[pos:pos + end].text.rstrip("."))
        pos += end
    if not titles:
        return None, name
    rest = _TITLE_TAIL.sub("", doc[pos:].text if pos < len(doc) else "")
    return " ".join(titles), rest

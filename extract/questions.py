"""Blocks -> questions, supplementaries and responses, whatever shape the document prints them in.

One pass over the blocks, with a small state machine (what question is open, and whether we are
reading its text or its answer). Questions start in three shapes:

1. **Question tables** (`Question Number | Questioner | Question | Question to`): a header row
   names the columns; later rows (even in a new table after a page break, with no header) are
   questions, continuation rows (empty questioner cell: the text goes on) or response rows
   ("<p>Response:</p> ..."). A "Supplementary question" header makes every row a supplementary.
   Rows labelled "Response" / "Supplementary question" hold answers and supplementaries; a
   "Ref No | Name | Title" list under a "Public Forum Questions" heading lists questions by title
   (kept only when the document answers them, see _listed_only: "Q15, 16 & 17 – Zoe Mack" /
   "Officers confirmed ..." under "... supplementary questions. The following responses were given").
2. **Question-and-answer blocks**: a heading line "Question 3 – Jane Smith", "Question by Cllr X
   to Cllr Y, Cabinet Member for Z", "8. Question submitted by Councillor S. Hartigan",
   "Question from Mr Smith to the Leader: <text>", "From: X" + "To: Y"; a list of one-line
   entries ("Question 1 - Nigel Bryant - Noise Levels on Anchor Road": listed, as above);
   "Q. <text>" / "A. <text>". In minutes that never label answers, a paragraph led by an office
   holder ("Councillor Y replied that ...") answers. "Question 3" stores ref "3" (question_ref).
3. **Committee questions** on agenda-item pages: "Q1: ...", "Q2. ...", answered in prose by a
   named officer ("The Director for Children and Young People explained that ..."), with
   unnumbered follow-ups ("The Committee asked the Director if ...") in the same discussion;
   and the numbered topics of a "Mayor's Q&A" item ("3. Avonmouth: Members challenged ...").

After any of them: "Response:" / "Answer" / "Reply" / "Mayor's Response" / "Response by X" open
the answer; "Supplementary Question" opens a supplementary of the last main question, whose
answer follows "Response to Supplementary Question". RECOMMENDATION: / ACTION: / RESOLVED lines
and section headings end an answer (other finders turn them into records).

Every rule below is a small named regex or function with a real example beside it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from schema.records import Question, Response

from .blocks import Block, clean_text, may_say
from .names import comma_places, is_withheld, split_person, split_title
from .spans import Found

# ---------------------------------------------------------------------------------------------
# Rules: what starts a question, an answer, a supplementary; what ends them.

#: a question reference as printed in a table cell: "PQ 1", "MQ2", "Q3", "1", "12a", "PQ 3(a)"
REF = r"(?:[A-Z]{1,3}\s?)?\d{1,3}[a-z]?(?:\([a-z]\))?"
_REF_CELL = re.compile(rf"^(?P<ref>{REF})[.:]?$")
#: a ref cell that swallowed the questioner: "PQ 5 Ms Dean, Hereford" (cells shifted left)
_REF_AND_NAME = re.compile(rf"^(?P<ref>{REF})[.:]?\s+(?P<rest>\D.*)$")

#: "Question 1 – Andrew Lynch"; "Question 10 - Sam Carrier"; "Question 3"; "Question 2:"
#: "Question by Cllr X to Cllr Y, Cabinet Member for Z"; "8.Question submitted by Councillor S. Hartigan"
#: "Questions 4 & 5 A,B,C - David Redgewell - Bus Services" (a public forum list: one entry, grouped refs)
_GROUP_REF = r"\d{1,3}[a-z]?(?:\s*(?:,|&|and)\s*\d{1,3}[a-z]?)*(?:\s+[A-Z](?:\s*,\s*[A-Z])*(?=\s*[–—:-]))?"
_QA_HEAD = re.compile(
    r"^(?:(?P<num>\d{1,3}[a-z]?)\s*[.)]\s*)?(?P<word>Questions?)\s*(?P<ref>(?:No\.?\s*)?" + _GROUP_REF + r")?\s*"
    r"(?:(?:[–—:-]|from|by|submitted\s+by|asked\s+by)\s*(?P<who>.*?))?\s*$", re.I)


#: Patterns asked of each heading, label and name (~1,300 times a bench round), compiled once
#: rather than looked up in re's cache by an inline `re.sub(r"...")` each time:
#: "No. 12" -> "12"
_NO_LABEL = re.compile(r"^No\.?\s*", re.I)
_WHITESPACE_RUN = re.compile(r"\s+")
#: "PQ 1", "MQ2": the letters say the kind of question
_REF_PREFIX = re.compile(r"^([A-Z]{1,3})\s?\d")
#: "Mr Smith to the Leader: What is ...?" (who asks, then the question)
_NAME_COLON = re.compile(r"^(?P<name>[^:?]{2,140}?)\s*:\s*(?P<rest>\S.*)$")
#: "Chris Whitfield - EV Charging for terraced homes"
_SPACED_DASH = re.compile(r"\s+[–—-]\s+")
#: "Response: The question ..." names no responder
_QUESTION_WORD = re.compile(r"^(?:the\s+)?(?:question|supplementary)", re.I)
#: "Question: Will the ..."
_QUESTION_LABEL = re.compile(r"^Question\s*:\s*", re.I)
#: the words of "Mr Barrington, Hereford"
_NAME_TOKEN = re.compile(r"[^\s,]+")
#: "15, 16 & 17"
_QUESTION_NUMBER = re.compile(r"\d{1,3}")


def question_ref(printed: str) -> str:
    """The ref of a "Question N" heading: the number as printed, without the word "Question".

    "Question 3 – Jane Smith" -> "3"; "Questions 4 & 5 A,B,C - David Redgewell" -> "4 & 5 A,B,C";
    "Question No. 12" -> "12". Why: the scorer compares refs with every non-alphanumeric removed
    ("PQ 1" == "PQ1"), so the word would make "question3" differ from the "3" (or "Q3") a reader
    copies as the question's number. Letter codes that are part of the number ("PQ 1", "Q2",
    "MQ 3") are printed in the ref cell itself and stay as printed (see _REF_CELL)."""
    ref = _NO_LABEL.sub("", printed.strip())
    return _WHITESPACE_RUN.sub(" ", ref)


#: askers that are a class of people, not a person: "members of the public", "councillors"
_GENERIC_ASKERS = re.compile(r"^(?:the\s+)?(?:members?\s+of\s+the\s+(?:public|council)|members|councillors|"
                             r"the\s+public|residents|the\s+floor)\b", re.I)
#: "From: Jane Smith" then "To: the Cabinet Member for Finance" (labelled question forms)
_FROM = re.compile(r"^(?:Question\s+)?From\s*:?\s+(?P<who>\S.{1,80})$", re.I)
_TO_LABEL = re.compile(r"^(?:Question\s+)?To\s*:?\s+(?P<to>\S.{1,120})$", re.I)
#: "Councillor Smith replied:" / "The Leader responded: ..." -> an answer by the named speaker
_REPLIED = re.compile(r"^(?P<who>(?:The\s+|Cllr\.?\s+|Councillor\s+|Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+|Dr\.?\s+)"
                      r"[^:]{1,80}?)\s+(?:replied|responded|answered)\s*:\s*(?P<rest>.*)$", re.S)
#: "Mr Smith asked whether ...", "Councillor Jones enquired about ...", "A resident asked if ...":
#: a question told in prose (only under a questions heading)
_PERSON_ASKED = re.compile(r"^(?P<who>(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Professor|Rev)\.?\s+)?[A-Z][\w'’.-]*"
                           r"(?:\s+[A-Z][\w'’.-]*){0,3}(?:\s+-\s+[A-Z][\w'’-]*)?(?:,\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2},?)?|A\s+(?:member\s+of\s+the\s+public|"
                           r"resident|local\s+resident|parishioner))\s+(?:asked|enquired|inquired|queried|questioned)\b")
#: "Mr Jones asked a supplementary question about ..." (a supplementary told in prose)
_SUPP_PROSE = re.compile(r"\b(?:asked|put|raised)\s+(?:a|the\s+following|one)\s+supplementary(?:\s+question)?\b", re.I)
#: "... to Cllr Y, Cabinet Member for Z" inside the part after "Question by"
_TO = re.compile(r"\s+to\s+(?=the\s+\w|[A-Z])")

#: committee questions on agenda-item pages: "Q1: What ...", "Q3. There is ...", "Q4 Is the ...",
#: "Q1.There is a lack ...", "Q1 Statement - We are ..." (not "Q1 2024/25" or "Q1 performance")
_COMMITTEE_Q = re.compile(r"^Q\s?(?P<n>\d{1,2}[a-z]?)(?:\s*[:.)–-]\s*|\s+(?=[A-Z]))(?P<rest>\S.*)$")

#: a heading that keys what follows to questions listed earlier, by their numbers and asker:
#: "Q15, 16 & 17 – Zoe Mack", "Q33a, 33b & 33c – Matt Sanders", "Question 2 A,B - Chris Whitfield"
_KEY_HEAD = re.compile(r"^(?:Q(?:uestions?)?\.?\s*(?:No\.?\s*)?)?(?P<ref>" + _GROUP_REF + r")\s*[–—:-]\s*(?P<rest>\S.*)$", re.I)
#: the sentence that introduces answers to supplementary questions asked at the meeting:
#: "Those who attended the meeting were invited to ask up to two supplementary questions. The
#: following responses were given:"; "... asked supplementary questions and received the following
#: information in response:"
_SUPP_INTRO = re.compile(r"\bsupplementary\s+questions?\b.*\b(?:respon\w*|answer\w*|repl\w*|information)\b", re.I | re.S)

#: a question and its answer labelled by letter: "Q. Can the council indicate ...?" / "A. The council is ..."
#: ("Q:" / "A:" too); "A." opens an answer only once "Q." labels are seen ("A. Smith said" is a name)
_Q_LABEL = re.compile(r"^Q\s*[.:]\s+(?P<rest>\S.*)$", re.S)
_A_LABEL = re.compile(r"^A\s*[.:]\s+(?P<rest>\S.*)$", re.S)

#: "Supplementary Question", "Supplementary question:", "Supplementary Question from Mr X"
_SUPPLEMENTARY = re.compile(r"^(?:\d{1,3}[.)]\s*)?Supplementary\s+questions?\b\s*(?:(?:from|by)\s+(?P<by>[^:–-]{2,60}))?"
                            r"\s*(?:[:–-]\s*(?P<rest>.*))?$", re.I)

#: answer openers: "Response:", "<p>Response:</p> text", "REPLY: text", "Answer", "Mayor’s Response",
#: "Response by Cabinet Member Children and Young People", "Response to Supplementary Questions",
#: "Response from Cllr Y:", "Written response:"
_LABEL = r"(?:written\s+)?(?:response|answer|reply)"
#: "Response:", "Cllr Smith's answer -": a label (compiled once: it was formatted and looked up per line)
_LABELLED = re.compile(rf"^(?:[\w’' ]{{1,40}}[’']s\s+)?{_LABEL}\s*[:–-]", re.I)
_RESPONSE = re.compile(
    rf"^(?:(?P<who>[A-Z][\w.’' -]{{1,40}}?)[’']s\s+)?(?P<label>{_LABEL})\b"
    r"(?:\s+to\s+(?:the\s+)?supplementary(?:\s+questions?)?)?"
    r"(?:\s+(?:by|from)\s+(?P<by>[^:]{2,90}?))?"
    r"\s*(?:(?P<sep>[:–-])\s*(?P<rest>.*))?$", re.I | re.S)

#: lines that end an answer: they belong to the resolution/action finders.
#: "RECOMMENDATION: The Committee stressed ...", "ACTION: Chair suggested ...", "RESOLVED: that ..."
_STOP_OPENING = re.compile(r"^(?:RECOMMENDATIONS?|ACTIONS?|RESOLVED|DECISIONS?|AGREED)\b|^Resolved\s*(?:that|:)|"
                           r"^Supporting documents\b")
_STOP_BEFORE_COLON = re.compile(r"\b(?:resolved|agreed|recommended)\b[^.]{0,200}:\s*$", re.S)


_QUESTION_WORD = re.compile(r"\bquestions?\b", re.I)
_SECTION_WORDS = re.compile(r"\b(?:questions|statements|petitions|appendix|minute item|agenda item)\b", re.I)


def _stops(text: str) -> bool:
    """A line that ends the open question: a decision leader, or "... the committee agreed:"
    (the second test only on lines ending in a colon: a regex search of every line is not free)."""
    return bool(_STOP_OPENING.match(text) or (text.rstrip().endswith(":") and _STOP_BEFORE_COLON.search(text)))


#: a numbered item heading: "21. APPENDIX 1 - PUBLIC QUESTIONS AND RESPONSES", "53. Correspondence"
_ITEM_HEADING = re.compile(r"^\d{1,3}[a-z]?\s*[.)]?\s+[A-Z][^.?!]{0,80}$")

#: headings that say what kind the questions under them are
_PUBLIC_HEAD = re.compile(r"\bpublic\b.*\bquestions?\b|\bquestions?\b.*\b(?:public|residents?|electors?)\b", re.I)
_MEMBER_HEAD = re.compile(r"\b(?:members?|councillors?)['’]?\s+questions?\b|\bquestions?\b.*\b(?:from|by|of)\s+"
                          r"(?:the\s+)?(?:members?\b|councillors?)", re.I)
#: a heading over both kinds: "QUESTIONS FROM MEMBERS OF THE PUBLIC AND COUNCILLORS",
#: "Questions from councillors and members of the public"
_MIXED_HEAD = re.compile(r"\bpublic\b.*\b(?:and|&)\s+(?:(?:the\s+)?councillors?|(?:the\s+)?members\s+of\s+the\s+council|"
                         r"elected\s+members)\b|\bcouncillors?\b.*\b(?:and|&)\s+(?:the\s+)?(?:members\s+of\s+the\s+)?public\b", re.I)
_COMMITTEE_HEAD = re.compile(r"\bcommittee\s+questions?\b", re.I)
#: ref prefixes that say the kind: "PQ 1" public, "MQ 2" member
_REF_KIND = {"PQ": "public", "MQ": "member", "CQ": "member"}

#: unnumbered committee follow-ups, only once "Q1:"-style questions have been seen:
#: "The Committee asked the Director if the service engaged with teachers ..."
_FOLLOW_ASKED = re.compile(r"^(?:The\s+)?(?:Committee|(?:A|One|Another)\s+(?:committee\s+)?member|Members?)\s+"
                           r"(?:then\s+|also\s+|further\s+)?(?:asked|enquired|inquired|queried|questioned)\b", re.I)
#: "Committee, are we looking at what neighbouring councils have done ...?"
#: "Committee: could we change the wording from ‘determine’ ... to ‘implement’?"
_FOLLOW_ASKS = re.compile(r"^(?:The\s+)?(?:Committee|Members?|(?:A|One)\s+member)\s*[,:]\s*\S.*\?\s*$", re.I | re.S)
#: a speaker label: "Director: yes we could that."
_SPEAKER = re.compile(r"^(?P<who>[A-Z][\w’' -]{1,40}?):\s+(?=\S)")
_ASKERS = re.compile(r"^(?:the\s+)?(?:committee|members?|panel|chair(?:man|person)?)$", re.I)

#: an item that is a question session with a named office holder: "Mayor's Q&A", "Leader's Question
#: Time", "Questions to the Cabinet Member for Transport", "Question and Answer session"
_QA_SESSION = re.compile(r"\bQ\s?&\s?A\b|\bquestion\s+and\s+answer|\bquestion\s+time\b|"
                         r"\bquestions?\s+to\s+the\s+(?:mayor|leader|cabinet|portfolio|chief|executive)", re.I)
#: a numbered topic in such a session: "3. Avonmouth & Severnside Infrastructure: Members challenged the
#: Mayor on ... The Mayor acknowledged that ..."
_SESSION_TOPIC = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<topic>[A-Z][^:.?!]{2,80}):\s+(?P<body>\S.+)$", re.S)
#: a sentence in which the members ask: "Members challenged the Mayor on ...", "Members asked the Mayor to ..."
_MEMBERS_ASK = re.compile(r"^(?:(?:The\s+)?Committee(?:\s+members)?|Members?|(?:A|One|Another)\s+(?:committee\s+)?member|"
                          r"Councillors?)\b[^.]{0,40}\b(?:asked|questioned|challenged|queried|raised|sought|"
                          r"pressed|enquired|inquired)\b", re.I)

#: an interrogative sentence: ends with "?" or opens like a question
_INTERROGATIVE = re.compile(r"\?\s*[\"”’)]*\s*$|^(?:what|how|why|when|where|who|which|is|are|can|could|will|would|"
                            r"do|does|did|should|has|have)\b", re.I)

# ---------------------------------------------------------------------------------------------
# spaCy token rule: who answers, at the head of an answer paragraph.
#   "The Director for Children and Young People explained that ..." -> "The Director for Children and Young People"
#   "The Complaints and Children's Rights Manager stated ..."       -> "The Complaints and Children's Rights Manager"
#   "The Director confirmed that they did involve teachers ..."     -> "The Director"
#   "It was explained that the aim was ..."                         -> None (no one named)

REPORTING_VERBS = ["explained", "stated", "confirmed", "acknowledged", "pointed", "said", "advised", "reported",
                   "noted", "replied", "responded", "clarified", "agreed", "did", "would", "highlighted",
                   "informed", "outlined", "suggested", "emphasised", "emphasized", "stressed", "believed",
                   "added", "assured", "accepted", "recognised", "recognized", "answered", "commented",
                   "indicated", "undertook", "gave", "provided", "hoped", "expressed", "reiterated", "told",
                   "identified", "welcomed", "mentioned", "committed", "described", "argued", "observed",
                   "conceded", "admitted", "insisted", "offered", "promised", "considered", "felt", "accepted",
                   "disagreed"]
_ROLE_TOKEN = r"^(?:[A-Z][\w’'&.-]*|for|of|and|the|&|-|,|on|in|'s|’s)$"
RESPONDER_LEAD = [
    [{"LOWER": "the", "OP": "?"}, {"TEXT": {"REGEX": r"^[A-Z][\w’'&.-]*$"}},
     {"TEXT": {"REGEX": _ROLE_TOKEN}, "OP": "*"},
     {"LOWER": {"IN": ["also", "then", "further"]}, "OP": "?"},
     {"LOWER": {"IN": REPORTING_VERBS}}],
]
_NOT_RESPONDERS = re.compile(r"^(?:the\s+)?(?:committee|members?|panel|board|it|there|this|that|they|he|she|we|"
                             r"i|you|chair(?:man|person)?|a\s+member)$", re.I)
#: an office that answers questions: the lead of a prose answer in minutes must name one
#: ("Councillor Patel, Cabinet Member for Housing, replied that ...", "The Leader explained ...")
_ANSWERING_ROLE = re.compile(r"\b(?:councillor|cllr|mayor|leader|cabinet|portfolio|director|officers?|manager|chair|"
                             r"executive|head|lead member|solicitor|clerk|deputy)\b", re.I)


@functools.cache
def _lead_matcher():
    """The shared blank English tokenizer + a Matcher for RESPONDER_LEAD, built once per process."""
    from spacy.matcher import Matcher

    from .rules import nlp

    matcher = Matcher(nlp().vocab)
    matcher.add("responder", RESPONDER_LEAD, greedy="LONGEST")
    return nlp(), matcher


@functools.lru_cache(maxsize=1024)
def responder_lead(text: str) -> Optional[str]:
    """The person or office that opens an answer paragraph, or None (see RESPONDER_LEAD).
    Cached: the scanner asks it of the same paragraph up to three times (`_continue`)."""
    speaker = _SPEAKER.match(text)
    if speaker and not _ASKERS.match(speaker.group("who")) and not speaker.group("who").isupper():
        return speaker.group("who").strip()  # "Director: yes we could that." -> "Director"
    nlp, matcher = _lead_matcher()
    doc = nlp.make_doc(text[:200])
    for _, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
        if start != 0:
            continue
        words = doc[start:end - 1]
        if words and words[-1].lower_ in ("also", "then", "further"):
            words = words[:-1]
        who = words.text.strip(" ,")
        if who and not _NOT_RESPONDERS.match(who) and len(words) <= 12:
            return who
    return None


# ---------------------------------------------------------------------------------------------
# Drafts: questions and answers while they are being read.

@dataclass
class _Answer:
    page: int
    responder: Optional[str] = None
    parts: list[str] = field(default_factory=list)
    lead_names_responder: bool = False  # no label named who answers: the first paragraph may ("Officers confirmed ...")


@dataclass
class _Draft:
    index: int
    page: int
    origin: str  # table / block / committee
    kind: Optional[str] = None
    ref: Optional[str] = None
    asker_raw: Optional[str] = None
    addressed_to: Optional[str] = None
    supplementary: bool = False
    parent: Optional["_Draft"] = None
    parts: list[str] = field(default_factory=list)
    answers: list[_Answer] = field(default_factory=list)
    page_end: Optional[int] = None
    shares_answer_with: Optional["_Draft"] = None  # "Q1 ... Q2 ..." answered together
    listed: bool = False  # known only by its title in a list of the questions received (see _listed_only)

    def add(self, text: str, page: int) -> None:
        text = _tidy(text)
        if text:
            self.parts.append(text)
            self.page_end = max(self.page_end or page, page)


def _tidy(text: str) -> str:
    """Clean a piece of question or answer text; drop markdown emphasis left at the ends."""
    return clean_text(text).strip("* \n")


#: words allowed in a printed name besides capitalised ones: "Cllr X, Cabinet Member for Z", "Mary de Souza"
_NAME_PARTICLES = {"de", "da", "van", "von", "der", "den", "le", "la", "du", "of", "for", "and", "the", "&", "-", "–"}


def _looks_like_name(text: str) -> bool:
    """"Jane Smith", "Cllr Tim Rippington", "Mr Barrington, Hereford" yes; "Is Bristol Airport liable
    for the costs ..." (a question after "Question 2 -") no."""
    if is_withheld(text):
        return True  # "Question from Name and address supplied to the Cabinet member ..."
    tokens = _NAME_TOKEN.findall(text)
    if not tokens or len(tokens) > 9 or text.rstrip().endswith("?") or _INTERROGATIVE.search(tokens[0]):
        return False
    return all(t[0].isupper() or t.lower() in _NAME_PARTICLES or not t[0].isalpha() for t in tokens)


_NOT_LETTER = re.compile(r"[^A-Za-z]")
_ASCII_LOWER = re.compile(r"[a-z]")


def _all_caps_title(text: str) -> bool:
    """"NOTICES OF MOTION", "QUESTIONS", "MINUTE ITEM 37": a title in capitals; not an acronym
    left alone on a line by a converter ("COVID")."""
    if _ASCII_LOWER.search(text):
        return False  # "Minute item 37": cheaper than removing every other character first
    letters = _NOT_LETTER.sub("", text)
    return letters.isupper() and _words(text) <= 12 and (len(letters) >= 8 or (_words(text) >= 2 and len(letters) >= 6))


#: every shape test compares a word count with 60 or less, so counting stops past this
_WORDS_COUNTED = 61


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> int:
    """The number of words, or _WORDS_COUNTED + 1 for any longer text: a page-long paragraph is
    not split whole to learn that it is longer than a heading. Cached: the shape tests ask it of
    the same line many times over."""
    return len(text.split(None, _WORDS_COUNTED))


# ---------------------------------------------------------------------------------------------
# Table layouts

@dataclass
class _Layout:
    """Which column holds what, from a header row like `Question Number | Questioner | Question | Question to`."""

    roles: list[Optional[str]]
    supplementary: bool = False
    titles: bool = False  # the "question" column holds titles ("Ref No | Name | Title"), not question text

    def get(self, cells: list[str], role: str) -> str:
        for cell, r in zip(cells, self.roles):
            if r == role:
                return cell
        return ""


#: Header cells of a question table, lower-cased (`header_layout` reads every cell of a row that
#: names a question). The ref: "Question Number", "Ref No", "#"
_REF_HEAD = re.compile(r"\b(?:number|no\.?|ref(?:erence)?|#)$")
#: who answers: "Question to", "Cabinet member", "Portfolio holder"
_TO_HEAD = re.compile(r"^(?:question(?:ed)?\s+to|to|addressed\s+to|directed\s+to|answered\s+by|respondent|"
                      r"cabinet member|portfolio(?: holder)?|responsible (?:member|officer))$")
#: who asks: "Questioner", "Name of questioner", "Submitted by"
_ASKER_HEAD = re.compile(r"^(?:questioner|name|asked by|submitted by|from|member|councillor|questioner name|"
                         r"name of questioner|question(?:ed)? (?:from|by)|name and address)$")
#: the answer: "Response", "Written answer"
_RESPONSE_HEAD = re.compile(r"\b(?:response|answer|reply)\b")
#: "Question title": each question listed by its title only
_TITLE_HEAD = re.compile(r"^questions?\s+(?:title|subject|topic)$")


def header_layout(cells: list[str], titles_are_questions: bool = False) -> Optional[_Layout]:
    """A _Layout when the row is a question table's header, else None.

    "Question Number | Questioner | Question | Question to" -> [ref, asker, question, to]
    "Question Number | Questioner | Supplementary question | Question to" -> supplementary rows.
    "Ref No | Name | Title" under a "Public Forum Questions" heading (`titles_are_questions`) ->
    [ref, asker, question]: each listed question by its title; under "Public Statements" it is
    not a question table."""
    if not titles_are_questions and not any("question" in clean_text(cell).lower() for cell in cells):
        return None  # no cell can name the question column: most rows are not headers, and are turned away cheaply
    roles: list[Optional[str]] = []
    supplementary = titles = False
    for cell in cells:
        c = _WHITESPACE_RUN.sub(" ", clean_text(cell).lower()).strip(" :")
        if _words(c) > 6:
            return None  # header cells are labels, not text
        if not c:
            roles.append(None)
        elif _REF_HEAD.search(c) or c in ("no", "no.", "ref", "q", "item"):
            roles.append("ref")
        elif _TO_HEAD.search(c):
            roles.append("to")
        elif _ASKER_HEAD.search(c):
            roles.append("asker")
        elif _RESPONSE_HEAD.search(c):
            roles.append("response")
        elif _TITLE_HEAD.search(c):
            roles.append("question")  # "Question title": the question is listed by its title only
            titles = True
        elif "question" in c:
            roles.append("question")
            supplementary = supplementary or "supplementary" in c
        elif titles_are_questions and c in ("title", "subject", "topic", "question title", "summary"):
            roles.append("question")
            titles = True
        else:
            roles.append(None)
    if "question" in roles and ("asker" in roles or "ref" in roles or "response" in roles):
        return _Layout(roles, supplementary, titles)
    return None


def _fit_cells(cells: list[str], layout: _Layout) -> list[str]:
    """Line a row's cells up with the header.

    A row whose first cell holds ref and name ("PQ 5 Ms Dean, Hereford" | text | to), one cell
    short or with its last cell empty, is split and shifted right; short rows are padded at the end."""
    cells = [clean_text(c) for c in cells]
    n = len(layout.roles)
    short = len(cells) < n or (len(cells) == n and not cells[-1].strip())
    if short and layout.roles[:2] == ["ref", "asker"]:
        merged = _REF_AND_NAME.match(cells[0]) if cells else None
        if merged and not _REF_CELL.match(cells[0]) and _words(merged.group("rest")) <= 8:
            cells = [merged.group("ref"), merged.group("rest")] + cells[1:n - 1]
    if len(cells) > n:
        cells = cells[:n - 1] + [" ".join(cells[n - 1:])]
    return cells + [""] * (n - len(cells))


def _ref(cell: str) -> Optional[str]:
    """A ref as printed, or None for debris like "· ·" that holds no number."""
    cell = clean_text(cell).strip(" .:")
    return cell if re.search(r"[A-Za-z0-9]", cell) else None


# ---------------------------------------------------------------------------------------------
# The scanner

class _Scanner:
    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.drafts: list[_Draft] = []
        self.current: Optional[_Draft] = None
        self.mode: Optional[str] = None  # "question" / "response" / None
        self.layout: Optional[_Layout] = None
        self.context: Optional[str] = None  # kind named by the nearest section heading
        self.committee_seen = False
        self.last_heading = ""
        self.session = False  # inside a "Mayor's Q&A" item, whose numbered topics are questions
        self.session_kind = "committee"
        self.markers_seen = 0  # answers opened by a label ("Response:"): the document labels its answers
        self.skip: set[int] = set()  # blocks already read as part of another (a "To:" line)
        self.block_seen = False  # "Question 3 – Name" packs use "Q1:" only as labels inside a question
        self.supp_intro = False  # "... supplementary questions. The following responses were given:"
        self.q_labels = False  # the document labels questions "Q." (so "A." labels their answers)
        self.topic_heads = self._topic_heads()

    # -- helpers ---------------------------------------------------------------------------
    def _topic_heads(self) -> set[int]:
        """Short lines right before a "Q1:" line are topic headings, not answer text:
        "Corporate Responsibility", "The sufficiency and stability of staff across the workforce."."""
        heads = set()
        for i, b in enumerate(self.blocks):
            if b.kind != "row" and _COMMITTEE_Q.match(b.text) and i > 0:
                prev = self.blocks[i - 1]
                t = prev.text.strip()
                if (prev.kind != "row" and 0 < _words(t) <= 20 and not t.endswith("?") and not _SPEAKER.match(t)
                        and not responder_lead(t) and not re.search(r"\b(?:was|were|had|explained|stated)\b", t)):
                    heads.add(i - 1)
        return heads

    def _kind(self, ref: Optional[str], asker: Optional[str], default: str = "public") -> str:
        """Ref prefix ("PQ 1" public, "MQ 2" member), else the section heading, else the default."""
        prefix = _REF_PREFIX.match(ref or "")
        if prefix and prefix.group(1).upper() in _REF_KIND:
            return _REF_KIND[prefix.group(1).upper()]
        if self.context:
            return self.context
        return default

    def _new(self, index: int, origin: str, **fields) -> _Draft:
        draft = _Draft(index=index, page=self.blocks[index].page, origin=origin, **fields)
        self.drafts.append(draft)
        self.current = draft
        self.mode = "question"
        return draft

    def _main(self) -> Optional[_Draft]:
        """The last question that is not itself a supplementary: the parent of a new supplementary."""
        for draft in reversed(self.drafts):
            if not draft.supplementary:
                return draft
        return None

    def _answer(self, page: int, responder: Optional[str] = None) -> Optional[_Answer]:
        if self.current is None:
            return None
        answer = _Answer(page=page, responder=responder)
        self.current.answers.append(answer)
        self.mode = "response"
        return answer

    def _append_answer(self, text: str, page: int) -> None:
        if self.current is None:
            return
        if not self.current.answers:
            self._answer(page)
        text = _tidy(text)
        if text:
            answer = self.current.answers[-1]
            if answer.lead_names_responder and not answer.parts and not answer.responder:
                who = responder_lead(text)  # "Officers confirmed ..."; not "Judge Keehan acknowledged ..."
                answer.responder = who if who and _ANSWERING_ROLE.search(who) else None
            answer.parts.append(text)

    def close(self) -> None:
        self.mode = None

    # -- the pass --------------------------------------------------------------------------
    def run(self) -> list[_Draft]:
        for i, block in enumerate(self.blocks):
            if block.kind == "row" and block.cells:
                layout = header_layout(block.cells, titles_are_questions=self._questions_section())
                if layout:
                    self.layout, self.current = layout, None
                    self.close()
                    continue
                if self.layout and self._row(i, block):
                    continue
                text = " ".join(c for c in block.cells if c.strip())
            else:
                text = block.text
            self._text(i, block, clean_text(text))
        return self.drafts

    def _row(self, i: int, block: Block) -> bool:
        """One row of a question table: a question, a continuation of one, or its response."""
        layout = self.layout
        cells = _fit_cells(block.cells, layout)
        asker, question = layout.get(cells, "asker"), layout.get(cells, "question")
        ref, to, reply = _ref(layout.get(cells, "ref")), layout.get(cells, "to"), layout.get(cells, "response")
        labelled = self._labelled_row(i, block, cells)
        if labelled is not None:
            return labelled
        filled = [c for c in cells if c.strip()]
        if len(filled) == 1 and self.current is not None and self.current.origin == "table" and self.mode \
                and len(layout.roles) > 2 and not _REF_CELL.match(filled[0]):
            # a cell that runs on over a page break, read as a row of its own: the text goes on
            if self.mode == "response":
                self._append_answer(filled[0], block.page)
            else:
                self.current.add(filled[0], block.page)
            return True
        if not question.strip() and not asker.strip() and not ref:
            return False
        named = "asker" in layout.roles or "ref" in layout.roles
        if named and not asker.strip() and not ref and self.current is not None and self.current.origin == "table" \
                and not self.current.answers and not reply.strip():
            self.current.add(question, block.page)  # a row split across pages: the text goes on
            if to.strip() and not self.current.addressed_to:
                self.current.addressed_to = clean_text(to)
            return True
        supplementary = layout.supplementary
        draft = self._new(i, "table", ref=ref, asker_raw=clean_text(asker) or None,
                          addressed_to=clean_text(to) or None, supplementary=supplementary)
        draft.kind = self._kind(ref, draft.asker_raw, _default_kind(draft.asker_raw))
        draft.listed = layout.titles
        if supplementary:
            draft.parent = self._original(ref)
        draft.add(question, block.page)
        if reply.strip():
            self._append_answer(reply, block.page)
        return True

    def _labelled_row(self, i: int, block: Block, cells: list[str]) -> Optional[bool]:
        """A row that opens with a label instead of a ref: "<p>Response:</p> text" / "Response" |
        text (the answer to the question above), or "Supplementary question" | text."""
        filled = [c for c in cells if c.strip()]
        if not filled:
            return None
        first, rest = filled[0], " ".join(filled[1:])
        label = _RESPONSE.match(first)
        if label and (label.group("sep") or _words(first) <= 6) and self.current is not None:
            self.mode = self.mode or "question"
            if self._response_marker(i, block, first):
                if rest:
                    self._append_answer(rest, block.page)
                return True
        supp = _SUPPLEMENTARY.match(first)
        if supp and _words(first) <= 8 and self._main() is not None:
            self._start_supplementary(i, block, supp)
            if rest:
                self.current.add(rest, block.page)
            return True
        return None

    def _original(self, ref: Optional[str]) -> Optional[_Draft]:
        """The question a supplementary-table row refers to by number, when it is in this document."""
        if not ref:
            return None
        key = re.sub(r"[^a-z0-9]", "", ref.lower())
        for draft in self.drafts[:-1]:
            if not draft.supplementary and draft.ref and re.sub(r"[^a-z0-9]", "", draft.ref.lower()) == key:
                return draft
        return None

    def _response_marker(self, i: int, block: Block, text: str) -> bool:
        match = _RESPONSE.match(text)
        if not match or self.current is None or self.mode is None:
            return False  # an answer belongs to an open question, never to one a heading closed
        rest = match.group("rest") or ""
        who = match.group("by") or match.group("who")
        if match.group("sep") is None and who is None and _words(text) > 4:
            return False
        if who and _QUESTION_WORD.match(who):
            who = None
        self.markers_seen += 1
        self._answer(block.page, clean_text(who).strip() if who else None)
        if rest.strip():
            self._append_answer(rest, block.page)
        return True

    def _questions_section(self) -> bool:
        """Whether the nearest heading above is about questions ("Public Forum Questions"),
        not statements or petitions."""
        heading = self.last_heading.lower()
        return "question" in heading and not re.search(r"statement|petition", heading)

    def _text(self, i: int, block: Block, text: str) -> None:
        """One paragraph, heading or list item: try each shape in turn, else continue what is open."""
        if i in self.skip:
            return
        text = self._drop_question_label(text)
        if not text:
            return
        heading = self._is_heading(block, text)
        if heading:
            self.last_heading = text
        for step in (self._keyed_answer, self._letter_labels, self._question_heading, self._committee_question,
                     self._answer_or_supplementary, self._section_end, self._told_question):
            if step(i, block, text, heading):
                return
        self._continue(block, text)

    def _drop_question_label(self, text: str) -> str:
        """"Question: Will the ..." right after "From:"/"To:" lines: the label is not the text."""
        if self.current is not None and self.current.origin == "block" and self.mode == "question" \
                and not self.current.parts:
            return _QUESTION_LABEL.sub("", text)
        return text

    def _keyed_answer(self, i, block, text, heading) -> bool:
        """After a list of questions known only by title: the intro to the answers given at the
        meeting, and each heading that keys an answer to listed questions by number and asker
        ("Q15, 16 & 17 – Zoe Mack") or by asker and title as listed ("Chris Whitfield - EV
        Charging for terraced homes"). The paragraphs under it answer those questions."""
        if not self.drafts:
            return False
        if not heading and text.rstrip().endswith(":") and may_say(text, "supplementary") \
                and _SUPP_INTRO.search(text) and _words(text) <= 60:
            self.supp_intro = True
            self.close()
            return True
        draft = self._keyed_draft(i, text)
        if draft is None:
            return False
        self.current = draft
        if not draft.listed:
            # "Q2 – Ms Coda" after the full questions: the answer to her supplementary, whose words
            # the minutes do not give, is one more response to the question it follows
            self._answer(block.page).lead_names_responder = True
        elif self.supp_intro:
            draft.supplementary = True  # what was asked at the meeting, about the listed questions
            self._answer(block.page).lead_names_responder = True
        else:
            self.mode = "question"  # the question's full text may follow, then its answer
        return True

    def _letter_labels(self, i, block, text, heading) -> bool:
        """"Q. <text>" is the text of the question just headed ("1. Question from Mr Barrington,
        Hereford to the Cabinet member ..."), or a question of its own; "A. <text>" answers it."""
        question = _Q_LABEL.match(text)
        if question:
            self.q_labels = True
            if self.current is None or self.mode != "question" or self.current.parts:
                draft = self._new(i, "block")
                draft.kind = self._kind(None, None)
            self.current.add(question.group("rest"), block.page)
            return True
        answer = _A_LABEL.match(text)
        if answer and self.q_labels and self.current is not None and self.mode == "question" and self.current.parts:
            self.markers_seen += 1
            self._answer(block.page)
            self._append_answer(answer.group("rest"), block.page)
            return True
        return False

    def _keyed_draft(self, i: int, text: str) -> Optional[_Draft]:
        """The question a short key heading names, or None (see _keyed_answer): an unanswered
        listed question, or after the intro to supplementaries, any main question named by both
        number and asker."""
        if _words(text) > 25 or text.rstrip().endswith("."):
            return None
        if not self.supp_intro and not any(draft.listed for draft in self.drafts):
            return None  # no question a key could name (checked first: _in_list reads the lines around)
        if self._in_list(i):
            return None
        key = _KEY_HEAD.match(text)
        numbers = _ref_numbers(key.group("ref")) if key else set()
        for draft in self.drafts:
            if not draft.listed:
                if self.supp_intro and not draft.supplementary and numbers & _ref_numbers(draft.ref) \
                        and _names_asker(key.group("rest"), draft.asker_raw):
                    return draft
                continue
            if draft.answers or draft is self.drafts[-1] and self.mode == "question":
                continue
            named = _names_asker(key.group("rest") if key else text, draft.asker_raw)
            if numbers and numbers & _ref_numbers(draft.ref) and (named or not draft.asker_raw):
                return draft  # "Q15, 16 & 17 – Zoe Mack"
            if not key and named:
                return draft  # "Chris Whitfield - EV Charging for terraced homes"
        return None

    def _question_heading(self, i, block, text, heading) -> bool:
        """"Question 3 – Jane Smith", a Q&A session's numbered topic, "From: X" / "To: Y"."""
        qa = self._qa_heading(text)
        if qa is None and self.session and not heading and (topic := _SESSION_TOPIC.match(text)):
            self._session_topic(i, block, topic)
            return True
        if qa is not None:
            self._start_block_question(i, block, *qa)
            if self._in_list(i):
                self._listed(block, qa)
            return True
        if heading:
            questions = may_say(text, "question")  # each regex here needs the word, but "Q&A"
            self.session = bool(("&" in text or questions) and _QA_SESSION.search(text))
            self.session_kind = "public" if questions and _PUBLIC_HEAD.search(text) else \
                "member" if questions and _MEMBER_HEAD.search(text) else "committee"
        labelled = self._labelled_question(i, text)
        if labelled is not None:
            self._start_block_question(i, block, None, *labelled, "")
            return True
        return False

    def _committee_question(self, i, block, text, heading) -> bool:
        """"Q1: What ...?" (not "Q34 – Dan Ackroyd", nor a sub-label inside a pack's question)."""
        committee = _COMMITTEE_Q.match(text)
        if not committee:
            return False
        ref = f"Q{committee.group('n')}"
        if _looks_like_name(committee.group("rest")) and _words(committee.group("rest")) <= 5:
            # "Q3 – Jane Smith" heads a question whose answer is labelled further on; "Q34 – Dan
            # Ackroyd" straight before "Officers confirmed ..." only names who asked a supplementary
            if not self._labelled_answer_ahead(i):
                return False
            self._start_block_question(i, block, ref, committee.group("rest"), None, "")
            return True
        if self.block_seen:
            return False
        self._start_committee(i, block, ref, committee.group("rest"))
        return True

    def _labelled_answer_ahead(self, i: int, through_numbered: bool = False) -> bool:
        """Whether a labelled answer ("Response:") follows block i before the next question or
        section (or, `through_numbered`, before the next question only: numbered lines inside a
        question's text are not sections)."""
        for block in self.blocks[i + 1:i + 80]:
            text = clean_text(block.text)
            if _RESPONSE.match(text) and self._is_response_marker(text) and \
                    (_words(text) <= 6 or _LABELLED.match(text)):
                return True
            if _COMMITTEE_Q.match(text) or _QA_HEAD.match(text):
                return False
            if self._hard_heading(text) and not (through_numbered and _ITEM_HEADING.match(text)
                                                 and block.kind != "heading" and not block.bold):
                return False
        return False

    def _answer_or_supplementary(self, i, block, text, heading) -> bool:
        """"Response:" and kin, "Councillor X replied: ...", "Supplementary Question", and a
        supplementary told in prose ("Mr Jones asked a supplementary question ...")."""
        if self.current is not None and self.mode is not None and self.current.origin in ("prose", "committee"):
            replied = _REPLIED.match(text)  # prose minutes only: a pack marks its answers with labels
            if replied and _words(replied.group("who")) <= 12:
                self._answer(block.page, replied.group("who").strip())
                self._append_answer(replied.group("rest"), block.page)
                return True
        supp = _SUPPLEMENTARY.match(text)
        if supp and _words(text) <= 12 and not re.search(r"\bmembers of the\b|\bpublic\b", text, re.I) \
                and self._main() is not None:
            self._start_supplementary(i, block, supp)
            return True
        if self._is_response_marker(text) and self._response_marker(i, block, text):
            return True
        if self.current is not None and self.mode is not None and may_say(text, "supplementary") \
                and _SUPP_PROSE.search(text):
            self._start_supplementary(i, block, None, origin="prose")
            self.current.add(text, block.page)
            return True
        return False

    def _section_end(self, i, block, text, heading) -> bool:
        """Headings set the kind of what follows; RECOMMENDATION:/ACTION:/RESOLVED lines, topic
        headings and section headings end the open question or answer."""
        if _words(text) <= 20 and not self.mode:
            self._set_context(text, reset=heading and self._hard_heading(text))
        if _stops(text) or i in self.topic_heads:
            self.close()
            return True
        if not heading:
            return False
        if not _QUESTION_WORD.search(text) or self.mode == "response" or self.current is None:
            self.layout = None if block.kind == "heading" or _ITEM_HEADING.match(text) else self.layout
        if (self.mode == "response" and self._section_heading(block, text)) or \
                (self._hard_heading(text) and self._heading_ends_question(i, block, text)):
            self.close()
            self.current = None
            self._set_context(text, reset=self._hard_heading(text))
            return True
        return False

    def _told_question(self, i, block, text, heading) -> bool:
        """Unnumbered committee follow-ups, and questions told in prose under a questions heading."""
        if self.committee_seen and self._is_follow_up(text):
            self._start_committee(i, block, None, text)
            return True
        asked = _PERSON_ASKED.match(text) if self.context in ("public", "member") else None
        if asked and (self.mode is None or (self.current is not None and self.current.origin == "prose")):
            self._start_prose_question(i, block, asked, text)
            return True
        return False

    def _continue(self, block: Block, text: str) -> None:
        """Plain text goes on the open question, or its answer; a prose answer may begin here."""
        if self.mode == "question" and self.current is not None:
            if (self.current.origin in ("committee", "prose") and self._answer_begins(text)) or \
                    (self.current.origin == "block" and self._prose_answer(text)) or \
                    (self.current.listed and responder_lead(text)):
                self._answer(block.page, responder_lead(text))
                self._append_answer(text, block.page)
            else:
                self.current.add(text, block.page)
        elif self.mode == "response":
            self._append_answer(text, block.page)

    # -- shapes ----------------------------------------------------------------------------
    def _is_heading(self, block: Block, text: str) -> bool:
        """A section heading: a markdown/PDF heading, "21. APPENDIX 1 - PUBLIC QUESTIONS", "QUESTIONS",
        or a short title line that ends without a full stop."""
        if block.kind == "heading":
            return True
        if _words(text) > 20:
            return False
        if _ITEM_HEADING.match(text) and (block.bold or text.upper() == text or _words(text) <= 8):
            return True
        return _all_caps_title(text)

    def _hard_heading(self, text: str) -> bool:
        """Headings that always end a question: numbered items and all-capital titles."""
        return bool(_ITEM_HEADING.match(text)) or _all_caps_title(text)

    def _section_heading(self, block: Block, text: str) -> bool:
        """A heading that ends an answer. PDF readers call any short bold line a heading, and a
        mayor's answer printed in bold opens with one ("We are committed to reforming our buses
        and improving services for passengers."), so only section-level headings end it: numbered
        items, capitals, top-level headings, and titles naming questions or an appendix."""
        if self._hard_heading(text) or (block.kind == "heading" and (block.heading_level or 9) <= 2):
            return True
        # "Public Forum Statements:" after the answers to public forum questions
        return bool(_SECTION_WORDS.search(text)) \
            and not text.rstrip().endswith(".")

    def _heading_ends_question(self, i: int, block: Block, text: str) -> bool:
        """Table questions end at any section heading; a question printed as a block can carry
        its own subtitles ("Question 11 – Cllr Tim Rippington" / "HICKS GATE MASTERPLAN" / text),
        so only a numbered item heading ends it; and not a numbered line in plain type with the
        question's labelled answer still to come (WECA 2026-03-27 Question 60 lists bus routes:
        "99 Chew valley local service" ... "Mayor’s Response:")."""
        if self.current is None or self.current.origin == "table":
            return True
        if not _ITEM_HEADING.match(text) or text.isupper():
            return False
        if self.mode == "question" and self.current.origin == "block" and block.kind != "heading" \
                and not block.bold and self._labelled_answer_ahead(i, through_numbered=True):
            return False
        return True

    def _set_context(self, text: str, reset: bool = True) -> None:
        """Headings set the kind of the questions under them; other section headings clear it.

        "Agenda item no. 3 - Questions from members of the public" -> public
        "QUESTIONS FROM MEMBERS OF THE COUNCIL" -> member; "MINUTE ITEM 37" -> None"""
        if text.rstrip().endswith("."):
            return
        questions = may_say(text, "question")  # each regex below needs the word, but the first "public"
        if may_say(text, "public") and _MIXED_HEAD.search(text):
            self.context = None  # each question's own ref or asker's title says which
        elif questions and _PUBLIC_HEAD.search(text):
            self.context = "public"
        elif questions and _MEMBER_HEAD.search(text):
            self.context = "member"
        elif questions and _COMMITTEE_HEAD.search(text):
            self.context = "committee"
        elif reset and not _RESPONSE.match(text) and not _SUPPLEMENTARY.match(text):
            self.context = None

    def _qa_heading(self, text: str):
        """(ref, asker, addressed_to, inline text) for a question-and-answer heading, else None."""
        if _words(text.split(":", 1)[0]) > 30:
            return None
        match = _QA_HEAD.match(text)
        if not match or not (match.group("ref") or match.group("num") or match.group("who")):
            return None
        if match.group("word").lower() == "questions" and not match.group("ref"):
            return None  # "QUESTIONS FROM MEMBERS OF THE PUBLIC": a section title
        who = (match.group("who") or "").strip()
        if _GENERIC_ASKERS.search(who):
            return None  # "Question from members of the public"
        to = None
        if who:
            parts = _TO.split(who, maxsplit=1)
            if len(parts) == 2:
                who, to = parts[0].strip(), parts[1].strip()
        inline = ""
        colon = _NAME_COLON.match((match.group("who") or "").strip())
        if colon:
            asker, addressee = colon.group("name"), None
            parts = _TO.split(asker, maxsplit=1)
            if len(parts) == 2:
                asker, addressee = parts[0].strip(), parts[1].strip()
            if _looks_like_name(asker):  # "Question from Mr Smith to the Leader: What is ...?"
                return self._qa_result(match, asker, addressee, colon.group("rest"))
        titled = _SPACED_DASH.split(who, maxsplit=1) if who else []
        if len(titled) == 2 and _looks_like_name(titled[0]) and _words(titled[0].split(",")[0]) <= 6 \
                and _words(titled[1]) >= 2:
            # "Question 1 - Nigel Bryant - Noise Levels on Anchor Road": name, then title; the name may
            # carry an organisation ("David Redgewell, South West Transport Network - Bus Services")
            who, inline = titled
        elif who and not _looks_like_name(who):
            who, to, inline = "", None, (match.group("who") or "").strip()
        if inline and _words(inline) < 5 and not inline.rstrip().endswith("?") and not who:
            return None  # "Question from members of the public": a heading, not a question
        return self._qa_result(match, who, to, inline)

    def _qa_result(self, match, who, to, inline):
        if match.group("ref"):
            ref = question_ref(match.group("ref"))
        else:
            ref = match.group("num")
        if not who and self.mode == "question" and self.current is not None \
                and self.current.origin == "block":
            return None  # "Question 1:" inside the text of "Question 10 - Sam Carrier": a sub-label
        return ref, who or None, to, inline

    def _session_topic(self, i: int, block: Block, topic) -> None:
        """One numbered topic of a Q&A session, told in prose: the topic and the members'
        sentences are the question, the rest is the answer ("The Mayor acknowledged ...")."""
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z‘“\"'])", topic.group("body").strip())
        asked = [x for x in sentences if _MEMBERS_ASK.match(x)]
        answer = [x for x in sentences if x not in asked]
        draft = self._new(i, "committee", ref=topic.group("n"), kind=self.session_kind)
        draft.add(" ".join([topic.group("topic") + ":"] + asked), block.page)
        if answer:
            self._answer(block.page, responder_lead(answer[0]))
            self._append_answer(" ".join(answer), block.page)
        self.close()

    def _labelled_question(self, i: int, text: str):
        """(asker, addressed_to) for a labelled question: "From: Jane Smith" with "To: the Cabinet
        Member for Finance" on the next line; the text follows ("Question:" labels are dropped)."""
        who = _FROM.match(text)
        if not who or i + 1 >= len(self.blocks) or not (
                _looks_like_name(who.group("who")) or split_person(who.group("who")).name is None):
            return None
        to = _TO_LABEL.match(clean_text(self.blocks[i + 1].text))
        if not to:
            return None
        self.skip.add(i + 1)
        return who.group("who").strip(), to.group("to").strip()

    def _start_prose_question(self, i: int, block: Block, asked, text: str) -> None:
        """Under a "Public Question Time" / "Questions from members of the public" heading, a
        paragraph telling that someone asked: "Mr Smith asked whether the footpath ... The Chair
        replied that it would be repaired." The question is told up to the answering sentence."""
        draft = self._new(i, "prose", asker_raw=asked.group("who"))
        draft.kind = self._kind(None, draft.asker_raw, _default_kind(draft.asker_raw))
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
        cut = next((n for n, x in enumerate(sentences) if n and responder_lead(x)), len(sentences))
        draft.add(" ".join(sentences[:cut]), block.page)
        if cut < len(sentences):
            self._answer(block.page, responder_lead(sentences[cut]))
            self._append_answer(" ".join(sentences[cut:]), block.page)

    def _in_list(self, i: int) -> bool:
        """A question printed as one line of a list of them (the public forum list of printed
        minutes): the line before or after it is another question heading."""
        def is_head(j):
            if not (0 <= j < len(self.blocks)) or self.blocks[j].kind == "row" or _words(self.blocks[j].text) > 30:
                return False
            match = _QA_HEAD.match(clean_text(self.blocks[j].text))
            return bool(match and match.group("ref") and match.group("who"))
        return is_head(i - 1) or is_head(i + 1)

    def _listed(self, block: Block, qa) -> None:
        """A line of a list of the questions received ("Question 1 - Nigel Bryant - Noise Levels on
        Anchor Road"): one line per question, its title as its only text. An entry with no title
        apart from the asker ("Questions 6, 7 & 8 - Ian Pond, Bristol Cycling Campaign Bristol
        Cycleways") keeps the whole entry as its text."""
        draft = self.current
        draft.listed = True
        if not draft.parts and qa[1]:
            draft.add(qa[1], block.page)
        self.close()

    def _number_before(self, i: int) -> Optional[str]:
        """"7." on its own line right before "Question submitted by Councillor S. Benson" is its number."""
        if i == 0:
            return None
        prev = re.match(r"^(\d{1,3}[a-z]?)\s*[.)]?$", clean_text(self.blocks[i - 1].text))
        return prev.group(1) if prev else None

    def _drop_trailing(self, number: str) -> None:
        """Take the number that introduces the next question off the end of the previous text."""
        if self.current is None:
            return
        parts = self.current.answers[-1].parts if self.current.answers else self.current.parts
        if parts and re.sub(r"[.)\s]", "", parts[-1]) == number:
            parts.pop()

    def _start_block_question(self, i, block, ref, who, to, inline) -> None:
        if ref is None and (number := self._number_before(i)):
            ref = number
            self._drop_trailing(number)
        draft = self._new(i, "block", ref=ref, asker_raw=who, addressed_to=to)
        self.block_seen = True
        draft.kind = self._kind(ref, who, _default_kind(who))
        if inline:
            draft.add(inline, block.page)

    def _start_committee(self, i, block, ref, text) -> None:
        previous = self.current
        draft = self._new(i, "committee", ref=ref)
        draft.kind = self.context if self.context in ("public", "member") else "committee"
        if previous is not None and previous.origin == "committee" and not previous.answers \
                and previous is self.drafts[-2]:
            previous.shares_answer_with = draft  # "Q1 ..." then "Q2 ..." then one answer for both
        self.committee_seen = True
        draft.add(text, block.page)

    def _start_supplementary(self, i, block, match, origin=None) -> None:
        parent = self._main()
        draft = self._new(i, origin or (parent.origin if parent else "block"), supplementary=True, parent=parent)
        if parent is not None:
            draft.asker_raw, draft.addressed_to, draft.kind = parent.asker_raw, parent.addressed_to, parent.kind
        if match is not None and match.group("by"):
            draft.asker_raw = match.group("by").strip()
        if match is not None and match.group("rest"):
            draft.add(match.group("rest"), block.page)

    def _is_response_marker(self, text: str) -> bool:
        return _words(text) <= 14 or bool(_LABELLED.match(text))

    def _is_follow_up(self, text: str) -> bool:
        """An unnumbered committee question: "The Committee asked the Director if ...",
        "Committee, are we looking at ...?"; not "The Committee pointed out ..." or "Committee: we have to ..."."""
        return bool(_FOLLOW_ASKED.match(text) or _FOLLOW_ASKS.match(text))

    def _prose_answer(self, text: str) -> bool:
        """In minutes that never label answers, "Question from Mr X to Councillor Y: ...?" is
        answered by a paragraph led by an office holder ("Councillor Y replied that ...")."""
        if self.markers_seen:
            return False
        who = responder_lead(text)
        if not who or not _ANSWERING_ROLE.search(who):
            return False
        asked = any("?" in p for p in self.current.parts)
        addressee = set(re.findall(r"[a-z]{3,}", (self.current.addressed_to or "").lower())) - {"the", "and", "for"}
        named = len(addressee & set(re.findall(r"[a-z]{3,}", who.lower()))) >= 2  # the one asked answers
        return asked or named

    def _answer_begins(self, text: str) -> bool:
        """In a committee question, the first paragraph that answers rather than asks: a named
        responder ("The Director ... explained"), or a statement once the question has asked."""
        if responder_lead(text):
            return True
        asked = any("?" in p for p in self.current.parts)
        return asked and not _INTERROGATIVE.search(text)


# ---------------------------------------------------------------------------------------------
# Records

def find_questions(blocks: list[Block], doc_id: str) -> list[Found]:
    """Every question in the blocks, in document order, with its responses (see the module doc)."""
    drafts = [d for d in _Scanner(blocks).run() if d.parts and not _stray_label(d) and not _listed_only(d)]
    places = comma_places(d.asker_raw for d in drafts)
    prefix = doc_id[:16]
    ids: dict[int, str] = {}
    found: list[Found] = []
    for seq, draft in enumerate(drafts, start=1):
        qid = f"{prefix}-q{seq}"
        ids[id(draft)] = qid
        person = split_person(draft.asker_raw, places)
        question = Question(
            id=qid, document_id=doc_id, seq=seq, text="\n".join(draft.parts), kind=draft.kind or "public",
            ref=draft.ref, is_supplementary=int(draft.supplementary),
            parent_id=ids.get(id(draft.parent)) if draft.parent is not None else None,
            questioner=person.name, questioner_raw=person.raw, questioner_title=person.title,
            questioner_location=person.location, addressed_to=draft.addressed_to,
            page=draft.page, page_end=draft.page_end or draft.page,
        )
        found.append(Found(index=draft.index, record=question, children=_responses(draft, qid, doc_id)))
    return found


def _ref_numbers(ref: Optional[str]) -> set[str]:
    """The question numbers a ref names: "15, 16 & 17" -> {15, 16, 17}; "33a, 33b & 33c" -> {33}."""
    return {n.lstrip("0") or "0" for n in _QUESTION_NUMBER.findall(ref or "")}


def _names_asker(text: str, asker_raw: Optional[str]) -> bool:
    """Whether a key heading opens with the listed asker's name, then ends or goes on after a
    separator: "Zoe Mack" for "Zoe Mack"; "Chris Whitfield - EV Charging ..." for "Chris Whitfield";
    "Ian Pond, Bristol Cycling Campaign ..." for "Ian Pond, Bristol Cycling Campaign"."""
    name = _asker_name(asker_raw)
    if not name:
        return False
    head = split_title(clean_text(text).strip())[1]
    if not head.lower().startswith(name.lower()):
        return False
    return not head[len(name):].strip() or head[len(name):].lstrip()[0] in ",-–—:("


@functools.lru_cache(maxsize=1024)
def _asker_name(asker_raw: Optional[str]) -> Optional[str]:
    """The name in a printed asker, cached: each short line after a list of questions received is
    compared with every listed asker (see _keyed_draft), and splitting the asker was most of it."""
    return split_person(asker_raw).name


def _listed_only(draft: _Draft) -> bool:
    """Decision (issue 5): a question known only by its title in a list of questions received
    ("Ref No | Name | Title" rows, "Question 1 - Nigel Bryant - Noise Levels on Anchor Road")
    is not a question record: its text is not in the document, so a reader marking the questions
    by their words has nothing to mark, and the list says only that it was received. It becomes
    one when the document answers it (a keyed answer: see _Scanner._keyed_answer)."""
    return draft.listed and not any(a.parts for a in draft.answers)


def _default_kind(asker: Optional[str]) -> str:
    """With no ref prefix and no heading to say, a councillor's question is a member question."""
    title = (split_person(asker).title or "").lower()
    return "member" if title in ("councillor", "cllr", "councilor", "county councillor", "city councillor") else "public"


def _stray_label(draft: _Draft) -> bool:
    """A "Q1:" line that neither asks nor is answered is a label of something else
    ("Q1: Revenue was £2.1m against a budget of £2.3m" in a finance report)."""
    if draft.origin != "committee" or draft.ref is None:
        return False
    return "?" not in " ".join(draft.parts) and not any(a.parts for a in _shared_answers(draft))


def _shared_answers(draft: _Draft) -> list[_Answer]:
    """A draft's own answers, or those of the question it was answered together with."""
    seen = set()
    while not any(a.parts for a in draft.answers) and draft.shares_answer_with is not None and id(draft) not in seen:
        seen.add(id(draft))
        draft = draft.shares_answer_with
    return draft.answers


def _responses(draft: _Draft, qid: str, doc_id: str) -> list[Response]:
    responses = []
    for answer in _shared_answers(draft):
        if not answer.parts:
            continue
        n = len(responses) + 1
        responses.append(Response(id=f"{qid}-r{n}", question_id=qid, document_id=doc_id, seq=n,
                                  text="\n".join(answer.parts), responder=answer.responder, page=answer.page))
    return responses

"""The fast paths of question finding and the token rules give what the slow ones gave.

Each cheap test placed before a costly one (a substring before a case-insensitive regex, letter
runs before the spaCy Matcher) may let through what does not match, never the reverse; each
cache must answer as the function would. These tests hold them to that on real documents and on
texts built to trip a careless shortcut: capitals, punctuation-only tokens, non-ASCII letters.
"""
import re

import pytest

from extract import questions, rules
from extract.blocks import may_say

from .conftest import read_fixture

DOCUMENTS = [
    ("herefordshire", "001_084bcb77530a1605.txt"), ("herefordshire", "004_58a656bbb4bbd1d0.txt"),
    ("hastings-district-council", "council-2019-05-02-minutes-scraped-text.txt"),
    ("limerick-city-and-county-council", "full-council-2022-11-28-minutes-converted.md"),
    ("bristol-city-council", "transport-connectivity-policy-committee-2024-09-12-printed-minutes.pdf"),
    ("rivergrove-or", "city-council-2018-12-10-minutes.pdf"),
    ("des-moines-ia", "city-council-1998-11-16-summary-minutes.pdf"),
]


def _lines_of(parts):
    """Every block's text, its lines and its comma-separated pieces (the shape of attendance lists)."""
    for block in read_fixture(*parts).blocks:
        text = block.text or " | ".join(block.cells or [])
        yield text
        for line in text.splitlines():
            yield line
            yield from re.split(r"[,;]", line)


# --- questions: the words a case-insensitive regex needs, looked for first -------------------

SUPPLEMENTARY_TEXTS = [
    "Mr Jones asked a supplementary question about the footpath.",
    "MR JONES ASKED A SUPPLEMENTARY QUESTION.", "Cllr Lee Raised The Following Supplementary:",
    "Those who attended were invited to ask supplementary questions. The following responses were given:",
    "She asked one ſupplementary question",  # long s: re.I matches it to "s"
    "He put a SUPPLEMENTARY question", "asked a supplementary",
]


HEADINGS = [
    "QUESTIONS FROM MEMBERS OF THE PUBLIC AND COUNCILLORS", "Questions from councillors and members of the public",
    "Agenda item no. 3 - Questions from members of the public", "COMMITTEE QUESTIONS", "Mayor's Q&A",
    "Leader's Question Time", "Questions to the Cabinet Member for Transport", "PUBLİC QUESTİONS", "QUEſTIONS BY MEMBERS",
]


@pytest.mark.parametrize("parts", DOCUMENTS, ids=lambda p: p[1])
def test_word_prefilters_never_turn_away_a_match(parts):
    for text in list(_lines_of(parts)) + SUPPLEMENTARY_TEXTS + HEADINGS:
        if questions._SUPP_PROSE.search(text) or questions._SUPP_INTRO.search(text):
            assert may_say(text, "supplementary"), text
        if any(head.search(text) for head in (questions._PUBLIC_HEAD, questions._MEMBER_HEAD,
                                              questions._COMMITTEE_HEAD)):
            assert may_say(text, "question"), text
        if questions._MIXED_HEAD.search(text):
            assert may_say(text, "public"), text
        if questions._QA_SESSION.search(text):
            assert "&" in text or may_say(text, "question"), text


def test_the_tricky_texts_do_match():
    assert all(questions._SUPP_PROSE.search(t) or questions._SUPP_INTRO.search(t) for t in SUPPLEMENTARY_TEXTS)
    heads = (questions._PUBLIC_HEAD, questions._MEMBER_HEAD, questions._COMMITTEE_HEAD, questions._MIXED_HEAD,
             questions._QA_SESSION)
    assert all(any(head.search(t) for head in heads) for t in HEADINGS)


# --- questions: all-capital titles and word counts -------------------------------------------

@pytest.mark.parametrize("text", [
    "NOTICES OF MOTION", "QUESTIONS", "MINUTE ITEM 37", "Minute item 37", "COVID", "PUBLIC QUESTIONS é",
    "ÉLECTIONS ET QUESTIONS", "12. QUESTIONS FROM MEMBERS OF THE PUBLIC", "AB CD", "A1 B2 C3 D4", "", "  ",
    "QUESTIONS FROM MEMBERS OF THE PUBLIC AND COUNCILLORS OF THE COUNTY COUNCIL AND OTHERS TOO",
])
def test_all_caps_title_is_the_letters_test(text):
    letters = re.sub(r"[^A-Za-z]", "", text)
    words = len(text.split())
    slow = letters.isupper() and words <= 12 and (len(letters) >= 8 or (words >= 2 and len(letters) >= 6))
    assert questions._all_caps_title(text) == slow


def test_word_counts_are_exact_up_to_every_threshold_the_shape_tests_use():
    for n in range(0, 130):
        text = " ".join(["word"] * n) + " \n"
        assert questions._words(text) == min(n, questions._WORDS_COUNTED + 1)
    thresholds = [int(t) for t in re.findall(r"_words\([^()]*(?:\([^()]*\))?[^()]*\)\s*[<>=]+\s*(\d+)",
                                             open(questions.__file__, encoding="utf-8").read())]
    assert thresholds and max(thresholds) < questions._WORDS_COUNTED


@pytest.mark.parametrize("cells,roles", [
    (["NO.", "QUESTIONER", "QUESTION"], ["ref", "asker", "question"]),
    (["Ref", "Name of\nquestioner", "Question\ntitle"], ["ref", "asker", "question"]),
    (["Question", "Answer"], ["question", "response"]),
])
def test_header_prefilter_keeps_headers_in_any_case_and_spacing(cells, roles):
    assert questions.header_layout(cells).roles == roles


# --- rules: titles before names --------------------------------------------------------------

TITLED = [
    "Councillor Toni Fagan", "Cllr. J Smith", "CLLR SMITH", "cllr smith", "Mayor Hazlehurst",
    "Council President Mary Smith", "Co-opted Member Jane Doe", "co-opted members", "Co - opted Member X",
    "Ms. Hannah Currie", "Deputy Mayor X", "Mr.Smith", "(Mr) Smith", "Mrs", "Dr-Smith", "Lord Mayor",
    "Councillors’ Smith and Jones", "MRS. Ødegaard", "Miss Ærø", "Señor Smith", "İMr Smith", "KMr Smith",
    "Mr Smith", " Mr Smith ", "Sir", "Dame Judi", "Professor Ng", "Revd. Canon Jones", "County Councillor A",
    "Messrs Smith and Jones", "Supervisor Lee", ".", "-", "", "Jane Smith", "Mister Smith", "Mrsmith",
    "Itll Mr", "Thats Cllr Lee", "Member", "MEMBERS PRESENT", "Commissioner Gordon", "Alderwoman Ng",
]


@pytest.mark.parametrize("name", TITLED)
def test_split_title_prefilter_never_turns_away_a_title(name):
    assert rules.split_title(name) == rules._title_split(name.strip())


@pytest.mark.parametrize("parts", DOCUMENTS, ids=lambda p: p[1])
def test_split_title_prefilter_on_real_lines(parts):
    for text in _lines_of(parts):
        assert rules.split_title(text) == rules._title_split(text.strip()), text


def test_no_tokenizer_exception_cuts_a_title_word_out_of_a_longer_word():
    """The title prefilter looks for whole runs of letters: sound only while no token the
    Matcher could want is cut out of a longer word. spaCy's exceptions do cut some ("Itll" ->
    "It", "ll"); none of them cuts a title word."""
    keys = set().union(*(k for tokens in rules._title_tokens() for k in tokens))
    for exception in rules.nlp().tokenizer.rules:
        runs = set(re.findall(r"[a-z]+", exception.lower()))
        for token in rules.nlp().make_doc(exception):
            assert not (set(re.findall(r"[a-z]+", token.lower_)) & keys) - runs, exception


# --- rules: promises, cached -----------------------------------------------------------------

PROMISING = [
    "Officers would report back to the committee and the Clerk would write to the member.",
    "The Director would check whether it would be checked, and would provide the committee with a report.",
    "an update will be circulated; there would be a meeting with the residents",
    "They were happy to take the suggestion forward and undertook to circulate the slides.",
    "WOULD REPORT BACK", "would  report\nback", "would’ve reported", "It’ll be checked",
]


@pytest.mark.parametrize("parts", DOCUMENTS, ids=lambda p: p[1])
def test_promise_labels_never_leave_out_a_label_that_matches(parts):
    for text in list(_lines_of(parts)) + PROMISING:
        matched = {label for label, _, _ in rules._promise_matches(text)}
        assert matched <= set(rules._promise_labels(text.lower())), text
        assert rules.promises(text) == rules._promise_matches(text), text


def test_several_promises_in_one_sentence_come_in_order():
    found = rules.promises(PROMISING[0])
    assert [label for label, _, _ in found] == ["report_back", "return_to_committee", "write_to"]
    assert found == sorted(found, key=lambda f: (f[1], f[2], f[0]))


def test_cached_promises_answer_as_the_matcher_does_and_stay_unshared():
    text = "Officers would report back to the next meeting."
    first = rules.promises(text)
    assert first == rules._promise_matches(text) != []
    first.clear()  # a caller changing its list must not change the next caller's
    assert rules.promises(text) == rules._promise_matches(text)
    assert rules.promises("Nothing to do here.") == []


# --- rules: leaders ----------------------------------------------------------------------------

def test_every_leader_pattern_needs_a_word_holding_a_stem_of_its_own_label():
    """`leader` runs a label's patterns only when a stem of that label opens the text."""
    for label, patterns in rules.LEADERS.items():
        stems = [stem for stem, of in rules._LEADER_STEMS.items() if of == label]
        for pattern in patterns:
            assert any(all(any(stem in word for stem in stems) for word in words)
                       for words in rules._required_tokens(pattern)), pattern


@pytest.mark.parametrize("text", [
    "RESOLVED: that the report is received.", "REſOLVED: that", "İT WAS APPROVED:", "It was APPROVED",
    "• Resolved: that the minutes be approved.", "* RESOLVED – That", "   Resolved that:", "AND RESOLVED:",
    "The Scrutiny Management Board RECOMMENDS that", "DECISION – to note", "Decision taken That the Committee",
    "(d) | Decision taken That", "Recommendations:", "- Agreed", "It was agreed", "DECIDED: yes", "Approved.",
    "Recommended – it was AGREED that", "RESOLVED that the Board recommends", "The Panel RECOMMENDS: agreed",
])
def test_leader_prefilter_never_turns_away_a_leader(text):
    assert rules.leader(text) == rules._leader_match(text)

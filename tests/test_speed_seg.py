"""The fast paths of record finding (segment, resolutions, dates) give what the plain code gave:
each cache, prefilter or rewritten regex is checked here against the slow form it replaced,
on the texts where the two could part (case folding, non-ASCII letters, spacing)."""
import re
import sys

import pytest

from extract import dates, segment
from extract.blocks import Block

# ---------------------------------------------------------------------------------------------
# segment._upper: ASCII letters counted by bytes.translate


def _upper_slow(text: str) -> bool:
    letters = "".join(filter(str.isalpha, text))
    return len(letters) >= 4 and len("".join(filter(str.isupper, letters))) / len(letters) > 0.8


@pytest.mark.parametrize("text", [
    "COURT JUDGEMENTS", "Court Judgements", "APOLOGIES for absence", "ABCd", "ABC", "ABCDe", "ABCDEFGHIj",
    "12/037 MINUTES", "", "1234", "ÉCOLE DU CENTRE", "École du centre", "STRAßE", "ⒶⒷⒸⒹ words", "ǅǅǅǅ",
    "MINUTES OF THE MEETING 7.30PM", "O’BRIEN & SONS – 2024", "CAFÉ ROYAL", "Café Royal", "ÀÉÎÕÜ", "àB", "\ud800ABCD",
])
def test_upper_counts_letters_as_before(text):
    assert segment._upper(text) == _upper_slow(text)


# ---------------------------------------------------------------------------------------------
# blocks.non_ascii: the characters outside ASCII, found by bytes.translate (used by _upper, the
# date signs and read_pdf's character counts)


@pytest.mark.parametrize("text", ["", "plain ASCII", "Café Royal", "O’BRIEN – 2024", "\ud800x\udfff",
                                  "".join(map(chr, range(0x3100))), "\U0001f600 and \U000e0020"])
def test_non_ascii_is_every_character_outside_ascii(text):
    from extract.blocks import non_ascii

    assert non_ascii(text) == "".join(c for c in text if ord(c) > 127)


# ---------------------------------------------------------------------------------------------
# segment._clean_title: TITLE_DEBRIS only where a "(" or the word "page" may be


def _clean_title_slow(title: str) -> str:
    title = segment.TITLE_DEBRIS.sub(" ", title)
    title = re.sub(r"\s{2,}\d{1,3}$", "", title)
    title = re.sub(r"[*_#]+", "", title)
    return re.sub(r"\s+", " ", title).strip(" .:-–")


@pytest.mark.parametrize("title", [
    "QUESTIONS FROM MEMBERS OF THE PUBLIC (Pages 7 - 10)", "Minutes (Item 6)", "Apologies PAGES 5-12",
    "Apologies pages 5 – 12  ", "Report Page 3 - 4", "**Apologies**  2", "Declarations\u00a0of\tinterest",
    "Budget (report of the Director)", "Planning  \u2003 applications", "Apologies", "", "  # _Minutes_ .",
    "Apologies * 2", "Apologies *  2", "Minutes\t3", "Minutes\u00a0 12", "Item\n4", "A\u2028B", "Café  5",
])
def test_clean_title_as_before(title):
    assert segment._clean_title(title) == _clean_title_slow(title)


def test_every_space_but_the_plain_one_is_unprintable():
    """`_spaced_oddly` finds any whitespace other than " " by str.isprintable."""
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() and chr(c) != " "]
    assert spaces and all(segment._spaced_oddly(f"a{c}b") for c in spaces)
    assert not segment._spaced_oddly("Apologies for absence 2")


# ---------------------------------------------------------------------------------------------
# segment._title_like: words counted up to 31, the dangling word looked for at the end


def _title_like_slow(title, stands_out, ends_sentence=False):
    words = title.split()
    if not words or not (title[0].isupper() or title[0].isdigit() or title[0] in "'‘\"“"):
        return False
    if re.match(r"^[“\"‘']?(?:that|to\s+note\s+that)\b", title, re.I):
        return False
    if not stands_out and re.search(r"\b(?:of|to|the|and|for|in|a|an|with|by)$", title, re.I):
        return False
    if segment._upper(title):
        return len(words) <= 30
    if len(words) > 18:
        return False
    sentence = (ends_sentence or title.rstrip().endswith((".", "?", ";", ",", ":"))) and len(words) > 5 and (
        bool(segment.REPORTING.search(title)) or bool(re.match(
            r"^(?:the|a|an|it|this|there|members?|councillors?|he|she|they)\b", title, re.I)))
    if sentence:
        return False
    if stands_out:
        return True
    return not segment.REPORTING.search(title) or len(words) <= 4


@pytest.mark.parametrize("title", [
    "Apologies for absence", "Conveyance of the interest of the Council in the property, particulars of",
    "Report of", "Roof", "With", "Matters arising with\n", "Matters arising WITH", "Plan by", "a", "An",
    " ".join(["WORD"] * 30), " ".join(["WORD"] * 31), " ".join(["WORD"] * 32), " ".join(["Word"] * 18),
    " ".join(["Word"] * 19), "The committee enquired about the costs of the scheme.", "Minutes were approved",
    "That the report be noted", "Budget 2024/25", "Items 1 2 3 4", "Café Royal of", "Talk of ſ",
])
@pytest.mark.parametrize("stands_out", [False, True])
def test_title_like_as_before(title, stands_out):
    for ends in (False, True):
        assert segment._title_like(title, stands_out, ends) == _title_like_slow(title, stands_out, ends)


# ---------------------------------------------------------------------------------------------
# segment.item_candidate: cached per (line, raw text, stands out, lenient)


def test_item_candidate_cache_tells_blocks_apart():
    """One line, read differently as a plain paragraph, in bold and under strict reading."""
    line = "12 Pennywell Gardens, Limerick"
    assert segment.item_candidate(Block(page=1, text=line), line) is None
    assert segment.item_candidate(Block(page=1, text=line, bold=True), line) == ("12", "Pennywell Gardens, Limerick")
    short = "3 Apologies"
    assert segment.item_candidate(Block(page=1, text=short), short, lenient=True) == ("3", "Apologies")
    assert segment.item_candidate(Block(page=1, text=short), short, lenient=False) is None
    assert segment.item_candidate(Block(page=1, text="3  Apologies"), short, lenient=False) == ("3", "Apologies")
    assert segment.item_candidate(Block(page=1, text=short, kind="row"), short) is None


# ---------------------------------------------------------------------------------------------
# segment.ACTION_TAKEN: the roll-call title split, each alternative led by its "." or ":"

_ACTION_TAKEN_SLOW = re.compile(r"(?<=[a-z)]{3})\.\s+(?=[A-Z])|:\s+(?=(?:moved|present|motion)\b)|"
                                r"\.\s+(?=(?:moved|motion|seconded)\b|\d{2}-\d{3,5}\s)", re.I)


@pytest.mark.parametrize("title", [
    "APPROVING AGENDA: Moved by Hensley to adopt. Motion Carried 5-2.",
    "Application submitted 10-26-98. Moved by Coleman to adopt",
    "Items (see list). Seconded by X", "A.B. Smith. 98-3479 Next", "Ab. The end", "abc.  Xyz", "ABC.\tq",
    "Report of the Manager (10 pages). motion carried", "No stop here", "", "Paſs. Next", "Kelvin\u212a. Next",
])
def test_action_taken_splits_as_before(title):
    assert segment.ACTION_TAKEN.split(title) == _ACTION_TAKEN_SLOW.split(title)


# ---------------------------------------------------------------------------------------------
# dates.date_at_start: find_date's first date starts the text


@pytest.mark.parametrize("text", [
    "12 September 2024 at 5.00 pm", "5:00 PM", "31 February 2024, then 1 March 2024", "30 February 2024",
    "12/13/2024 minutes", "13/13/2024", "05.19.01 Apologies", "2024-02-30 or 2024-03-01", "2024-03-01 x",
    "Tuesday 30 July 2024", "Item 12 September 2024", "December 10, 2018", "Decembre 10, 2018", "", "12 Pennywell Road",
    "the 3rd day of May, 2021", "MONDAY, 28TH NOVEMBER, 2022", "Sept 31, 2024 and Oct 1, 2024",
])
def test_date_at_start_agrees_with_find_date(text):
    found = dates.find_date(text)
    assert dates.date_at_start(text) == (found is not None and found[1].start() == 0)
    found = dates.find_date(text, dayfirst=False)
    assert dates.date_at_start(text, dayfirst=False) == (found is not None and found[1].start() == 0)


# ---------------------------------------------------------------------------------------------
# dates._signal: a one-character sign found by str.find


@pytest.mark.parametrize("text", ["£5,000", "costs €20", "no money", "", "$100 and 20p", "＄ ￡"])
def test_currency_sign_as_the_regex_finds_it(text):
    pattern = dates.DAYFIRST_SIGNALS["currency"]
    assert dates._signal("currency", pattern, text, text.lower()) == (pattern.search(text) is not None)


# ---------------------------------------------------------------------------------------------
# dates._signal: the postcode tried only where the text has its shape


@pytest.mark.parametrize("text", [
    "Plough Lane Offices, Hereford, HR4 0LE", "SW1A 1AA", "London EC1A 1BB.", "W1 1AA", "HR4\t0LE", "HR4\n0LE",
    "HR4\x1c0LE", "HR40LE", "hr4 0le", "xHR4 0LE", "HR4 0LEx", "ÉHR4 0LE", "HR4\u00a00LE", "HR4\u20030LE", "HR4 ٣LE",
    "£5 in HR4 0LE", "’HR4 0LE’", "A1 1AA", "AB12 3CD", "ABC12 3CD", "4 0LE", " 9AA", "", "\ud800 HR4 0LE",
    "Room 2 3AB", "M1 1AE and B33 8TH",
])
def test_postcode_sign_as_the_regex_finds_it(text):
    pattern = dates.DAYFIRST_SIGNALS["postcode"]
    assert dates._signal("postcode", pattern, text, None) == (pattern.search(text) is not None)


# ---------------------------------------------------------------------------------------------
# resolutions._sentences: the split at a look-behind regex it replaced, with the full stop led regex

#: a sentence break, but not after "Mr." or "e.g." (the split _sentences gives)
SENTENCE = re.compile(r"(?<=[.!?])(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bCllr\.)(?<!\bSt\.)(?<!\bNo\.)"
                      r"(?<!\be\.g\.)(?<!\bi\.e\.)\s+(?=[A-Z\"“‘(])")


@pytest.mark.parametrize("text", [
    "The committee noted the report. Mr. Smith asked about e.g. costs and i.e. things. Cllr. Jones said no.",
    "It was agreed!  (Unanimously) Next?   \u201cQuoted\u201d start. ‘Single’ quote.\tTab After.\nNew line",
    "a.. B", "a. . B", "No. 5 was the item. St. Mary's Church. Dr. Who. Mrs. X. Ms. Y. Mr.  Z", "end.", "", ".", ". A",
    "Xe.g. Then", "The Mr. Then", "so.B", "so. b", "fin.\u00a0Next", "fin.\u2003Next", "one. two. Three.",
])
def test_sentences_split_as_before(text):
    from extract.resolutions import _sentences
    assert _sentences(text) == SENTENCE.split(text)


def test_sentences_give_the_text_itself_when_unsplit():
    """find_actions tells a split paragraph by `sentence is not line`."""
    from extract.resolutions import _sentences
    text = "Officers would report back to the next meeting"
    assert _sentences(text)[0] is text


# ---------------------------------------------------------------------------------------------
# resolutions._search: outcome and count patterns skipped without their words


@pytest.mark.parametrize("line", [
    "CARRIED", "The Motion was CARRIED", "Motion Carried 5-2.", "carried unanimously", "DEFEATED", "It fell.",
    "(6 members voting in favour, none against with 3 abstentions)", "(4 members voting in favour, 5 AGAINST)",
    "For: 6, Against: 2, Abstain: 1", "The motion passed 5-0.", "APPROVED 7-2-1", "Approved unanimously",
    "The motion paſſed 5-0.", "AGAİNST", "Carrıed", "fell", "no words here", "", "recarried", "5 against",
])
def test_outcome_and_count_searches_as_before(line):
    from extract import resolutions
    for pattern in resolutions._NEEDED_WORDS:
        found, plain = resolutions._search(pattern, line), pattern.search(line)
        assert (found and found.span()) == (plain and plain.span())


@pytest.mark.parametrize("line", [
    "Councillor Smith MOVED the motion", "It was Resolved", "paſſed", "İt was agreed", "ıt was decided", "nothing",
    "", "MOTIONED", "Kelvin \u212a moved",
])
def test_cached_may_say_answers_as_its_definition(line):
    from extract.blocks import RE_I_ONLY, may_say
    for words in (("moved", "motioned"), ("resolved", "agreed", "decided"), ("against",), ("passed", "fell")):
        expected = any(word in line.lower() for word in words) or any(char in line for char in RE_I_ONLY)
        assert may_say(line, *words) == expected  # asked again: answered from the cache
        assert may_say(line, *words) == expected

"""The fast paths of record finding (resolutions, actions, segmentation, the token rules) give
what the straightforward versions gave.

Each shortcut is held to a plain restatement of what it replaces, on real documents and on texts
built to trip it: capitals, non-ASCII letters and lone surrogates, punctuation-only tokens.
"""
import re

from extract import rules

from .test_speed_q import DOCUMENTS, _lines_of

TRICKY = [
    "Officers would provide the figures.", "WOULD PROVIDE", "members’ reports", "résumé provided",
    "İstanbul would ſend", "\u212aelvin will write to", "naïve\u00a0check", "x\udcffreport", "", "   ", "a-b_c9d",
]


def _texts():
    for parts in DOCUMENTS:
        yield from _lines_of(parts)
    yield from TRICKY


def test_letter_runs_are_the_letters_regex_runs():
    for text in _texts():
        low = text.lower()
        assert rules._letter_runs(low) == [run.encode() for run in re.findall(r"[a-z]+", low)], text


def _promise_labels_slowly(low):
    """Every label that passes `_may_match` on the text's letter runs."""
    words = set(re.findall(r"[a-z]+", low))
    return [label for label, patterns in rules._promise_tokens().items() if rules._may_match(words, patterns)]


def test_promise_labels_are_those_of_every_label_checked():
    for text in _texts():
        assert rules._promise_labels(text.lower()) == _promise_labels_slowly(text.lower()), text


NAMES = ["Councillor Toni Fagan", "Cllr. J Smith", "Mayor Hazlehurst", "Council President Mary Smith",
         "Ms. Hannah Currie", "Deputy Mayor X", "Co-opted Member Jane Doe", "Councillor", "Cllr Cllr Smith",
         "Dr Mr Prof. A. Jones", "Vice Chair Councillor Lee", "County Councillor Dr R. Patel", "Lord Mayor",
         "Mr.", "Jane Smith", "Councillors A, B and C", "Rev. Canon P. Jones", "Mayor - Councillor Smith"]


def _title_split_by_docs(name):
    """`rules._title_split` as first written: the rest of the name copied into a Doc of its own
    for each title the Matcher looks for."""
    doc = rules._doc(name)
    titles, pos = [], 0
    while pos < len(doc):
        hits = [(s, e) for _, s, e in rules._matcher("titles")(doc[pos:].as_doc()) if s == 0]
        if not hits:
            break
        end = max(e for _, e in hits)
        if end >= len(doc) - pos:
            break
        titles.append(doc[pos:pos + end].text.rstrip("."))
        pos += end
    if not titles:
        return None, name
    return " ".join(titles), rules._TITLE_TAIL.sub("", doc[pos:].text if pos < len(doc) else "")


def test_titles_split_from_a_span_as_from_a_doc():
    names = NAMES + [piece.strip() for parts in DOCUMENTS[:4] for piece in _lines_of(parts) if len(piece) < 80]
    for name in names:
        assert rules._title_split(name) == _title_split_by_docs(name), name


def test_one_line_folds_whitespace_as_the_regex_did():
    from extract import blocks

    every_char = "".join(map(chr, range(0x3100))) + "\U000e0020\udcff"
    texts = list(_texts()) + [every_char, f"  a{every_char}b  ", " \u00a0x\u2009\u2009y\n\n z\x1c\x85"]
    for text in texts:
        expected = re.sub(r"\s{2,}|[^\S ]", " ", blocks.clean_text(text)).strip()
        assert blocks.one_line.__wrapped__(text) == expected, text


def _clean_text_slowly(text):
    """`blocks.clean_text` before its guards: every replacement and the space regex on every text."""
    import html
    import unicodedata

    from extract import blocks

    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        for lig, rep in blocks._LIGATURES.items():
            text = text.replace(lig, rep)
    if "<" in text:
        text = blocks._TAG.sub("", blocks._BREAK_TAG.sub("\n", text))
    text = html.unescape(text)
    text = text.replace("**", "").replace("\\.", ".").replace("\\-", "-").replace("\\*", "*")
    text = blocks._SPACES.sub(" ", text.replace("\u00ad", ""))
    text = "\n".join(map(str.strip, text.split("\n")))
    return blocks._BLANK_LINES.sub("\n", text).strip()


CLEANING = [
    "a&nbsp;&nbsp;b", "x&nbsp;y", "soft&shy;hyphen", "&#42;&#42;36.&#42;&#42; item", "**36.** item", "1\\. That",
    "a\\-b \\* c", "tab\there", "two  spaces", "thin\u2009\u2009space", "zero\u200bwidth", "em\u2003space",
    "ligature \ufb01nal \ufb03", "caf\u0065\u0301", "<p>cell</p><p>two</p>", "line\n\n  next \n", "\u00ad", "&amp;lt;",
    "&#8203;x", "a &#9; b", "plain words only", "’quoted’ text",
]


def test_clean_text_guards_skip_only_what_cannot_apply():
    from extract import blocks

    for text in list(_texts()) + CLEANING:
        assert blocks.clean_text.__wrapped__(text) == _clean_text_slowly(text), text


def _kept_slowly(found):
    """The decisions `assemble` keeps, by its first rule: each compared with every earlier kept one."""
    from extract.assemble import _comparable

    kept, seen = [], set()
    for meeting_id, text in found:
        key = (meeting_id, _comparable(text))
        restated = len(key[1]) >= 60 and any(
            m == meeting_id and len(_comparable(t)) >= 60 and (key[1] in _comparable(t) or _comparable(t) in key[1])
            for m, t in kept)
        if key in seen or restated:
            continue
        seen.add(key)
        kept.append((meeting_id, text))
    return kept


def _kept(found):
    from extract.assemble import RESTATED_LENGTH, _comparable, _restated

    kept, seen, long_texts = [], set(), {}
    for meeting_id, text in found:
        comparable = _comparable(text)
        if (meeting_id, comparable) in seen or _restated(comparable, long_texts.get(meeting_id, ())):
            continue
        seen.add((meeting_id, comparable))
        if len(comparable) >= RESTATED_LENGTH:
            long_texts.setdefault(meeting_id, []).append(comparable)
        kept.append((meeting_id, text))
    return kept


def test_restated_decisions_are_those_the_full_comparison_finds():
    from extract import resolutions

    from .conftest import read_fixture

    parts = ("bristol-city-council", "transport-connectivity-policy-committee-2024-09-12-printed-minutes.pdf")
    blocks = read_fixture(*parts).blocks
    texts = [f.record.text for f in resolutions.find_resolutions(blocks, "x" * 64)]
    long = "That the Committee approves the proposed approach to delivery of the scheme across the city"
    texts += [long, long[:-5], long + " and beyond the city boundary", "That the report be noted.", "That the report be noted."]
    assert any(len(t) >= 60 for t in texts)
    for meetings in ([None], ["m1"], ["m1", "m2"], ["m1", None, "m1", "m2"]):
        found = [(meetings[n % len(meetings)], text) for n, text in enumerate(texts + texts[::-1])]
        assert _kept(found) == _kept_slowly(found)
    assert len(_kept_slowly([(None, long), (None, long + " and beyond")])) == 1  # the test can tell


def _in_sequence_slowly(number, accepted):
    """`segment._in_sequence` as first written: the whole family of accepted numbers, then its last."""
    from extract import segment

    family = [a for a in accepted if segment._roman(a[1]) == segment._roman(number)]
    if not family:
        return True
    key = segment._number_key(number)
    plain = [segment._number_key(n) for _, n, _ in family if not segment._number_key(n)[1]]
    last = plain[-1] if plain and not key[1] else segment._number_key(family[-1][1])
    if key[0] == last[0]:
        return key > last
    return 0 < key[0] - last[0] <= segment.MAX_GAP


def test_in_sequence_reads_from_the_end_as_the_whole_family():
    import itertools
    import random

    from extract import segment

    numbers = ["1", "2", "3", "4A", "4", "4b", "5", "7", "12", "I", "II", "IV", "V", "X", "6a", "14/037", "45/24", "11.25.01"]
    rng = random.Random(7)
    for size in range(0, 7):
        for _ in range(300):
            accepted = [(n, number, "title") for n, number in enumerate(rng.choices(numbers, k=size))]
            for number in numbers:
                assert segment._in_sequence(number, accepted) == _in_sequence_slowly(number, accepted), (number, accepted)
    for accepted in itertools.permutations(["1", "2", "2a", "I"]):
        rows = [(n, number, "t") for n, number in enumerate(accepted)]
        assert all(segment._in_sequence(x, rows) == _in_sequence_slowly(x, rows) for x in numbers)


LEADER_TEXTS = [
    "RESOLVED: that the report is received.", "• Resolved: that the minutes be approved.", "- AGREED - noted",
    "It was APPROVED: that", "And Resolved:", "Decision taken", "DECISION - approve", "The Scrutiny Board recommends",
    "the Board recommends", "Planning Committee RECOMMENDED", "b. Approved all RPS permit types", "(d) Decision made",
    "*Recommendation 4c", "# resolved", "#- resolved", "•• Resolved", "İt was agreed", "ıt was agreed", "", " ", "-",
]


def test_a_leader_never_starts_where_the_first_token_rules_out():
    for text in list(_texts()) + LEADER_TEXTS:
        if "\udcff" in text:
            continue  # spaCy cannot store a lone surrogate (nor could the Matcher read one before)
        doc = rules._doc(text[:200])
        for label in rules.LEADERS:
            starts = {0, 1} if len(doc) > 1 and doc[0].text in "*#-•" else {0}
            matched = any(start in starts for _, start, _ in rules._matcher("leaders", label)(doc))
            if matched:
                assert any(rules._may_start(doc[s], label) for s in starts if s < len(doc)), (text, label)
        for labels in (["resolution"], ["recommendation"], ["recommendation", "resolution"]):
            assert rules._leader_match(text, labels) == _leader_match_slowly(text, labels), (text, labels)


def _leader_match_slowly(text, labels):
    """`rules._leader_match` without its first-token check."""
    doc = rules._doc(text[:200])
    best = None
    for match_id, start, end in rules._matches("leaders", labels, doc):
        if start != 0 and not (start == 1 and doc[0].text in "*#-•"):
            continue
        if best is None or end > best[2]:
            best = (rules.nlp().vocab.strings[match_id], start, end)
    if best is None:
        return None
    kind, _, end = best
    return kind, text[doc[end - 1].idx + len(doc[end - 1].text):] if end <= len(doc) else ""


def test_unknown_token_conditions_never_rule_a_start_out():
    token = rules._doc("Hello")[0]
    assert rules._fits(token, {"LOWER": "hello"}) and not rules._fits(token, {"LOWER": "bye"})
    assert rules._fits(token, {"IS_TITLE": True}) and not rules._fits(token, {"ORTH": {"IN": ["hello"]}})
    assert rules._fits(token, {"POS": "NOUN"}) and rules._fits(token, {"LOWER": {"NOT_IN": ["hello"]}})
    assert rules._fits(token, {"LOWER": "bye", "OP": "!"})


def test_dayfirst_is_worked_out_only_when_read_and_as_before(monkeypatch):
    from extract import dates

    documents = [["Minutes of the meeting held on 04/05/2023", "Councilor Tuttle moved", "7:01 p.m."],
                 ["Councillor Smith", "£400", "12/09/2024"], ["25/04/2023"], ["04/25/2023"], [], [""]]
    for lines in documents:
        assert bool(dates.DayfirstWhenAsked(lines)) is dates.dayfirst_for("\n".join(lines))
    asked = []
    monkeypatch.setattr(dates, "dayfirst_for", lambda text: asked.append(text) or True)
    lazy = dates.DayfirstWhenAsked(["Meeting held on 12 September 2024", "04/05/2023"])
    assert dates.parse_date("Meeting held on 12 September 2024", lazy) == "2024-09-12" and asked == []
    assert dates.parse_date("04/05/2023", lazy) == "2023-05-04" and dates.parse_date("05/06/2023", lazy)
    assert asked == ["Meeting held on 12 September 2024\n04/05/2023"]  # once, over the lines given


def test_meetings_found_with_the_answer_worked_out_up_front(monkeypatch):
    """find_meetings with a lazy `dayfirst` finds what it found with `dayfirst_for` computed first."""
    from extract import dates, segment

    from .conftest import read_fixture

    for parts in DOCUMENTS + [("rivergrove-or", "city-council-2018-12-10-minutes.pdf")]:
        result = read_fixture(*parts)
        lazy = segment.find_meetings(result, "x" * 64)
        with monkeypatch.context() as m:
            m.setattr(dates, "DayfirstWhenAsked", lambda lines: dates.dayfirst_for("\n".join(lines)))
            eager = segment.find_meetings(result, "x" * 64)
        assert lazy == eager, parts

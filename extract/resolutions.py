"""Blocks -> resolutions (with votes) and actions.

Resolutions open with a leader and then run over parts:
- "RESOLVED: that the report is received." (one part, inline)
- "Resolved that:" then "1. That ...", "2. For the ...", "3. That ... to" with "i." "ii." sub-points
  (one Resolution per top-level part; sub-points of another numbering style stay in their part)
- "RECOMMENDATION: The Committee stressed ..." and "the committee resolved that the following
  recommendations be made to Cabinet ...:" then "1: That ..." (kind "recommendation")
- "The committee also resolved:" then unnumbered "That ..." paragraphs
- motions: "Motion: Councilor Tuttle moved to approve ... Councilor Bahrman seconded. The motion
  passed 5-0."; "Moved by McPherson to adopt. Motion Carried 5-2."; NZ "Councillor Redstone/
  Councillor Watkins" then "A) That ... B) That ..." and "CARRIED"; US "RESULT / MOVER / SECONDER /
  AYES / NAYS" blocks; "R2024-089 D. Yemm, S. Kirkey: That ... Carried."
Outcome, counts ("(6 members voting in favour, none against with 3 abstentions)") and named
votes ("AYES: Smith, Jones") are read from the lines that close the motion.

Actions are promises to do something later: "ACTION: ..." markers, "Clerk to raise ...",
ACTION/OWNER tables, and prose promises found by `rules.promises` ("would have to return to the
committee on that", "a written response would be provided to clarify the point").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from schema.records import Action, Resolution, Vote

from . import dates, rules, segment
from .blocks import Block, may_say, one_line
from .spans import Found

# ---------------------------------------------------------------------------------------------
# Parts

#: "1. That ...", "(a) That ...", "b) ...", "ii. having ...", "2: That ...", "A)        That", "1.1 That"
PART = re.compile(r"^[-•*]?\s*\(?(?P<mark>\d{1,2}(?:\.\d{1,2}|[a-z])?|[a-zA-Z]|[ivxIVX]{1,5})(?:[.):]|\s*[-–]\s)\s*(?P<text>.*)$")
#: an unnumbered part: "That HRA/EA training be provided ..."
THAT_PART = re.compile("^[\u201c\"\u2018']?(?:That|THAT|To|TO)\\b")
#: a narrative leader ending with a colon: "the committee resolved that the following
#: recommendations be made to Cabinet ...:"; "The committee also resolved:"; "It was AGREED that:"
NARRATIVE_LEADER = re.compile(r"\b(?P<verb>resolved|agreed|approved|decided|recommend(?:s|ed)?|recommendations?)\b[^.]*:$",
                              re.I)


def _narrative_leader(line: str):
    """NARRATIVE_LEADER's match; it ends in a colon, so other lines are not searched."""
    return NARRATIVE_LEADER.search(line) if line.rstrip("\n").endswith(":") else None


#: "With the reasons for this decision being ..." (NZ boilerplate closing a resolution)
REASONS = re.compile(r"^with\s+the\s+reasons?\s+for\s+this\s+decision", re.I)

# ---------------------------------------------------------------------------------------------
# Outcomes, counts and votes

#: "CARRIED", "The Motion was CARRIED", "Motion Carried 5-2.", "LOST", "carried unanimously", "DEFEATED"
OUTCOME = re.compile(r"\b(?P<word>carried|lost|defeated|passed|failed|adopted|approved\s+unanimously|fell)\b", re.I)
#: "(6 members voting in favour, none against with 3 abstentions)"; "(4 members voting in favour, 5 against)"
COUNTS_UK = re.compile(r"(?P<for>\d+|none|no)\s+(?:members?\s+)?(?:voting\s+)?(?:in\s+favour|for)\b[,;]?\s*"
                       r"(?:and\s+|with\s+)?(?P<against>\d+|none|no)\s+(?:voting\s+)?against"
                       r"(?:[,;]?\s*(?:and\s+|with\s+)?(?P<abstain>\d+|none|no)\s+abstentions?)?", re.I)
#: "The motion passed 5-0."; "Motion Carried 5-2."; "CARRIED 7-2-1"
COUNTS_DASH = re.compile(r"\b(?:passed|carried|failed|lost|adopted|approved)\s+(?P<for>\d{1,2})\s*[-–]\s*(?P<against>\d{1,2})"
                         r"(?:\s*[-–]\s*(?P<abstain>\d{1,2}))?\b", re.I)
#: "For: 6, Against: 2, Abstain: 1"
COUNTS_LABELLED = re.compile(r"\bfor\s*[:\-–]\s*(?P<for>\d+)[,;\s]+against\s*[:\-–]\s*(?P<against>\d+)"
                             r"(?:[,;\s]+abstain(?:ed|ing|tions?)?\s*[:\-–]\s*(?P<abstain>\d+))?", re.I)
#: "AYES: Smith, Jones" / "FOR: Cllrs A, B" / "NAYS: None" / "ABSTAIN: X" / "ABSENT: Y"
VOTE_LIST = re.compile(r"^(?P<label>ayes?|yeas?|nays?|noes|for|against|abstain(?:ed|ing|tions?)?|absent|recused|pass)"
                       r"\s*(?:\(\d+\))?\s*[:\-–]\s*(?P<names>.+)$", re.I)
_VOTE_OF = {"aye": "for", "ayes": "for", "yea": "for", "yeas": "for", "for": "for", "nay": "against",
            "nays": "against", "noes": "against", "against": "against", "absent": "absent", "pass": "abstain",
            "recused": "abstain"}
#: US result block: "RESULT: ADOPTED [UNANIMOUS]" / "MOVER: Tom Smith, Alderman" / "SECONDER: ..."
RESULT_LINE = re.compile(r"^result\s*:\s*(?P<value>.+)$", re.I)
MOVER_LINE = re.compile(r"^(?:mover|moved\s+by|proposed\s+by|proposer)\s*[:\-–]?\s*(?P<name>.+?)[;.]?$", re.I)
SECONDER_LINE = re.compile(r"^(?:seconder|seconded\s+by|and\s+seconded\s+by)\s*[:\-–]?\s*(?P<name>.+?)[;.]?$", re.I)
#: "Motion: Councilor Tuttle moved to approve ... Councilor Bahrman seconded."
MOVED_PROSE = re.compile(r"(?:^|\.\s+|:\s*)(?P<mover>(?:(?:council\s*member|council\s+president|council(?:l)?or|mayor|commissioner|alderman|trustee|cllr|"
                         r"member|director|supervisor|president|vice\s+mayor|deputy\s+mayor)\.?\s+)?[A-Z][\w'’.-]+"
                         r"(?:\s+[A-Z][\w'’-]+)?)\s+(?:moved|motioned)\s+(?P<what>(?:to|that)\b.+?)(?:\.\s+|$)"
                         r"(?:(?P<seconder>(?:(?:council\s*member|council\s+president|council(?:l)?or|mayor|commissioner|alderman|trustee|cllr|member|"
                         r"president)\.?\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’-]+)?)\s+seconded)?", re.I)
#: "Moved by McPherson to adopt." / "Moved by Cllr Smith, seconded by Cllr Jones"
MOVED_BY = re.compile(r"\bmoved\s+by\s+(?P<mover>(?-i:[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’-]+){0,2}))"
                      r"(?:[,;]?\s+(?:and\s+)?second(?:ed)?\s+by\s+(?P<seconder>(?-i:[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’-]+){0,2})))?",
                      re.I)
#: "Proposed by Councillor Collins (M);" / "Seconded by Councillor Teskey;"
PROPOSED_LINE = re.compile(r"^(?:proposed|moved)\s+by\s*:?\s+(?P<name>[^:]{2,60}?)[;.,]?$", re.I)
SECONDED_LINE = re.compile(r"^seconded\s+by\s*:?\s+(?P<name>[^:]{2,60}?)[;.,]?$", re.I)
#: NZ "Councillor Redstone/Councillor Watkins"; "Mayor Hazlehurst/Councillor Nixon"; "Crs Smith/Jones"
NZ_MOVER = re.compile(r"^(?:(?i:councillors?|crs?|mayor|deputy\s+mayor)\.?\s+)?(?P<mover>[A-Z][\w'’-]+)\s*/\s*"
                      r"(?:(?i:councillor|cr|mayor|deputy\s+mayor)\.?\s+)?(?P<seconder>[A-Z][\w'’-]+)$")
#: "R2024-089 D. Yemm, S. Kirkey: That ... Carried."
NUMBERED_RESOLUTION = re.compile(r"^(?:\d{1,3}[.)]\s+)?(?P<ref>[A-Z]{1,3}\d{2,4}[-/]\d{1,4})\s+(?P<mover>[A-Z][\w.'’ -]+?),\s*"
                                 r"(?P<seconder>[A-Z][\w.'’ -]+?):\s*(?P<text>.+)$")
#: "JH proposed and KA seconded the proposal that Nick Oakhill be elected chairman"
PROPOSED_AND_SECONDED = re.compile(r"\b(?P<mover>[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*)?)\s+proposed\s+(?:and|,)\s+"
                                   r"(?P<seconder>[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*)?)\s+seconded\b")


@dataclass
class _Group:
    """One leader and the parts under it."""

    start: int
    kind: str
    parts: list[tuple[int, str, str | None]] = field(default_factory=list)  # (block index, text, mark)
    end: int = 0
    mover: str | None = None
    seconder: str | None = None
    motion_text: list = field(default_factory=list)  # the "moved ... CARRIED" sentence before the decision


def find_resolutions(blocks: list[Block], doc_id: str, groups: list[_Group] | None = None) -> list[Found]:
    """Every resolution, recommendation, decision and motion in reading order, with its votes.
    `groups` is `resolution_groups(blocks)` when the caller has it already."""
    lines = [segment.block_line(b) for b in blocks]
    found: list[Found] = []
    for group in _groups(blocks, lines) if groups is None else groups:
        outcome, counts, votes = _closing(blocks, lines, group)
        for index, text, mark in group.parts:
            seq = len(found) + 1
            res = Resolution(id=f"{doc_id[:16]}-r{seq}", document_id=doc_id, seq=seq, text=text, kind=group.kind,
                             part=mark, outcome=outcome, mover=group.mover, seconder=group.seconder,
                             page=blocks[index].page)
            _apply_counts(res, counts)
            children = [Vote(resolution_id=res.id, document_id=doc_id, name=n, vote=v) for n, v in votes]
            found.append(Found(index=index, record=res, children=children))
    return found


def _groups(blocks, lines) -> list[_Group]:
    groups: list[_Group] = []
    pending = None  # a "moved by ... seconded by ... CARRIED" sentence whose decision follows
    i = 0
    while i < len(lines):
        group = _group_at(blocks, lines, i)
        if group is None or not group.parts:
            i += 1
            continue
        if group.kind == "motion" and _decision_follows(blocks, lines, group.end):
            pending = group  # Bristol: "The recommendation was moved by ... CARRIED" / "It was APPROVED: ..."
            i = max(group.end, i + 1)
            continue
        if pending is not None and group.kind != "motion" and group.start - pending.end <= 4:
            group.mover, group.seconder = group.mover or pending.mover, group.seconder or pending.seconder
            group.motion_text = [text for _, text, _ in pending.parts]
        pending = None
        groups.append(group)
        i = max(group.end, i + 1)
    return groups


def _decision_follows(blocks, lines, k) -> bool:
    """Whether a leader ("It was APPROVED:", "RESOLVED:") opens within the next few lines."""
    for j in range(k, min(len(lines), k + 4)):
        if lines[j] and (rules.leader(lines[j]) or _part_leader(lines[j])):
            return True
    return False


def _part_leader(line: str):
    """"1. It was APPROVED that a Task and Finish Group be initiated ..." -> (mark, kind, rest)."""
    part = PART.match(line)
    if not part:
        return None
    lead = rules.leader(part.group("text"))
    return (part.group("mark"), *lead) if lead else None


def _group_at(blocks, lines, i) -> _Group | None:
    """The resolution group that starts at block `i`, or None."""
    line = lines[i]
    if not line:
        return None
    if blocks[i].kind == "row":
        return _row_decision(blocks[i], i)
    numbered = NUMBERED_RESOLUTION.match(line)
    if numbered:
        group = _Group(start=i, kind="resolution", mover=numbered.group("mover"), seconder=numbered.group("seconder"))
        group.parts = [(i, numbered.group("text"), numbered.group("ref"))]
        group.end = i + 1
        return group
    part_lead = _part_leader(line)
    if part_lead and NAMED_RESOLUTION.match(part_lead[2]):
        return None  # "3. Resolution 259-2018: Fee Schedule and Agreement ...": an item titled by the resolution
    if part_lead and not part_lead[2].strip(" :-–—;,."):
        return _with_parts(blocks, lines, i, part_lead[1], "")  # "(d) Decision taken" with the parts below
    if part_lead:
        mark, kind, rest = part_lead
        text = PART.match(line).group("text").strip()
        group = _Group(start=i, kind=kind, parts=[(i, text, mark)], end=i + 1)
        return group if rest.strip(" :-–—;,.") else None
    lead = rules.leader(line)
    bare = BARE_LEADER.fullmatch(line)
    if bare and not lead and not (i + 1 < len(lines) and lines[i + 1][:1].islower()):
        kind = "recommendation" if bare.group(1).lower().startswith("recommend") else "resolution"
        return _with_parts(blocks, lines, i, kind, "")  # "Decision" / "To approve as a correct record ..."
    if lead and (re.match(r"^\s*(?:no\.?|number|#)\s*[A-Z]{0,3}[-\d][\w/-]*\s*:?\s*$", lead[1], re.I)
                 or NAMED_RESOLUTION.match(lead[1])):
        lead = None  # "Resolution No. 2024-089": the reference above a motion, not its text
    if lead and re.match(r"^\s*\(?\d{1,2}[a-zA-Z]?\b\)?(?!\s*[:.)])", lead[1]):
        lead = None  # "Recommendation 2A was moved by ..." / "Recommendation 1 – Need for ..." name a recommendation
    if lead and _mid_sentence(blocks, lines, i):
        lead = None  # "... the previous Corporate Director had" / "agreed that families should ..."
    if lead:
        kind, rest = lead
        wrapped = i + 1 < len(lines) and lines[i + 1][:1].islower()
        if not rest.strip() and wrapped:
            return None  # "Recommendation" / "to Exclude the Public ..." is a wrapped item title
        return _with_parts(blocks, lines, i, kind, rest)
    narrative = _narrative_leader(line)
    if narrative and len(line.split()) <= 60:
        kind = "recommendation" if re.search(r"\brecommend", line, re.I) else "resolution"
        group = _with_parts(blocks, lines, i, kind, "")
        return group
    nz, start = NZ_MOVER.match(line), i
    if not nz and i + 1 < len(lines) and _at_most_3_words(line) and _at_most_3_words(lines[i + 1]):
        nz, start = NZ_MOVER.match(f"{line} {lines[i + 1]}"), i + 1  # "Mayor Hazlehurst/Councillor" / "Nixon"
    if nz and start + 1 < len(lines) and (PART.match(lines[start + 1]) or THAT_PART.match(lines[start + 1])):
        group = _with_parts(blocks, lines, start, "motion", "")
        group.start = i
        group.mover, group.seconder = nz.group("mover"), nz.group("seconder")
        return group
    if PROPOSED_LINE.match(line):
        return _proposed_block(blocks, lines, i)
    return _motion_prose(lines, i) or _sentence_group(blocks, lines, i)


def _at_most_3_words(line: str) -> bool:
    """len(line.split()) <= 3 without splitting a whole paragraph into its words."""
    return len(line.split(None, 3)) <= 3


#: ModernGov's cut-off marker: "12) ... view the full decision text for item 9."
TRUNCATED = re.compile(r"^(?:\.\.\.|…)\s*view\s+the\s+full\b", re.I)
#: a leader word alone on its line: "Decision", "Decisions", "RESOLVED", "Recommendations", "Agreed"
BARE_LEADER = re.compile(r"(decisions?|resolved|resolutions?|recommendations?|agreed|decided)\s*[:.\-–]?", re.I)
#: a sentence inside a paragraph that records a decision: "It was resolved to pay the following invoices."
SENTENCE_LEADER = re.compile(r"^(?:(?i:it\s+was\s+(?:resolved|agreed|unanimously\s+(?:resolved|agreed)|decided))\b|RESOLVED\b|AGREED\b|"
                             r"(?:The|This)\s+(?:[A-Z][\w&]*\s+){1,5}(?:(?:also|unanimously)\s+)?"
                             r"(?:RESOLVED|resolved|AGREED|DECIDED)\s+(?:that|to)\b)")


#: a block's first sentence is read here only when it opens "The ..." or "This ..." ("The Council
#: RESOLVED that ..."): a leader word opening the block is read by `_group_at` itself
_THE_OR_THIS = re.compile(r"^(?:The|This)\s")


def _sentence_group(blocks, lines, i) -> _Group | None:
    """A decision recorded mid-paragraph ("5. Finance: ... It was resolved to pay the invoices.")."""
    line = lines[i]
    if not may_say(line, "resolved", "agreed", "decided"):  # SENTENCE_LEADER needs one: skip the split
        return None
    sentences = _sentences(line)
    for n, sentence in enumerate(sentences + ([line.split(": ", 1)[1]] if ": " in line[:80] else [])):
        if n == 0 and not _THE_OR_THIS.match(sentence):
            continue  # a leader opening the block is read by `_group_at` itself
        sentence = sentence.strip()
        if SENTENCE_LEADER.match(sentence) and len(sentence.split()) >= 4:
            group = _Group(start=i, kind="resolution", parts=[(i, sentence, None)], end=i + 1)
            return group
    return None


def _mid_sentence(blocks, lines, i) -> bool:
    """A line that continues the sentence of the line before it (a PDF wraps paragraphs into
    lines): it starts lower case and the previous line did not end a sentence."""
    line = lines[i]
    if not line[:1].islower() or i == 0:
        return False
    prev = next((lines[k] for k in range(i - 1, max(-1, i - 3), -1) if lines[k]), "")
    return bool(prev) and blocks[i - 1].kind != "heading" and not prev.rstrip().endswith((".", ":", ";", "!", "?"))


def paragraphs(blocks: list[Block]) -> list[tuple[int, str]]:
    """Blocks joined into paragraphs where a reader split one paragraph into lines: a para
    block that does not end a sentence continues into the next para block.
    Returns (index of the first block, text)."""
    found: list[tuple[int, str]] = []
    open_para = False
    for i, block in enumerate(blocks):
        line = segment.block_line(block)
        if not line:
            continue
        joinable = block.kind == "para" and not PART.match(line) and not segment.item_candidate(block, line)
        if found and open_para and joinable:
            index, text = found[-1]
            found[-1] = (index, f"{text[:-1]}{line}" if text.endswith("-") and line[:1].islower() else f"{text} {line}")
        else:
            found.append((i, line))
        open_para = block.kind in ("para", "item") and joinable and not found[-1][1].rstrip().endswith(
            (".", ":", ";", "!", "?", '"', "”", "'", "’")) and not rules.leader(found[-1][1])
    return found


def _with_parts(blocks, lines, i, kind, rest) -> _Group:
    """The parts after a leader: inline text, or the numbered / lettered / "That" parts below."""
    group = _Group(start=i, kind=kind)
    rest = rest.strip().lstrip(":-–—;,.").strip()
    inline = rest and not re.fullmatch(r"(?:that|as\s+follows|unanimously|accordingly)?\s*[:\-–]?", rest, re.I)
    if inline and not rest.endswith(":"):
        inline_parts = _split_inline(rest)
        if len(inline_parts) == 1:  # keep the leader: "RESOLVED: that the report is received."
            inline_parts = [(None, re.sub(r"^[-•*#\s]+", "", lines[i]))]
        group.parts = [(i, text, mark) for mark, text in inline_parts]
        group.end = i + 1
        while (group.end < len(lines) and blocks[group.end].kind == "para" and lines[group.end]
               and _continues(group.parts[-1][1], lines[group.end]) and not _opens_next(blocks, lines, group.end)
               and not PART.match(lines[group.end])):
            _extend(group, lines[group.end])  # the inline resolution wraps onto the next line (PDF)
            group.end += 1
        return group
    top_style, top_mark, split = None, None, False
    pending_mark = None
    j = i + 1
    while j < len(lines) and j < i + 60:
        line, block = lines[j], blocks[j]
        if not line or re.fullmatch(r"(?:page\s+)?\d{1,3}", line, re.I):
            j += 1  # a page number between the leader and its parts
            continue
        if block.kind == "heading" and group.parts and len(line.split()) <= 6 and not PART.match(line) and _continues(
                group.parts[-1][1], line):
            _extend(group, line)  # "3. RPS Business, ... and Visitor" / "Permits" (a PDF line set in bold)
            j += 1
            continue
        heading_part = block.kind == "heading" and PART.match(line) and (
            not group.parts or (top_mark is not None and _follows(top_mark, PART.match(line).group("mark")))
            or (top_style in ("digit", "alpha", "roman") and _style(PART.match(line).group("mark"), top_style) != top_style))
        if (block.kind == "heading" and not heading_part) or block.kind == "row" or rules.leader(line) or REASONS.match(line):
            break
        if OUTCOME.match(line) and len(line.split()) <= 8:
            break
        part = PART.match(line)
        in_list = part and (not group.parts or (top_mark is not None and _follows(top_mark, part.group("mark"))))
        if not in_list and segment.item_candidate(block, line) and not THAT_PART.match(line.split(" ", 1)[-1]):
            break  # the next minute item: "17. FAMILIES' COMMISSION UPDATE"
        style = _style(part.group("mark"), top_style) if part else None
        if part and group.parts and style == top_style and not _follows(top_mark, part.group("mark")):
            break  # "17." after parts 1-3 is no part of this resolution
        if pending_mark and not part and not rules.leader(line):
            group.parts.append((j, line, pending_mark))  # "(b)" on its own line, its text below
            pending_mark = None
            j += 1
            continue
        if part and (top_style is None or style == top_style):
            top_style, top_mark, split = style, part.group("mark"), False
            if re.search(r"[^\W\d_]", part.group("text")) and not TRUNCATED.match(part.group("text")):
                group.parts.append((j, part.group("text").strip(), part.group("mark")))
            elif not part.group("text").strip():
                pending_mark = part.group("mark")
        elif part and group.parts and (split or _title_only(group.parts[-1][1])):
            # "2. Residents Parking" / "a. Approve ..." / "b. Approved ...": one resolution per lettered part
            if not split:
                group.parts.pop()
            split = True
            group.parts.append((j, part.group("text").strip(), f"{top_mark}{part.group('mark')}"))
        elif part and group.parts and CLOSED_QUOTE.search(group.parts[-1][1]):
            break  # '“That ... be and is hereby adopted.”' then "(u) Circulated, copy of ...": the next item
        elif part and group.parts:  # a sub-point ("i.", "ii.") of the current part
            _extend(group, line)
        elif THAT_PART.match(line) and (top_style in (None, "that")):
            top_style = "that"
            group.parts.append((j, line, None))
        elif group.parts and _continues(group.parts[-1][1], line):
            _extend(group, line)
        elif not group.parts and line.endswith(":") and len(line.split()) <= 25 and j <= i + 2:
            pass  # "The West of England Combined Authority Committee:" introduces the parts below
        elif not group.parts and j <= i + 2 and not _heading_like(block, line):
            group.parts.append((j, line, None))  # "RESOLVED:" then one plain paragraph
            j += 1
            break
        else:
            break
        j += 1
    group.end = j
    if group.parts and PAPERS_BEFORE.match(group.parts[0][1]):
        group.parts = []  # "And Resolved:" / "(m) Circulated, copy of Statutory Notice ...": the next item's papers
    return group


#: a quoted resolution closed: '... particulars of which were contained in Statutory Notice dated 15th
#: November, 2022.”' (Limerick) - what follows is not one of its sub-points
CLOSED_QUOTE = re.compile(r"^[\u201c\"].*[.!]\s*[\u201d\"]\s*\.?$|^[\u201c\"].*[\u201d\"]\s*\.$", re.S)


#: the label of a decision notice's form field: "(d)", "d)", "12."
_FORM_FIELD_LABEL = re.compile(r"\(?[a-z0-9]{1,3}[.)]?", re.I)


def _row_decision(block: Block, i: int) -> _Group | None:
    """A decision notice's form row: "(d) | Decision taken 1. That the Committee notes ... 2. ..."."""
    cells = [one_line(c) for c in (block.cells or []) if one_line(c)]
    cells = [c for c in cells if not _FORM_FIELD_LABEL.fullmatch(c)]
    if not cells:
        return None
    text = " ".join(cells)
    lead = rules.leader(text)
    if not lead or not lead[1].strip(" :-–—;,.") or "?" in lead[1]:
        return None  # "(f) | Decision made in exempt session? No" is a form field, not a decision
    group = _Group(start=i, kind=lead[0], end=i + 1)
    group.parts = [(i, part, mark) for mark, part in _split_inline(lead[1].strip(" :-–—;,"))]
    return group


def _split_inline(text: str) -> list[tuple[str | None, str]]:
    """"(a) note the report; (b) approve the plan" -> two parts; so is "1. Approved ... 2. Noted ...";
    otherwise the whole text."""
    marks = list(re.finditer(r"(?:^|\s)\((?P<m>[a-z]|\d{1,2}|[ivx]{1,4})\)\s+", text))
    numbered = list(re.finditer(r"(?:^|(?<=[\s:.;]))(?P<m>\d{1,2})\.\s+(?=[A-Z])", text))
    if len(marks) < 2 and len(numbered) >= 2 and [int(m.group("m")) for m in numbered] == list(
            range(int(numbered[0].group("m")), int(numbered[0].group("m")) + len(numbered))):
        marks = numbered
    if len(marks) >= 2 and marks[0].start() <= 80:
        parts = []
        lead = text[:marks[0].start()].strip()
        for n, m in enumerate(marks):
            end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
            body = text[m.end():end].strip().rstrip(";").strip()
            parts.append((m.group("m"), f"{lead} {body}".strip() if lead and len(lead) < 60 else body))
        return parts
    return [(None, text)]


def _style(mark: str, top: str | None) -> str:
    """Numbering style of a part mark: digit, alpha or roman ("i" after "h" is alpha)."""
    if mark[0].isdigit():
        return "digit"
    if re.fullmatch(r"[ivxIVX]+", mark) and not (top == "alpha" and len(mark) == 1):
        return "roman" if mark.lower() != "i" or top != "alpha" else "alpha"
    return "alpha"


def _follows(previous: str | None, mark: str) -> bool:
    """Whether `mark` can follow `previous` in one list: 3 after 2, "c" after "b", "1.2" after "1.1"."""
    if previous is None:
        return True
    prev_key, key = _mark_value(previous), _mark_value(mark)
    if prev_key is None or key is None:
        return True
    return 0 < key - prev_key <= 2 or (key == prev_key and mark != previous)


#: "2", "1.1", "12.03"
_DECIMAL_MARK = re.compile(r"\d{1,2}(?:\.\d{1,2})?")


def _mark_value(mark: str) -> float | None:
    if _DECIMAL_MARK.fullmatch(mark):
        major, _, minor = mark.partition(".")
        return int(major) + (int(minor) / 100 if minor else 0)
    if len(mark) == 1 and mark.isalpha():
        return float(ord(mark.lower()) - ord("a") + 1)
    return None


REPORTING_VERB = re.compile(r"\b(?:is|are|be|was|were|has|have|had|will|would|shall|should|approved?|agreed?|noted?|"
                            r"recommends?|resolved?|requests?|asks?|endorsed?|delegates?)\b", re.I)


def _title_only(text: str) -> bool:
    """"Residents Parking" heads lettered decisions; "That scrutiny ... be given to" leads into its
    sub-points and stays one resolution with them."""
    words = text.split()
    return 0 < len(words) <= 18 and not REPORTING_VERB.search(text) and not text.rstrip().endswith((":", ",", ";")) and not re.search(
        r"\b(?:to|that|and|or|of|the|be|following)$", text.rstrip(" ."), re.I) and not THAT_PART.match(text)


def _extend(group: _Group, line: str) -> None:
    index, text, mark = group.parts[-1]
    group.parts[-1] = (index, f"{text} {line}".strip(), mark)


def _continues(previous: str, line: str) -> bool:
    """A wrapped line: the previous text stops mid-sentence, or this line starts lower case."""
    return bool(line) and (line[0].islower() or not previous.rstrip().endswith((".", ";", ":", "!", "?", '"', "”")))


def _heading_like(block: Block, line: str) -> bool:
    return block.kind == "heading" or (len(line.split()) <= 6 and line.isupper())


def _proposed_block(blocks, lines, i) -> _Group | None:
    """"Proposed by Councillor Collins (M);" / "Seconded by Councillor Teskey;" / "And Resolved:"
    / "That, the draft Minutes ... be adopted." (Limerick)."""
    mover = PROPOSED_LINE.match(lines[i]).group("name")
    j = i + 1
    seconder = None
    if j < len(lines) and SECONDED_LINE.match(lines[j]):
        seconder = SECONDED_LINE.match(lines[j]).group("name")
        j += 1
    if j < len(lines) and rules.leader(lines[j]):
        kind, rest = rules.leader(lines[j])
        group = _with_parts(blocks, lines, j, kind, rest)
    elif j < len(lines) and (THAT_PART.match(lines[j]) or PART.match(lines[j])):
        group = _with_parts(blocks, lines, j - 1, "motion", "")  # "Moved by: ..." / "Seconded by: ..." / "That ..."
    else:
        return None
    group.mover, group.seconder = _strip_title(mover), _strip_title(seconder)
    return group


#: what an item says was put before the meeting, never what it decided: "(m) Circulated, copy of
#: Statutory Notice dated 17th November, 2022, concerning disposal of ..." (Limerick);
#: "Considered report of the Director of Services"; "Submitted, report of ..."
PAPERS_BEFORE = re.compile(r"^(?:\(?[a-z]{1,2}[.)]\s*)?(?:circulated|submitted|considered|tabled)\b[,:]?\s+(?:a\s+|the\s+)?"
                           r"(?:copy|copies|report|letter|statutory|notice|correspondence)\b", re.I)


#: a resolution named by its number, as a title: "Resolution 259-2018: Fee Schedule and Agreement ..."
NAMED_RESOLUTION = re.compile(r"^\s*(?:no\.?\s*|#\s*)?[A-Z]{0,3}\d[\w/-]*\s*[:\-–]\s*\S", re.I)
#: the rest of a motion on the next line: "Seconded by Councilor Ruble. The" / "motion passed 5-0."
MOTION_TAIL = re.compile(r"^(?:seconded\b|(?:the\s+)?motion\s+(?:passed|carried|failed)|it\s+passed|(?-i:[a-z]))", re.I)


def _motion_prose(lines, i) -> _Group | None:
    """Motions written as prose in one paragraph (US and parish minutes), the paragraph possibly
    wrapped onto the next line ("... moved to adopt Resolution 259-2018. Seconded by Councilor
    Ruble. The" / "motion passed 5-0.")."""
    line = lines[i]
    said_moved = may_say(line, "moved", "motioned")  # both MOVED_ regexes need the word: skip them cheaply
    moved = MOVED_PROSE.search(line) if said_moved else None
    wraps = i + 1 < len(lines) and MOTION_TAIL.match(lines[i + 1] or "") and (
        not moved or not moved.group("seconder") or not line.rstrip().endswith("."))
    if moved and wraps and not (moved.group("seconder") and OUTCOME.search(line)):
        joined = f"{line} {lines[i + 1]}"
        if OUTCOME.search(joined) or re.search(r"\bseconded\b", joined, re.I):
            group = _Group(start=i, kind="motion", mover=_strip_title(moved.group("mover")))
            by = re.search(r"\b(?i:seconded\s+by)\s+(?P<name>(?:(?i:councilor|councillor|mayor|commissioner)\s+)?[A-Z][\w'’-]+)",
                           joined)
            again = MOVED_PROSE.search(joined)
            seconder = by.group("name") if by else (again.group("seconder") if again else None)
            group.seconder = _strip_title(seconder)
            group.parts = [(i, re.sub(r"^motion\s*:\s*", "", joined[moved.start():].lstrip(". :"), flags=re.I), None)]
            group.end = i + 2
            return group
    if moved and (moved.group("seconder") or OUTCOME.search(line)):
        group = _Group(start=i, kind="motion", mover=_strip_title(moved.group("mover")),
                       seconder=_strip_title(moved.group("seconder")))
        text = re.sub(r"^motion\s*:\s*", "", line[moved.start():].lstrip(". :"), flags=re.I)
        group.parts = [(i, text, None)]
        group.end = i + 1
        return group
    by = MOVED_BY.search(line) if said_moved else None
    if by and (OUTCOME.search(line[by.end():]) or (by.group("seconder") and re.match(r"[,;]?\s+that\b", line[by.end():], re.I))):
        group = _Group(start=i, kind="motion", mover=_strip_title(by.group("mover")),
                       seconder=_strip_title(by.group("seconder")))
        group.parts = [(i, line, None)]
        group.end = i + 1
        return group
    proposed = PROPOSED_AND_SECONDED.search(line) if "proposed" in line else None
    if proposed:
        group = _Group(start=i, kind="motion", mover=proposed.group("mover"), seconder=proposed.group("seconder"))
        group.parts = [(i, line, None)]
        group.end = i + 1
        return group
    result = RESULT_LINE.match(line)
    if result and i > 0:
        back = next((k for k in range(i - 1, max(-1, i - 6), -1) if lines[k] and not _is_vote_line(lines[k])), None)
        if back is None:
            return None
        group = _Group(start=back, kind="motion")
        group.parts = [(back, lines[back], None)]
        group.end = i  # the RESULT / MOVER / AYES lines are read by `_closing`
        return group
    return None


def _is_vote_line(line: str) -> bool:
    return bool(VOTE_LIST.match(line) or MOVER_LINE.match(line) or SECONDER_LINE.match(line) or RESULT_LINE.match(line))


@functools.lru_cache(maxsize=4096)
def _strip_title(name: str | None) -> str | None:
    """"Councillor Collins (M)" -> "Collins (M)"; "Jane Smith, Alderman" -> "Jane Smith".

    Cached: a document names the same few movers, seconders and voters again and again (150
    names, 17 distinct, on the benchmark documents), and each costs a spaCy tokenisation."""
    if not name:
        return None
    name = re.sub(r",\s*(?:alderman|alderwoman|trustee|councilmember|council\s+member|district\s+\d+|ward\s+\d+|"
                  r"mayor|vice\s+mayor|chair\w*|commissioner|member)\b.*$", "", name.strip(), flags=re.I)
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name.strip()) if not re.search(r"\([A-Z]\)$", name) else name.strip()
    return rules.split_title(name)[1].strip(" ;,.") or None


def _opens_next(blocks, lines, k) -> bool:
    """Whether line `k` starts something new: a leader, a mover/seconder line, an item or a heading."""
    line = lines[k]
    return bool(blocks[k].kind == "heading" or rules.leader(line) or NZ_MOVER.match(line) or PROPOSED_LINE.match(line)
                or segment.item_candidate(blocks[k], line) or _narrative_leader(line)
                or segment.NUMBER_ONLY.match(line) or (may_say(line, "moved", "motioned") and MOVED_PROSE.search(line)))


def _closing(blocks, lines, group: _Group) -> tuple[str | None, dict, list[tuple[str, str]]]:
    """Outcome, vote counts and named votes from the group's own text and the lines just after it."""
    outcome, counts, votes = None, {}, []
    texts = [text for _, text, _ in group.parts] if group.kind == "motion" else list(group.motion_text)
    texts += [text for _, text, _ in group.parts if group.kind != "motion" and re.search(
        r"\b(?:carried|lost|defeated)(?:\s+unanimously)?\.?$", text, re.I)]  # "That ... be received. Carried."
    tail = []
    for k in range(group.end, min(len(lines), group.end + 14)):
        line = lines[k]
        if not line:
            continue
        if _opens_next(blocks, lines, k):
            break
        if _is_vote_line(line) or _search(COUNTS_UK, line) or _search(COUNTS_DASH, line):
            tail.append(line)
        elif _search(OUTCOME, line) and len(line.split()) <= 12:
            tail.append(line)
            break  # "The Motion was CARRIED" closes the motion
        # other lines (a figure caption, "With the reasons for this decision being ...") are skipped
    for line in texts + tail:
        result = RESULT_LINE.match(line)
        if result:
            outcome = _outcome_word(result.group("value")) or outcome
        elif MOVER_LINE.match(line):
            group.mover = group.mover or _strip_title(MOVER_LINE.match(line).group("name"))
        elif SECONDER_LINE.match(line):
            group.seconder = group.seconder or _strip_title(SECONDER_LINE.match(line).group("name"))
        elif VOTE_LIST.match(line):
            m = VOTE_LIST.match(line)
            label = m.group("label").lower()
            vote = _VOTE_OF.get(label, "abstain" if label.startswith("abstain") else "for")
            for name in re.split(r"\s*(?:[,;]|\band\b)\s*", m.group("names")):
                name = _strip_title(name)
                if name and not re.fullmatch(r"(?:none|nil|n/a|\d+)", name, re.I):
                    votes.append((name, vote))
        word = _search(OUTCOME, line)
        if word and not result:
            outcome = outcome or _outcome_word(word.group("word"))
        for pattern in (COUNTS_UK, COUNTS_DASH, COUNTS_LABELLED):
            m = _search(pattern, line)
            if m and not counts:
                counts = {k: _count(v) for k, v in m.groupdict().items()}
    if votes and not counts:
        counts = {"for": sum(v == "for" for _, v in votes), "against": sum(v == "against" for _, v in votes),
                  "abstain": sum(v == "abstain" for _, v in votes)}
    return outcome, counts, votes


#: the words (one at least) that each outcome and count pattern needs
_NEEDED_WORDS = {
    OUTCOME: ("carried", "lost", "defeated", "passed", "failed", "adopted", "approved", "fell"),
    COUNTS_UK: ("against",),
    COUNTS_DASH: ("passed", "carried", "failed", "lost", "adopted", "approved"),
    COUNTS_LABELLED: ("against",),
}


def _search(pattern: re.Pattern, line: str) -> re.Match | None:
    """pattern.search(line) for a pattern of _NEEDED_WORDS, skipped when none of its words can be
    in the line (`may_say`): led by \\b or a digit, these regexes are tried at every character of
    each paragraph a motion closes."""
    return pattern.search(line) if may_say(line, *_NEEDED_WORDS[pattern]) else None


#: an outcome as printed after "RESULT:" or in a motion, lower-cased: "defeated", "carried unanimously"
_LOST = re.compile(r"\b(?:lost|defeated|failed|fell|rejected)\b")
_CARRIED = re.compile(r"\b(?:carried|passed|adopted|approved|agreed)\b")


def _outcome_word(text: str) -> str | None:
    text = text.lower()
    if _LOST.search(text):
        return "lost"
    if _CARRIED.search(text):
        return "carried"
    return None


def _count(value: str | None) -> int | None:
    if value is None:
        return None
    return 0 if value.lower() in ("none", "no") else int(value)


def _apply_counts(res: Resolution, counts: dict) -> None:
    res.votes_for, res.votes_against, res.votes_abstain = counts.get("for"), counts.get("against"), counts.get("abstain")


def resolution_groups(blocks: list[Block]) -> list[_Group]:
    """The resolution groups of a document: found once, read by both `find_resolutions` and
    `find_actions` (a block inside a resolution is not also an action)."""
    return _groups(blocks, [segment.block_line(b) for b in blocks])


def resolution_blocks(groups: list[_Group]) -> set[int]:
    """Indexes of every block that is part of a resolution group (leaders included)."""
    covered = set()
    for group in groups:
        covered.update(range(group.start, max(group.end, group.start + 1)))
    return covered


# ---------------------------------------------------------------------------------------------
# Actions

#: "ACTION: Chair suggested sharing responses ..."; "Action point - Clerk to ..."; "ACTIONS:"
ACTION_MARK = re.compile(r"^(?:\*\*)?actions?(?:\s+points?)?(?:\s*\((?P<owner>[^)]+)\))?\s*[:\-–—]\s*(?P<text>.+)$", re.I)
#: "Clerk to raise with Highways"; "Officers to report back on costs"; "HD/RL to amalgamate maps"
IMPERATIVE = re.compile(
    r"^(?P<owner>(?:the\s+)?(?:clerk|officers?|chair(?:man|person)?|vice[\s-]chair|mayor|council|committee|"
    r"(?-i:[A-Z]{2,3}(?:\s*(?:/|&|and)\s*[A-Z]{2,3})*)|(?:cllrs?|councillors?)\.?\s+[A-Z][\w'’-]+|"
    r"(?:head|director|manager|leader)\s+of\s+(?-i:(?:[A-Z][\w&]*|and|of|the)(?:\s+(?:[A-Z][\w&]*|and|of|the)){0,5})))"
    r"\s+to\s+(?P<verb>report|circulate|write|raise|provide|"
    r"arrange|contact|investigate|check|send|share|obtain|liaise|seek|prepare|draft|bring|update|chase|follow|look|"
    r"organise|organize|ask|speak|email|review|find|request|confirm|clarify|put|add|order|get|book|inform|notify|"
    r"amalgamate|circulate|respond|reply|meet|discuss|source|investigate|obtain|produce|set\s+up|pursue|progress)\b",
    re.I)
#: "Officers / The Director / The CM C&F / Mr. Hughes ..." before what they did: the owner of a promise
OWNER = re.compile(r"^(?:the\s+)?(?P<owner>[A-Z][\w&'’. -]{1,60}?)\s+(?:explained|stated|confirmed|agreed|said|advised|"
                   r"undertook|gave|did|would|will|was|were|noted|suggested|offered|indicated|responded|replied|"
                   r"promised|acknowledged|added)\b")
#: "by 31 March 2025", "by the next meeting", "at the next meeting", "within six months"
DUE = re.compile(r"\b(?:by|before|at|for)\s+(?:the\s+)?(?P<due>next\s+(?:scheduled\s+)?(?:meeting|committee|scrutiny\s+committee)"
                 r"|end\s+of\s+\w+(?:\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}|\w+\s+\d{4})|\bwithin\s+(?P<within>\w+\s+"
                 r"(?:days|weeks|months))", re.I)
#: a sentence's end and the space after it, but not after "Mr." or "e.g.". Led by a character class,
#: the regex engine skips to the next "." "!" or "?" instead of trying the abbreviation
#: look-behinds at every character (`_sentences` gives the stop back to its sentence)
_SENTENCE_END = re.compile(r"[.!?](?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bCllr\.)(?<!\bSt\.)(?<!\bNo\.)"
                           r"(?<!\be\.g\.)(?<!\bi\.e\.)\s+(?=[A-Z\"“‘(])")


def _sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each with its full stop: "The report was noted. Mr. Smith
    asked ..." -> ["The report was noted.", "Mr. Smith asked ..."]; [text] itself when there is no
    break (a third faster than splitting at a look-behind regex)."""
    parts, last = [], 0
    for m in _SENTENCE_END.finditer(text):
        parts.append(text[last:m.start() + 1])
        last = m.end()
    if not parts:
        return [text]
    parts.append(text[last:])
    return parts


_ACTION_HEADER = re.compile(r"\baction", re.I)
_OWNER_HEADER = re.compile(r"\b(?:owner|by\s+whom|responsible|who|lead|officer)\b", re.I)
_STATUS_HEADER = re.compile(r"\b(?:update|status|progress|outcome|done)\b", re.I)
_DUE_HEADER = re.compile(r"\b(?:due|deadline|by\s+when|date|timescale|target)\b", re.I)
#: a space between capitals, from PDF letter spacing: "OW NER" -> "OWNER"
_LETTER_SPACING = re.compile(r"(?<=[A-Z]) (?=[A-Z])")


def find_actions(blocks: list[Block], doc_id: str, groups: list[_Group] | None = None) -> list[Found]:
    """Every action in reading order: markers, imperatives, table rows and prose promises.
    `groups` is `resolution_groups(blocks)` when the caller has it already."""
    covered = resolution_blocks(resolution_groups(blocks) if groups is None else groups)
    found: list[Found] = []

    def add(index, text, owner=None, due=None, status="open"):
        text = text.strip()
        if not text or any(f.record.text == text for f in found):
            return
        seq = len(found) + 1
        found.append(Found(index=index, record=Action(id=f"{doc_id[:16]}-a{seq}", document_id=doc_id, seq=seq,
                                                      text=text, owner=owner, due=due or _due(text), status=status,
                                                      page=blocks[index].page)))

    table_cols: dict[int, tuple[int, int | None, int | None]] = {}
    rows = {i for i, b in enumerate(blocks) if b.kind == "row" and b.cells}
    for i in sorted(rows):
        _table_action(blocks[i], i, table_cols, add)
    for i, line in paragraphs(blocks):
        if i in rows or i in covered:
            continue
        marked = ACTION_MARK.match(line)
        if marked:
            text = marked.group("text")
            imperative = IMPERATIVE.match(text)
            add(i, text, owner=marked.group("owner") or (imperative.group("owner") if imperative else _owner(text)))
            continue
        imperative = IMPERATIVE.match(line)
        if imperative and len(line.split()) <= 60:
            add(i, line, owner=imperative.group("owner"))
            continue
        for sentence in _sentences(line):
            if sentence is not line and ":" in sentence:  # the label's colon: no colon, nothing to strip
                sentence = _SENTENCE_LABEL.sub("", sentence)
            imperative = IMPERATIVE.match(sentence.strip())
            if imperative:  # "... were reported. Clerk to report to Highways."
                add(i, sentence.strip(), owner=imperative.group("owner"))
                continue
            if sentence.rstrip().endswith("?") or not rules.promises(sentence) or NOT_A_PROMISE.search(sentence):
                continue
            add(i, sentence, owner=_owner(sentence))
    found.sort(key=lambda f: f.index)
    for seq, f in enumerate(found, start=1):
        f.record.seq, f.record.id = seq, f"{doc_id[:16]}-a{seq}"
    return found


#: "Highways: " opening a sentence of a paragraph
_SENTENCE_LABEL = re.compile(r"^[^:]{1,60}:\s+(?=\S)")

#: sentences with a promise's words that promise nothing:
NOT_A_PROMISE = re.compile(
    # a rule described: "it also provided that if, in exceptional circumstances, the Mayor was unable to
    # attend, then written responses would be provided" (WECA: what the protocol says, not a commitment)
    r"\b(?:provid(?:es|ed)|stat(?:es|ed)|requir(?:es|ed)|allow(?:s|ed)|says|said)\s+that\s+(?:if|where|when|in\s+the\s+event)\b|"
    # a chance, not an undertaking: "it will give us an opportunity to review the existing website" (Souldern)
    r"\b(?:give|gives|provide|provides|offer|offers)\s+(?:us|them|you|members|residents|the\s+\w+)\s+(?:an?|the)\s+"
    r"(?:opportunity|chance)\b", re.I)


def _table_action(block: Block, i: int, table_cols: dict, add) -> None:
    """ACTION / OWNER / DUE tables: the header row says which column is which."""
    cells = [one_line(c) for c in block.cells]
    action_col = next((n for n, c in enumerate(cells) if _ACTION_HEADER.search(c) and len(c.split()) <= 3), None)
    if action_col is not None:  # maybe a header: only then are its cells unspaced (1,473 bench cells are not)
        heads = [_LETTER_SPACING.sub("", c) for c in cells]
        if block.header or any(_OWNER_HEADER.search(c) for c in heads):
            owner_col = next((n for n, c in enumerate(heads) if n != action_col and _OWNER_HEADER.search(c)), None)
            due_col = next((n for n, c in enumerate(heads) if n != action_col and _DUE_HEADER.search(c)), None)
            status_col = next((n for n, c in enumerate(heads) if n != action_col and _STATUS_HEADER.search(c)), None)
            table_cols[block.table] = (action_col, owner_col, due_col, status_col)
            return
    cols = table_cols.get(block.table)
    if not cols:
        return
    action_col, owner_col, due_col, status_col = cols
    text = cells[action_col] if action_col < len(cells) else ""
    if len(text.split()) < 2:
        return
    owner = cells[owner_col] if owner_col is not None and owner_col < len(cells) else None
    due = cells[due_col] if due_col is not None and due_col < len(cells) else None
    update = cells[status_col] if status_col is not None and status_col < len(cells) else ""
    status = "closed" if re.search(r"\b(?:completed?|done|closed|actioned)\b", update, re.I) else "open"
    add(i, text, owner=owner or None, due=due or None, status=status)


def _owner(sentence: str) -> str | None:
    """Who promised: "The Director for Children and Young People ... would" -> that title."""
    text = re.sub(r"^[-•*\s]+", "", sentence)
    m = OWNER.match(text)
    if not m:
        return None
    owner = re.split(r"\s+(?:outlined|introduced|presented|reported|highlighted|said|and\s+(?=[a-z]))", m.group("owner"))[0].strip()
    if len(owner.split()) > 9 or owner.lower() in ("it", "there", "this", "they", "he", "she", "we", "i"):
        return None
    return owner


def _due(text: str) -> str | None:
    m = DUE.search(text)
    if not m:
        return None
    if m.group("within"):
        return f"within {m.group('within')}"
    value = m.group("due")
    return dates.parse_date(value) or value

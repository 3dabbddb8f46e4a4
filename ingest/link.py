"""The linking pass: resolve printed names to people and questions to threads, archive-wide.

`link_archive(db)` runs after every `ingest` / `rebuild` (and as `minutes-archive link`). It
recomputes everything from the extracted rows in one transaction, so it is safe to rerun and
gives the same ids every time (a person's id comes from the normalised name + council; a
thread's id is the id of its earliest question). It only writes rows whose link changed.

People: every name printed in questions, responses, attendance, resolutions (mover/seconder),
actions (owner), meetings (chair) and votes becomes a `person_mentions` row saying which person
it is and how that was decided (see extract.people). fixtures/people.yml corrections and aliases
are applied before any automatic matching.

Threads: a supplementary joins its parent's thread; a question that says it follows up the
asker's earlier question ("Further to my question of 3 March ...") joins that question; and a
question that repeats an earlier one (same council, a later meeting, same asker or not) joins it
when the signals agree: they share enough rare words (IDF mass, and most of the shorter one's),
and the texts are close (rapidfuzz token_set_ratio), so short generic questions ("What is the
budget?") do not all merge; the same asker lowers the bar a little. Candidates come from rare-token blocking (each question's k rarest words, posting lists
capped), which keeps the work near-linear: see benchmarks/bench_threads.py for 1,000,000 questions.
"""
from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy as np
from rapidfuzz import fuzz

from extract.people import Match, Mention, Resolver, has_role_word, set_nicknames

log = logging.getLogger("minutes_archive")

DEFAULT_PEOPLE_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "people.yml"


class LinkError(Exception):
    """A people file that cannot be used; str() is "<file>: <reason>"."""


@dataclass
class LinkSummary:
    people: int = 0
    mentions: int = 0
    unlinked: int = 0
    threads: int = 0
    threaded_questions: int = 0

    def line(self) -> str:
        return (f"{self.people} people from {self.mentions} mentions ({self.unlinked} left unlinked), "
                f"{self.threads} threads covering {self.threaded_questions} questions")


# --------------------------------------------------------------------------- people.yml

def load_people_file(path) -> dict:
    """Read fixtures/people.yml: corrections, people (name + aliases, optional council), places,
    nicknames. A missing default file is fine (no corrections); a broken file is an error."""
    import yaml

    if path is None:
        path = DEFAULT_PEOPLE_FILE
        if not path.exists():
            return {}
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise LinkError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise LinkError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise LinkError(f"{path}: expected a mapping with corrections / people / places / nicknames")
    for entry in data.get("people") or []:
        if not isinstance(entry, dict) or not entry.get("name"):
            raise LinkError(f"{path}: every entry under people: needs a name ({entry!r})")
    return data


def _council_config(config: dict, council: str) -> tuple[dict, dict]:
    """Aliases and corrections that apply to one council (entries without a council apply to all)."""
    def applies(entry):
        wanted = entry.get("council")
        return not wanted or (council or "").strip().lower() == str(wanted).strip().lower()
    aliases = {e["name"]: list(e.get("aliases") or []) for e in config.get("people") or [] if applies(e)}
    return aliases, dict(config.get("corrections") or {})


# --------------------------------------------------------------------------- mentions

def _bare_name_mentions(table: str, column: str, hint: str) -> str:
    """The mention query for a column holding only a name (a mover, a seconder, an action owner)
    on a table whose rows carry document_id and meeting_id."""
    return f"""
        select t.id, t.{column}, null, null, null, null, null, t.document_id, coalesce(m.council, d.council),
               m.date, '{hint}'
        from {table} t join documents d on d.id = t.document_id
        left join meetings m on m.id = coalesce(t.meeting_id, d.meeting_id) where t.{column} is not null"""


#: (table, column, SQL) for every column that holds a person's name. Each query yields
#: row_id, raw, name, title, location, note, position, document_id, council, date, hint.
MENTION_SOURCES = [
    ("questions", "questioner", """
        select q.id, coalesce(q.questioner_raw, q.questioner), q.questioner, q.questioner_title,
               q.questioner_location, null, null, q.document_id, coalesce(m.council, d.council), m.date,
               case q.kind when 'member' then 'councillor' when 'public' then 'public' end
        from questions q join documents d on d.id = q.document_id
        left join meetings m on m.id = coalesce(q.meeting_id, d.meeting_id)
        where coalesce(q.questioner_raw, q.questioner) is not null"""),
    ("responses", "responder", """
        select r.id, r.responder, null, null, null, null, null, r.document_id, coalesce(m.council, d.council),
               m.date, null
        from responses r join documents d on d.id = r.document_id
        left join questions q on q.id = r.question_id
        left join meetings m on m.id = coalesce(q.meeting_id, d.meeting_id)
        where r.responder is not null"""),
    ("attendance", "name", """
        select a.rowid, coalesce(a.raw, a.name), a.name, a.title, null, a.note, a.position, a.document_id,
               coalesce(m.council, d.council), m.date,
               case when a.role = 'in_attendance' then 'officer' else 'member' end
        from attendance a join documents d on d.id = a.document_id
        left join meetings m on m.id = a.meeting_id"""),
    *[(table, column, _bare_name_mentions(table, column, hint)) for table, column, hint in (
        ("resolutions", "mover", "councillor"), ("resolutions", "seconder", "councillor"),
        ("actions", "owner", "officer"))],
    ("meetings", "chair", """
        select m.id, m.chair, null, null, null, null, 'chair', m.document_id, m.council, m.date, 'councillor'
        from meetings m where m.chair is not null and m.document_id in (select id from documents)"""),
    ("votes", "name", """
        select v.rowid, v.name, null, null, null, null, null, v.document_id, coalesce(m.council, d.council), m.date,
               'councillor'
        from votes v join documents d on d.id = v.document_id
        join resolutions r on r.id = v.resolution_id
        left join meetings m on m.id = coalesce(r.meeting_id, d.meeting_id)"""),
]


def gather_mentions(db) -> dict[str, list[Mention]]:
    """Every printed name in the archive, grouped by council ("" when no council is known)."""
    by_council: dict[str, list[Mention]] = defaultdict(list)
    for table, column, sql in MENTION_SOURCES:
        for row_id, raw, name, title, location, note, position, doc, council, date, hint in db.execute(sql).fetchall():
            if not (raw or name):
                continue
            by_council[council or ""].append(Mention(
                table=table, row_id=str(row_id), column=column, raw=raw or name, name=name, title=title,
                location=location, note=note, position=position, document_id=doc, date=date, hint=hint))
    return by_council


def known_places(db, config: dict) -> set:
    """Places printed after names: every questioner_location in the archive plus people.yml
    `places`, so "Ms. Hannah Currie Hereford" loses "Hereford" even where no comma separates it."""
    rows = db.execute("select distinct questioner_location from questions where questioner_location is not null")
    return {r[0] for r in rows.fetchall()} | set(config.get("places") or [])


def _person_role(matches: list[Match], person) -> Optional[str]:
    """councillor > officer > public, from titles and from where the name was printed; a name in
    a meeting's present / apologies list with no title ("Councillors: Clare Davies, ...") counts
    as a councillor only when nothing else is known."""
    hints = {m.mention.hint for m in matches}
    if person.councillor or "councillor" in hints:
        return "councillor"
    if "officer" in hints or any(m.mention.parts.role for m in matches):
        return "officer"
    if "public" in hints:
        return "public"
    return "councillor" if "member" in hints else None


def _roles_for(match: Match, council: str) -> list[tuple]:
    """Offices the document states for this mention: "(Corporate Director ...)", "(chairperson)"."""
    m, parts = match.mention, match.mention.parts
    stated = [parts.role, parts.position or m.position]
    if m.note and has_role_word(m.note):
        stated.append(m.note.strip("() "))
    source = f"{m.table}.{m.column}:{m.row_id}"
    return [(match.person_id, role, council or None, m.date, m.document_id, source)
            for role in dict.fromkeys(r for r in stated if r)]


def link_people(db, config: dict, summary: LinkSummary) -> None:
    set_nicknames(config.get("nicknames") or {})
    places = known_places(db, config)
    people_rows, alias_rows, mention_rows, role_rows = {}, {}, [], set()
    for council, mentions in sorted(gather_mentions(db).items()):
        aliases, corrections = _council_config(config, council)
        resolver = Resolver(council, aliases=aliases, corrections=corrections)
        matches = resolver.resolve(mentions, places)
        by_person = defaultdict(list)
        for match in matches:
            m = match.mention
            mention_rows.append((m.document_id, m.table, m.row_id, m.column, m.raw, match.person_id,
                                 "ambiguous" if match.person_id is None else match.method, match.score,
                                 council or None, m.date))
            if match.person_id:
                by_person[match.person_id].append(match)
                role_rows.update(_roles_for(match, council))
            else:
                log.info("unlinked name %r in %s.%s %s (%s)", m.raw, m.table, m.column, m.row_id, match.method)
        for pid, person in resolver.people.items():
            found = by_person.get(pid, [])
            if not found and not person.pinned:
                continue
            locations = Counter(m.mention.parts.location for m in found if m.mention.parts.location)
            people_rows[pid] = (pid, person.name, _person_role(found, person),
                                locations.most_common(1)[0][0] if locations else None)
            alias_rows.update(((pid, a), "archive") for a in person.aliases)
            alias_rows.update(((pid, a), "people.yml") for a in person.listed_aliases if a)
    _write_people(db, people_rows, alias_rows, mention_rows, role_rows)
    summary.people = len(people_rows)
    summary.mentions = len(mention_rows)
    summary.unlinked = sum(1 for r in mention_rows if r[5] is None)


def _write_people(db, people_rows, alias_rows, mention_rows, role_rows) -> None:
    conn = db.conn
    for table in ("person_mentions", "person_roles", "person_aliases"):
        conn.execute(f"delete from {table}")
    current = {r[0]: r for r in conn.execute("select id, name, role, location from people").fetchall()}
    gone = [(pid,) for pid in current if pid not in people_rows]
    conn.executemany("delete from people where id = ?", gone)
    conn.executemany("insert or replace into people (id, name, role, location) values (?, ?, ?, ?)",
                     [row for pid, row in sorted(people_rows.items()) if current.get(pid) != row])
    conn.executemany("insert or ignore into person_aliases (person_id, alias, source) values (?, ?, ?)",
                     sorted((pid, alias, source) for (pid, alias), source in alias_rows.items()))
    conn.executemany(
        "insert into person_mentions (document_id, table_name, row_id, column_name, raw, person_id, method,"
        " score, council, date) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", mention_rows)
    conn.executemany("insert into person_roles (person_id, role, council, date, document_id, source)"
                     " values (?, ?, ?, ?, ?, ?)", sorted(role_rows, key=lambda r: tuple(str(x) for x in r)))
    _write_back(db, mention_rows)


#: Where a resolved person id is stored on the row that printed the name.
WRITE_BACK = {("questions", "questioner"): ("questions", "questioner_id", "id"),
              ("responses", "responder"): ("responses", "responder_id", "id"),
              ("attendance", "name"): ("attendance", "person_id", "rowid")}


def _write_back(db, mention_rows) -> None:
    wanted = defaultdict(dict)
    for _doc, table, row_id, column, _raw, pid, *_ in mention_rows:
        if (table, column) in WRITE_BACK:
            wanted[(table, column)][row_id] = pid
    for (table, column), (target, id_column, key) in WRITE_BACK.items():
        rows = db.conn.execute(f"select {key}, {id_column} from {target}").fetchall()
        mapping = wanted.get((table, column), {})
        changes = [(mapping.get(str(k)), k) for k, current in rows if mapping.get(str(k)) != current]
        db.conn.executemany(f"update {target} set {id_column} = ? where {key} = ?", changes)


# --------------------------------------------------------------------------- threads

@dataclass
class Q:
    """What thread linking needs to know about a question."""

    id: str
    text: str
    council: str = ""
    date: Optional[str] = None
    asker: Optional[str] = None  # questioner_id
    meeting: Optional[str] = None  # meeting id (or document id when the meeting is unknown)
    parent_id: Optional[str] = None
    document: str = ""  # with seq, orders questions of one meeting as printed
    seq: int = 0


@dataclass
class Link:
    question_id: str
    linked_to: str
    method: str  # supplementary / explicit / similar
    score: Optional[float] = None


@dataclass
class ThreadParams:
    """Thresholds for re-ask links. A link needs shared rare words *and* a close text."""

    k: int = 6  # signature: each question's k rarest words
    min_shared: int = 2  # signature words two questions must share to be compared at all
    max_posting: int = 200  # a word in more questions than this is not rare enough to block on
    min_info: float = 12.0  # IDF mass the two must share: "What is the budget?" never reaches it
    contain_cutoff: float = 0.5  # shared IDF mass / the smaller question's IDF mass
    text_cutoff: float = 70.0  # rapidfuzz token_set_ratio of the content words
    same_asker_relief: float = 0.1  # the same asker is a second signal: thresholds drop by 10%


#: Words that carry no topic. Kept short on purpose: rarity (IDF) does the rest.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers him his how i if in into is it its itself just me more most my no
nor not now of off on once only or other our ours out over own please same she should so some such
than that the their theirs them then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours
""".split())

IDF_FLOOR_N = 1000

WORD_RE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def _normalise_word(w: str) -> str:
    """"potholes" -> "pothole"; a stopword or a single letter -> "" (dropped)."""
    w = w.replace("’", "'").split("'")[0]
    if w in STOPWORDS or len(w) < 2:
        return ""
    if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


class _WordCache(dict):
    """word as written -> normalised word, computed once per distinct word (a million questions
    hold a few hundred thousand distinct words, but tens of millions of words)."""

    def __missing__(self, word):
        value = self[word] = _normalise_word(word)
        return value


_WORDS = _WordCache()
TAG_RE = re.compile(r"<[^>]+>")


def content_words(text: str) -> list[str]:
    """Lower-cased words without markup, stopwords or plural -s: "<p>The Potholes</p>" -> ["pothole"]."""
    text = (text or "").lower()
    if "<" in text:
        text = TAG_RE.sub(" ", text)
    return [w for w in map(_WORDS.__getitem__, WORD_RE.findall(text)) if w]


class Vocabulary(dict):
    """Normalised word -> integer id, assigned on first sight; `words` maps ids back."""

    def __init__(self):
        super().__init__()
        self.words: list[str] = []

    def __missing__(self, word):
        self.words.append(word)
        value = self[word] = len(self.words) - 1
        return value

    def ids(self, text: str) -> np.ndarray:
        """The distinct word ids of a question, sorted."""
        words = content_words(text)
        return np.unique(np.fromiter(map(self.__getitem__, words), dtype=np.int64, count=len(words)))

    def text(self, ids: np.ndarray) -> str:
        return " ".join(self.words[i] for i in ids.tolist())


#: Explicit follow-ups, e.g. "Further to my question of 3 March 2020", "As a follow-up to my
#: previous question", "I asked at the last meeting", "my earlier question to the Cabinet Member".
FOLLOW_UP_RES = [
    re.compile(r"\b(?:further|following(?:\s+up)?|with\s+reference|in\s+relation)\s+(?:to|on)\s+my\s+"
               r"(?:\w+\s+){0,2}questions?\b(?P<rest>.{0,60})", re.I | re.S),
    re.compile(r"\bfollow[- ]?up\s+(?:to|on|of)\s+my\s+(?:\w+\s+){0,2}questions?\b(?P<rest>.{0,60})", re.I | re.S),
    re.compile(r"\bmy\s+(?:previous|earlier|last|original)\s+question\b(?P<rest>.{0,60})", re.I | re.S),
    re.compile(r"\bI\s+(?:asked|raised)\s+(?:this\s+|a\s+question\s+)?(?:at|in)\s+(?:the\s+)?"
               r"(?:last|previous|(?P<month>january|february|march|april|may|june|july|august|september|"
               r"october|november|december))\b(?P<rest>.{0,60})", re.I | re.S),
]
DATE_IN_RE = re.compile(r"\b(\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})")


def follow_up_reference(text: str) -> Optional[dict]:
    """If the question says it follows up the asker's own earlier question, what it says about
    when: {"date": "2020-03-03"} or {"month": "2020-03"} or {} (just "my previous question")."""
    from dateutil import parser as dateparser

    lowered = (text or "").lower()
    if "question" not in lowered and "asked" not in lowered and "raised" not in lowered:
        return None
    for pattern in FOLLOW_UP_RES:
        m = pattern.search(text or "")
        if not m:
            continue
        found = DATE_IN_RE.search(m.group("rest") or "")
        if found:
            try:
                when = dateparser.parse(found.group(1), dayfirst=True, default=None)
            except (ValueError, OverflowError, TypeError):
                when = None
            if when is not None:
                has_day = bool(re.match(r"\d", found.group(1)))
                return {"date": when.strftime("%Y-%m-%d")} if has_day else {"month": when.strftime("%Y-%m")}
        return {}
    return None


def _order(q: Q) -> tuple:
    """Earliest first: by meeting date (undated last), then as printed in the document."""
    return (q.date or "9999-12-31", q.document, q.seq, q.id)


def _explicit_links(questions: list[Q], sets: list[np.ndarray], vocab: "Vocabulary") -> list[Link]:
    by_asker = defaultdict(list)
    for i, q in enumerate(questions):
        if q.asker:
            by_asker[(q.council, q.asker)].append(i)
    links = []
    for i, q in enumerate(questions):
        if not q.asker or q.parent_id:
            continue
        ref = follow_up_reference(q.text)
        if ref is None:
            continue
        earlier = [j for j in by_asker[(q.council, q.asker)]
                   if j != i and _order(questions[j]) < _order(q) and questions[j].meeting != q.meeting]
        if ref.get("date"):
            earlier = [j for j in earlier if questions[j].date == ref["date"]] or earlier
        elif ref.get("month"):
            earlier = [j for j in earlier if (questions[j].date or "").startswith(ref["month"])] or earlier
        if not earlier:
            continue
        text = vocab.text(sets[i])
        scored = [(fuzz.token_set_ratio(text, vocab.text(sets[j])), _order(questions[j]), j) for j in earlier]
        score, _, best = max(scored)
        if score < 30:  # nothing alike: "my previous question" is the most recent one
            best = max(earlier, key=lambda j: _order(questions[j]))
        links.append(Link(q.id, questions[best].id, "explicit", round(score, 1)))
    return links


def _ragged_arange(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenated aranges: starts [0, 10], lengths [2, 3] -> [0, 1, 10, 11, 12]."""
    total = int(lengths.sum())
    if total == 0:
        return np.empty(0, np.int64)
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(starts, lengths) + (np.arange(total) - offsets)


def candidate_pairs(token_ids: list[np.ndarray], n_vocab: int, params: ThreadParams) -> tuple[np.ndarray, np.ndarray]:
    """Rare-token blocking: pairs (i < j) where >= min_shared of one question's k rarest words
    occur in the other, ignoring words too common to tell anything (in > max_posting questions).

    Asymmetric on purpose: a re-ask that repeats only part of a long question shares few of the
    long question's rarest words, but its own rarest words are all in the long one. Vectorised,
    so a million questions cost seconds, not the n²/2 comparisons of all pairs."""
    n = len(token_ids)
    lengths = np.fromiter((len(t) for t in token_ids), dtype=np.int64, count=n)
    empty = (np.empty(0, np.int64), np.empty(0, np.int64))
    if n < 2 or lengths.sum() == 0:
        return empty
    doc = np.repeat(np.arange(n, dtype=np.int64), lengths)
    tok = np.concatenate(token_ids).astype(np.int64)
    df = np.bincount(tok, minlength=n_vocab)
    keep = (df[tok] >= 2) & (df[tok] <= params.max_posting)
    doc, tok = doc[keep], tok[keep]
    # postings of every rare word, grouped by word
    order = np.lexsort((doc, tok))
    post_doc, post_tok = doc[order], tok[order]
    post_start = np.searchsorted(post_tok, np.arange(n_vocab), side="left")
    post_len = np.bincount(post_tok, minlength=n_vocab)
    # each question's signature: its k rarest words
    order = np.lexsort((tok, df[tok], doc))
    doc, tok = doc[order], tok[order]
    rank = np.arange(len(doc)) - np.searchsorted(doc, doc, side="left")
    sig_doc, sig_tok = doc[rank < params.k], tok[rank < params.k]
    # signature word x every question holding it (chunked to bound memory)
    keys = []
    for lo in range(0, len(sig_doc), 2_000_000):
        sd, st = sig_doc[lo:lo + 2_000_000], sig_tok[lo:lo + 2_000_000]
        other = post_doc[_ragged_arange(post_start[st], post_len[st])]
        mine = np.repeat(sd, post_len[st])
        pairs = mine * n + other
        keys.append(pairs[mine != other])
    keys, counts = np.unique(np.concatenate(keys), return_counts=True)
    keys = keys[counts >= params.min_shared]  # directed: i's signature words found in j
    a, b = keys // n, keys % n
    undirected = np.unique(np.minimum(a, b) * n + np.maximum(a, b))
    return undirected // n, undirected % n


def similar_links(questions: list[Q], sets: list[np.ndarray], vocab: Vocabulary, params: ThreadParams) -> list[Link]:
    """Re-asks: for each candidate pair (blocked on rare words), link the later question to the
    earlier when the texts are close and share enough rare words; each question keeps only its
    best earlier match."""
    left, right = candidate_pairs(sets, len(vocab), params)
    if len(left) == 0:
        return []
    df = np.bincount(np.concatenate(sets).astype(np.int64), minlength=len(vocab))
    # A word in 3 of a small archive's 5 questions is not thereby common English: count as if
    # the archive held at least IDF_FLOOR_N questions, so small archives are judged like large ones.
    idf = np.log((max(len(questions), IDF_FLOOR_N) + 1) / (df + 0.5))
    texts: dict[int, str] = {}

    def text(i):
        found = texts.get(i)
        if found is None:
            found = texts[i] = vocab.text(sets[i])
        return found

    lengths = np.fromiter((len(t) for t in sets), dtype=np.int64, count=len(sets))
    flat = np.concatenate(sets)
    mass = np.bincount(np.repeat(np.arange(len(sets)), lengths), weights=idf[flat], minlength=len(sets))
    best: dict[int, tuple] = {}
    for i, j in zip(left.tolist(), right.tolist()):
        a, b = questions[i], questions[j]
        if a.council != b.council or (a.meeting is not None and a.meeting == b.meeting):
            continue
        relief = 1 - params.same_asker_relief if (a.asker and a.asker == b.asker) else 1.0
        info = float(idf[np.intersect1d(sets[i], sets[j], assume_unique=True)].sum())
        if info < params.min_info * relief:
            continue
        containment = info / min(mass[i], mass[j])
        if containment < params.contain_cutoff * relief:
            continue
        score = fuzz.token_set_ratio(text(i), text(j))
        if score < params.text_cutoff * relief:
            continue
        early, late = (i, j) if _order(a) < _order(b) else (j, i)
        rank = (containment + score / 100, -early)
        if late not in best or rank > best[late][0]:
            best[late] = (rank, early, score)
    return [Link(questions[late].id, questions[early].id, "similar", round(score, 1))
            for late, (_, early, score) in sorted(best.items())]


def find_links(questions: list[Q], params: ThreadParams = None) -> list[Link]:
    """All thread links: supplementary -> parent, explicit follow-ups, and similar re-asks."""
    params = params or ThreadParams()
    ids = {q.id for q in questions}
    links = [Link(q.id, q.parent_id, "supplementary") for q in questions if q.parent_id in ids]
    vocab = Vocabulary()
    sets = [vocab.ids(q.text) for q in questions]
    links += _explicit_links(questions, sets, vocab)
    by_council = defaultdict(list)
    for i, q in enumerate(questions):
        if not q.parent_id:  # a supplementary follows its parent's thread
            by_council[q.council].append(i)
    for council, idx in sorted(by_council.items()):
        links += similar_links([questions[i] for i in idx], [sets[i] for i in idx], vocab, params)
    return links


def assign_threads(questions: list[Q], links: list[Link]) -> dict[str, str]:
    """question id -> thread id (the earliest question's id) for questions in a thread of >= 2."""
    parent = {q.id: q.id for q in questions}

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        a, b = root(link.question_id), root(link.linked_to)
        if a != b:
            parent[max(a, b)] = min(a, b)
    order = {q.id: _order(q) for q in questions}
    members = defaultdict(list)
    for q in questions:
        members[root(q.id)].append(q.id)
    out = {}
    for group in members.values():
        if len(group) > 1:
            first = min(group, key=order.__getitem__)
            out.update((qid, first) for qid in group)
    return out


def load_questions(db) -> list[Q]:
    rows = db.execute("""
        select q.id, q.text, coalesce(m.council, d.council, ''), m.date, q.questioner_id,
               coalesce(q.meeting_id, d.meeting_id, q.document_id), q.parent_id, q.document_id, q.seq
        from questions q join documents d on d.id = q.document_id
        left join meetings m on m.id = coalesce(q.meeting_id, d.meeting_id)
        order by q.id""").fetchall()
    return [Q(*row) for row in rows]


def link_threads(db, summary: LinkSummary, params: ThreadParams = None) -> None:
    questions = load_questions(db)
    links = find_links(questions, params)
    thread_of = assign_threads(questions, links)
    conn = db.conn
    current = dict(conn.execute("select id, thread_id from questions").fetchall())
    conn.executemany("update questions set thread_id = ? where id = ?",
                     [(thread_of.get(qid), qid) for qid, tid in current.items() if thread_of.get(qid) != tid])
    conn.execute("delete from thread_links")
    conn.executemany("insert or ignore into thread_links (question_id, linked_to, method, score) values (?, ?, ?, ?)",
                     [(l.question_id, l.linked_to, l.method, l.score) for l in links])  # noqa: E741
    conn.execute("delete from threads")
    conn.execute("""
        insert into threads (id, council, size, askers, first_date, last_date, title)
        select q.thread_id, max(coalesce(m.council, d.council)), count(*), count(distinct q.questioner_id),
               min(m.date), max(m.date),
               (select substr(t.text, 1, 120) from questions t where t.id = q.thread_id)
        from questions q join documents d on d.id = q.document_id
        left join meetings m on m.id = coalesce(q.meeting_id, d.meeting_id)
        where q.thread_id is not null group by q.thread_id""")
    summary.threads = conn.execute("select count(*) from threads").fetchone()[0]
    summary.threaded_questions = len(thread_of)


# --------------------------------------------------------------------------- entry point

def link_archive(db, people_file=None, *, params: ThreadParams = None) -> LinkSummary:
    """Resolve people and threads for the whole archive, in one transaction. `people_file`
    defaults to fixtures/people.yml beside the code (ignored when missing)."""
    config = load_people_file(people_file)
    summary = LinkSummary()
    with db.atomic():
        link_people(db, config, summary)
        link_threads(db, summary, params)
    return summary

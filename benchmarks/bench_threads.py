"""Thread linking at scale: 1,000,000 synthetic questions with planted re-asks.

What it measures, in one run:
  * time of ingest.link's thread linking (find_links + assign_threads: tokenising, rare-token
    blocking, rapidfuzz scoring, union) over N questions;
  * recall and precision of the "same thread" pairs against the planted truth;
  * the naive alternative: rapidfuzz on every pair, timed on a random sample of pairs and
    extrapolated to n(n-1)/2 -- the baseline the speed-up is a ratio against.

Wall time depends on what else the machine runs (other benchmarks, test suites), so CPU time of
this process is reported too, with the load average at the end of the run.

The corpus: words drawn from a Zipf distribution over a 200,000-word vocabulary (long tail, as
real council questions have: street names, acronyms, case names), 40% of each question's words
from one of 5,000 topics (so questions on the same topic share words without being re-asks),
20 councils, 25 years of meetings. 1% are short generic questions ("What is the budget?") asked
over and over by different people: the truth says they are NOT threads. 5% of questions start a
thread that is re-asked 1-3 times, years later, 30% by someone else, each re-ask a paraphrase
(words dropped p=.15, replaced by a synonym p=.12, two adjacent swaps, and 30% only part of the
original); 10% of same-asker re-asks say "Further to my previous question".

Also times `link_archive` (people + threads, reading and writing SQLite) on an archive holding
THREADS_BENCH_DB_N (default 200,000) of the questions (every k-th) with printed names.

N defaults to 1,000,000; set THREADS_BENCH_N (e.g. 50000) for a quick run. Writes
benchmarks/results/threads.json.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from rapidfuzz import fuzz  # noqa: E402

from ingest.link import STOPWORDS, Q, ThreadParams, assign_threads, content_words, find_links  # noqa: E402

SEED = 20261123
VOCAB = 200_000
TOPICS = 5_000
TOPIC_WORDS = 30
COUNCILS = 20
GENERIC_SHARE = 0.01
THREAD_SHARE = 0.05
FRAMES = ["Can the cabinet member tell me", "Will the council explain", "Please can you advise",
          "What is being done about", "Could the leader confirm", "I would like to ask about",
          "How does the council justify", "When will the council address", "", ""]
GENERIC = ["What is the budget?", "When will the report be published?", "How much has this cost?",
           "Who made this decision?", "What is the council doing about it?", "Will the council consult residents?",
           "When will work start?", "How many complaints have been received?", "Is this value for money?",
           "Why was this not done sooner?", "What is the timetable?", "Who is responsible?",
           "Will the cabinet member meet me?", "How will residents be informed?", "What are the next steps?"]


#: The head of the vocabulary: the commonest words of council questions are real words, so the
#: frames and generic questions are made of common words, as in a real archive.
COMMON = ("council cabinet member report budget cost residents work plan service services people "
          "children decision consult complaints money value timetable responsible steps informed "
          "start published leader confirm explain advise justify address ask like tell done sooner "
          "doing received next meet many much road school housing planning year years").split()


def make_vocab(rng: random.Random) -> list[str]:
    """200,000 distinct words: real common council words first, then pronounceable non-words
    (none a stopword, none ending in "s")."""
    cons, vows = "bcdfghjklmnprtvwz", "aeiou"
    words, seen = list(COMMON), set(STOPWORDS) | set(COMMON)
    while len(words) < VOCAB:
        w = "".join(rng.choice(cons) + rng.choice(vows) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def generate(n: int):
    """Questions (ingest.link.Q) and the planted truth: thread label per question (or None)."""
    rng, nrng = random.Random(SEED), np.random.default_rng(SEED)
    vocab = make_vocab(rng)
    zipf = 1.0 / (np.arange(VOCAB) + 10.0)
    zipf /= zipf.sum()
    topics = nrng.choice(np.arange(500, 50_000), size=(TOPICS, TOPIC_WORDS))
    synonym = nrng.permutation(VOCAB)  # a fixed "synonym" for every word
    n_generic = int(n * GENERIC_SHARE)
    n_roots = int(n * THREAD_SHARE)
    reasks = [min(3, int(nrng.geometric(0.6))) for _ in range(n_roots)]
    n_base = n - n_generic - sum(reasks)
    lengths = np.clip(nrng.lognormal(2.9, 0.45, n_base).astype(int), 5, 60)
    flat = nrng.choice(VOCAB, size=int(lengths.sum()), p=zipf)
    topic_of = nrng.integers(0, TOPICS, n_base)
    from_topic = nrng.random(len(flat)) < 0.4
    owner = np.repeat(np.arange(n_base), lengths)
    flat[from_topic] = topics[topic_of[owner[from_topic]], nrng.integers(0, TOPIC_WORDS, int(from_topic.sum()))]
    starts = np.concatenate(([0], np.cumsum(lengths)))
    base_words = [flat[starts[i]:starts[i + 1]].tolist() for i in range(n_base)]

    epoch = dt.date(2000, 1, 1)
    # most askers ask a few questions; 500 regulars ask hundreds each (as real public-question
    # regulars and councillors do)
    askers = np.where(nrng.random(n) < 0.2, nrng.integers(0, 500, n), nrng.integers(500, 200_000, n))
    questions, truth = [], []

    def add(words, council, day, asker, label, prefix=None):
        text = " ".join(vocab[w] for w in words)
        frame = prefix if prefix is not None else rng.choice(FRAMES)
        date = (epoch + dt.timedelta(days=int(day))).isoformat()
        qid = f"q{len(questions):07d}"
        questions.append(Q(qid, f"{frame} {text}?".strip(), f"c{council}", date, f"p{asker}", f"c{council}-{date}"))
        truth.append(label)

    for i, words in enumerate(base_words):
        add(words, rng.randrange(COUNCILS), rng.randrange(0, 9000), askers[i], None)
    for _ in range(n_generic):
        questions.append(Q(f"q{len(questions):07d}", rng.choice(GENERIC), f"c{rng.randrange(COUNCILS)}",
                           (epoch + dt.timedelta(days=rng.randrange(9000))).isoformat(),
                           f"p{rng.randrange(200_000)}", None))
        questions[-1].meeting = f"{questions[-1].council}-{questions[-1].date}"
        truth.append(None)
    roots = rng.sample(range(n_base), n_roots)
    for label, (root, count) in enumerate(zip(roots, reasks)):
        truth[root] = label
        q = questions[root]
        day = (dt.date.fromisoformat(q.date) - epoch).days
        previous = base_words[root]
        for _ in range(count):
            day += rng.randint(60, 1500)
            same = rng.random() < 0.7
            asker = q.asker[1:] if same else rng.randrange(200_000)
            previous = paraphrase(previous, rng, synonym)
            prefix = "Further to my previous question," if same and rng.random() < 0.1 else None
            add(previous, q.council[1:], day, asker, label, prefix)
    return questions, truth


def paraphrase(words: list[int], rng: random.Random, synonym) -> list[int]:
    """Drop words (p=.15), replace with a synonym (p=.12), swap two adjacent pairs, and 30% of
    the time keep only part (60-90%) of the question."""
    out = [int(synonym[w]) if rng.random() < 0.12 else w for w in words if rng.random() >= 0.15] or list(words)
    for _ in range(2):
        if len(out) > 2:
            i = rng.randrange(len(out) - 1)
            out[i], out[i + 1] = out[i + 1], out[i]
    if rng.random() < 0.3 and len(out) > 6:
        keep = max(4, int(len(out) * rng.uniform(0.6, 0.9)))
        start = rng.randrange(len(out) - keep + 1)
        out = out[start:start + keep]
    return out


def pairs_of(groups) -> set:
    out = set()
    for members in groups:
        members = sorted(members)
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                out.add((members[a], members[b]))
    return out


def naive_cost(questions, samples: int = 100_000) -> float:
    """Seconds per pair for the all-pairs baseline: tokenise both, token_set_ratio."""
    rng = random.Random(SEED + 1)
    idx = [(rng.randrange(len(questions)), rng.randrange(len(questions))) for _ in range(samples)]
    texts = {}
    start = time.perf_counter()
    for i, j in idx:
        a = texts.get(i) or texts.setdefault(i, " ".join(content_words(questions[i].text)))
        b = texts.get(j) or texts.setdefault(j, " ".join(content_words(questions[j].text)))
        fuzz.token_set_ratio(a, b)
    return (time.perf_counter() - start) / samples


FIRST = ("Hannah Maggie James Megan David Sarah Clare Dave Toni Liz Robert Ben Tina Simon Rachel Teresa "
         "Melissa Peter Paul Mary John Susan Alan Helen Mark Karen Steve Emma Chris Julie").split()
LAST = ("Currie Steel McGeown Davies Wilcox Fagan Harvey Highfield Proctor Russell Cann Gallagher Fenner "
        "Barrett Reid Coda Whalley Dean Gandy Durkin Matthews Shaw Jones Smith Taylor Brown Evans Price").split()


def db_pass(questions, n_db: int) -> dict:
    """The same linking as `minutes-archive link` runs it: on an archive on disk, names and all.
    Askers get printed names in the styles real packs use ("Ms. Hannah Currie Hereford",
    "Councillor DB Wilcox", "Mr Barrington, Hereford")."""
    import tempfile

    from ingest.link import link_archive
    from schema import open_archive

    rng = random.Random(SEED + 2)
    sample = questions[::max(1, len(questions) // n_db)][:n_db]  # every k-th: re-asks in proportion
    with tempfile.TemporaryDirectory() as tmp:
        db = open_archive(Path(tmp) / "bench.db")
        meetings = sorted({(q.meeting, q.council, q.date) for q in sample})
        conn = db.conn
        with db.atomic():
            conn.executemany("insert into meetings (id, council, body, date) values (?, ?, 'Council', ?)",
                             [(m, c, d) for m, c, d in meetings])
            conn.executemany(
                "insert into documents (id, filename, sha256, size, content_type, council, meeting_id, extractor_version)"
                " values (?, ?, ?, 1, 'text/plain', ?, ?, 'bench')", [(m, f"{m}.txt", m, c, m) for m, c, d in meetings])
            rows = []
            for seq, q in enumerate(sample):
                n = int(q.asker[1:])
                first, last = FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)] + (str(n // 900) if n >= 900 else "")
                style = rng.random()
                raw = (f"Ms. {first} {last} Hereford" if style < 0.3 else f"{first} {last}" if style < 0.7
                       else f"Councillor {first[0]}{'ABC'[n % 3]} {last}")
                rows.append((q.id, q.meeting, seq, q.text, raw))
            conn.executemany("insert into questions (id, document_id, meeting_id, seq, text, kind, questioner_raw)"
                             " values (?, ?, ?, ?, ?, 'public', ?)", [(i, m, m, s, t, r) for i, m, s, t, r in rows])
        t0, c0 = time.perf_counter(), time.process_time()
        summary = link_archive(db)
        elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        db.conn.close()
    return {"questions": len(sample), "seconds": round(elapsed, 1), "cpu_seconds": round(cpu, 1),
            "people": summary.people, "mentions": summary.mentions, "threads": summary.threads}


def main():
    n = int(os.environ.get("THREADS_BENCH_N", "1000000"))
    t0 = time.perf_counter()
    questions, truth = generate(n)
    t_gen = time.perf_counter() - t0
    print(f"generated {len(questions):,} questions in {t_gen:.1f}s", flush=True)

    params = ThreadParams()
    t0, c0 = time.perf_counter(), time.process_time()
    links = find_links(questions, params)
    thread_of = assign_threads(questions, links)
    t_link, c_link = time.perf_counter() - t0, time.process_time() - c0

    true_groups = defaultdict(list)
    for q, label in zip(questions, truth):
        if label is not None:
            true_groups[label].append(q.id)
    found_groups = defaultdict(list)
    for qid, tid in thread_of.items():
        found_groups[tid].append(qid)
    true_pairs, found_pairs = pairs_of(true_groups.values()), pairs_of(found_groups.values())
    hit = len(true_pairs & found_pairs)
    recall = hit / len(true_pairs) if true_pairs else 1.0
    precision = hit / len(found_pairs) if found_pairs else 1.0
    generic_ids = {q.id for q in questions if q.parent_id is None and q.text in GENERIC}
    generic_merged = sum(1 for qid in generic_ids if qid in thread_of)

    c0 = time.process_time()
    per_pair = naive_cost(questions)
    per_pair_cpu = (time.process_time() - c0) / 100_000
    all_pairs = len(questions) * (len(questions) - 1) / 2
    naive_seconds = per_pair * all_pairs
    result = {
        "n_questions": len(questions),
        "planted_threads": len(true_groups),
        "planted_pairs": len(true_pairs),
        "found_threads": len(found_groups),
        "found_pairs": len(found_pairs),
        "recall": round(recall, 4),
        "precision": round(precision, 4),
        "generic_questions": len(generic_ids),
        "generic_questions_threaded": generic_merged,
        "links_by_method": {m: sum(1 for link in links if link.method == m) for m in ("supplementary", "explicit", "similar")},
        "link_seconds": round(t_link, 1),
        "link_cpu_seconds": round(c_link, 1),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "generate_seconds": round(t_gen, 1),
        "naive_seconds_per_pair": per_pair,
        "naive_cpu_seconds_per_pair": per_pair_cpu,
        "naive_all_pairs_estimated_seconds": round(naive_seconds),
        "naive_all_pairs_estimated_hours": round(naive_seconds / 3600, 1),
        "speedup_vs_naive": round(naive_seconds / t_link, 1) if t_link else None,
        "speedup_vs_naive_cpu": round(per_pair_cpu * all_pairs / c_link, 1) if c_link else None,
        "targets": {"seconds": 600, "recall": 0.95, "precision": 0.95},
        "meets_targets": bool(t_link <= 600 and recall >= 0.95 and precision >= 0.95),
        "params": params.__dict__,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "measured_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
    }
    n_db = min(len(questions), int(os.environ.get("THREADS_BENCH_DB_N", "200000")))
    result["archive_link"] = db_pass(questions, n_db)
    print(json.dumps(result, indent=2))
    print(f"threads: {len(questions):,} questions linked in {t_link:.1f}s ({c_link:.1f}s CPU); recall {recall:.3f}, precision "
          f"{precision:.3f}; naive all-pairs ~{naive_seconds / 3600:.1f} h ({result['speedup_vs_naive']}x slower)")
    out = HERE / "results" / "threads.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()

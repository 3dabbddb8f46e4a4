-- The archive's shape, in one place. Applied by schema.open_archive() (idempotent).
-- Every extracted row belongs to a document and cascades away with it, so reloading a
-- document (delete, then insert, in one transaction) never leaves stale rows behind.
-- Meetings and people are shared between documents and are not deleted with any one of them.
-- Full-text indexes (FTS5, porter) and the triggers that keep them follow the tables, at the end.

CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS meetings (
    id TEXT PRIMARY KEY,              -- m-<hash of council, body, date> or <document>-m<n>
    council TEXT,
    body TEXT,                        -- committee or council body, as printed
    date TEXT,                        -- YYYY-MM-DD
    start_time TEXT,                  -- HH:MM (24 h)
    end_time TEXT,
    venue TEXT,
    chair TEXT,                       -- the chair's name without honorifics
    status TEXT,                      -- Confirmed / Cancelled / ...
    document_id TEXT,                 -- the document the metadata was first read from
    page INTEGER
);

CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,              -- sha256 of the bytes
    filename TEXT NOT NULL,           -- the source file's base name
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    path TEXT,                        -- local path it was ingested from
    url TEXT,                         -- URL it was fetched from
    council TEXT,
    title TEXT,
    doc_kind TEXT,                    -- minutes / question_pack / agenda_item_minutes / agenda / other
    meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    page_count INTEGER NOT NULL DEFAULT 0,
    extractor_version TEXT NOT NULL,
    ingested_at TEXT,
    provenance TEXT,                  -- JSON: committee, meeting, item, attachment ids, fetched_at
    superseded_by TEXT                -- a newer version of the same URL (its records replace this one's)
);

CREATE TABLE IF NOT EXISTS pages (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    text TEXT NOT NULL,
    method TEXT NOT NULL,             -- text / ocr / docx / html / xml / plain
    ocr_confidence REAL,
    PRIMARY KEY (document_id, page)
);

CREATE TABLE IF NOT EXISTS attendance (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('present', 'apologies', 'in_attendance', 'absent')),
    raw TEXT,
    title TEXT,
    position TEXT,                    -- chair / vice-chair
    note TEXT,
    page INTEGER,
    person_id TEXT
);

CREATE TABLE IF NOT EXISTS agenda_items (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,
    number TEXT,                      -- as printed: "38", "14/037", "6a"
    meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    text TEXT,
    page INTEGER,
    page_end INTEGER
);

CREATE TABLE IF NOT EXISTS questions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('public', 'member', 'committee')),
    ref TEXT,                         -- as printed: "PQ 1", "Q2"
    is_supplementary INTEGER NOT NULL DEFAULT 0,
    parent_id TEXT REFERENCES questions(id) ON DELETE SET NULL,
    questioner TEXT,                  -- name without title or place
    questioner_raw TEXT,
    questioner_title TEXT,
    questioner_location TEXT,
    questioner_id TEXT,               -- people.id, null when uncertain
    addressed_to TEXT,
    meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    agenda_item_id TEXT REFERENCES agenda_items(id) ON DELETE SET NULL,
    thread_id TEXT,
    page INTEGER,
    page_end INTEGER
);

CREATE TABLE IF NOT EXISTS responses (
    id TEXT PRIMARY KEY,
    question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    responder TEXT,
    responder_id TEXT,
    page INTEGER
);

CREATE TABLE IF NOT EXISTS resolutions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,               -- resolution / recommendation / decision / motion
    part TEXT,                        -- "a", "2", "(iii)"
    meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    agenda_item_id TEXT REFERENCES agenda_items(id) ON DELETE SET NULL,
    outcome TEXT,                     -- carried / lost
    mover TEXT,
    seconder TEXT,
    votes_for INTEGER,
    votes_against INTEGER,
    votes_abstain INTEGER,
    page INTEGER
);

CREATE TABLE IF NOT EXISTS votes (
    resolution_id TEXT NOT NULL REFERENCES resolutions(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('for', 'against', 'abstain', 'absent'))
);

CREATE TABLE IF NOT EXISTS actions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner TEXT,
    due TEXT,
    status TEXT NOT NULL DEFAULT 'open',
    meeting_id TEXT REFERENCES meetings(id) ON DELETE SET NULL,
    agenda_item_id TEXT REFERENCES agenda_items(id) ON DELETE SET NULL,
    page INTEGER
);

CREATE TABLE IF NOT EXISTS people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,               -- the fullest known form
    role TEXT,                        -- councillor / public / officer
    location TEXT
);

CREATE TABLE IF NOT EXISTS ingest_failures (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,               -- file path or URL
    sha256 TEXT,
    council TEXT,
    reason TEXT NOT NULL,
    extractor_version TEXT,
    failed_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS idx_documents_meeting ON documents(meeting_id);
CREATE INDEX IF NOT EXISTS idx_documents_filename ON documents(filename);
CREATE INDEX IF NOT EXISTS idx_attendance_meeting ON attendance(meeting_id);
CREATE INDEX IF NOT EXISTS idx_attendance_document ON attendance(document_id);
CREATE INDEX IF NOT EXISTS idx_agenda_items_document ON agenda_items(document_id);
CREATE INDEX IF NOT EXISTS idx_agenda_items_meeting ON agenda_items(meeting_id);
CREATE INDEX IF NOT EXISTS idx_questions_document ON questions(document_id);
CREATE INDEX IF NOT EXISTS idx_questions_meeting ON questions(meeting_id);
CREATE INDEX IF NOT EXISTS idx_questions_parent ON questions(parent_id);
CREATE INDEX IF NOT EXISTS idx_questions_item ON questions(agenda_item_id);
CREATE INDEX IF NOT EXISTS idx_questions_questioner ON questions(questioner_id);
CREATE INDEX IF NOT EXISTS idx_questions_thread ON questions(thread_id);
CREATE INDEX IF NOT EXISTS idx_responses_question ON responses(question_id);
CREATE INDEX IF NOT EXISTS idx_responses_document ON responses(document_id);
CREATE INDEX IF NOT EXISTS idx_resolutions_document ON resolutions(document_id);
CREATE INDEX IF NOT EXISTS idx_resolutions_meeting ON resolutions(meeting_id);
CREATE INDEX IF NOT EXISTS idx_resolutions_item ON resolutions(agenda_item_id);
CREATE INDEX IF NOT EXISTS idx_votes_resolution ON votes(resolution_id);
CREATE INDEX IF NOT EXISTS idx_votes_document ON votes(document_id);
CREATE INDEX IF NOT EXISTS idx_actions_document ON actions(document_id);
CREATE INDEX IF NOT EXISTS idx_actions_meeting ON actions(meeting_id);
CREATE INDEX IF NOT EXISTS idx_actions_item ON actions(agenda_item_id);

-- Questions with their answers and where to cite them from.
CREATE VIEW IF NOT EXISTS question_answers AS
SELECT q.id AS question_id, q.ref, q.kind, q.is_supplementary, q.questioner, q.questioner_location,
       q.addressed_to, q.text AS question, r.responder, r.text AS response,
       m.council, m.body, m.date, d.filename, d.url, q.page
FROM questions q
LEFT JOIN responses r ON r.question_id = q.id
LEFT JOIN meetings m ON m.id = q.meeting_id
JOIN documents d ON d.id = q.document_id;

-- What officers promised to bring back, oldest first.
CREATE VIEW IF NOT EXISTS promised_reports AS
SELECT a.id AS action_id, a.text, a.owner, a.due, a.status, m.council, m.body, m.date,
       d.filename, d.url, a.page
FROM actions a
LEFT JOIN meetings m ON m.id = a.meeting_id
JOIN documents d ON d.id = a.document_id;

-- publish (issue 7) ------------------------------------------------------------------------
-- Views for the Datasette site (datasette_metadata.yml). Every record can be cited: council,
-- committee, meeting date, document, page and where the document came from (URL, else path).

-- Where each document came from, and the start of its citation.
CREATE VIEW IF NOT EXISTS document_sources AS
SELECT d.id AS document_id, d.meeting_id, coalesce(m.council, d.council) AS council, m.body, m.date,
       d.filename, d.title, d.doc_kind, coalesce(d.url, d.path) AS source, d.content_type,
       ifnull(coalesce(m.council, d.council) || ', ', '') || ifnull(m.body || ', ', '')
         || ifnull(m.date || ', ', '') || d.filename || ifnull(', ' || coalesce(d.url, d.path), '')
         AS citation
FROM documents d
LEFT JOIN meetings m ON m.id = d.meeting_id;

-- One row per citable record (question, response, resolution, action, agenda item), with a
-- ready-to-paste citation and links to the source (PDF page anchor) and the archived page text.
CREATE VIEW IF NOT EXISTS citations AS
WITH records AS (
    SELECT 'question' AS record_type, id AS record_id, document_id, meeting_id, page, text FROM questions
    UNION ALL
    SELECT 'response', r.id, r.document_id, q.meeting_id, r.page, r.text
    FROM responses r JOIN questions q ON q.id = r.question_id
    UNION ALL
    SELECT 'resolution', id, document_id, meeting_id, page, text FROM resolutions
    UNION ALL
    SELECT 'action', id, document_id, meeting_id, page, text FROM actions
    UNION ALL
    SELECT 'agenda_item', id, document_id, meeting_id, page, title FROM agenda_items
)
SELECT x.record_type, x.record_id, x.document_id, coalesce(x.meeting_id, d.meeting_id) AS meeting_id,
       coalesce(m.council, d.council) AS council, m.body, m.date, d.filename AS document, x.page,
       CASE WHEN d.url IS NOT NULL AND x.page IS NOT NULL AND d.content_type = 'application/pdf'
            THEN d.url || '#page=' || x.page ELSE coalesce(d.url, d.path) END AS source,
       CASE WHEN x.page IS NOT NULL THEN '/archive/pages/' || x.document_id || ',' || x.page END AS page_link,
       ifnull(coalesce(m.council, d.council) || ', ', '') || ifnull(m.body || ', ', '')
         || ifnull(m.date || ', ', '') || d.filename || ifnull(', p. ' || x.page, '')
         || ifnull(', ' || coalesce(d.url, d.path), '') AS citation,
       x.text
FROM records x
JOIN documents d ON d.id = x.document_id
LEFT JOIN meetings m ON m.id = coalesce(x.meeting_id, d.meeting_id);

-- people and threads (issue 8)
-- Written by ingest.link.link_archive() after every ingest / rebuild / link: it recomputes people,
-- their aliases, mentions and roles and the question threads for the whole archive, so these rows
-- are derived data (ids are deterministic: a person's id comes from the normalised name + council,
-- a thread's id is the id of its earliest question). Edit fixtures/people.yml, not these tables.

-- Every form of a person's name seen in the archive or given in people.yml.
CREATE TABLE IF NOT EXISTS person_aliases (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,              -- as printed: "Ms. Hannah Currie Hereford", "Cllr Wilcox"
    source TEXT NOT NULL DEFAULT 'archive',  -- archive / people.yml
    PRIMARY KEY (person_id, alias)
);

-- Every place a name is printed, and how (or whether) it was matched to a person.
CREATE TABLE IF NOT EXISTS person_mentions (
    id INTEGER PRIMARY KEY,
    document_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
    table_name TEXT NOT NULL,         -- questions / responses / attendance / resolutions / actions / meetings / votes
    row_id TEXT NOT NULL,             -- the row's id (its rowid for attendance and votes)
    column_name TEXT NOT NULL,        -- questioner / responder / name / mover / seconder / owner / chair
    raw TEXT NOT NULL,                -- the name as printed
    person_id TEXT REFERENCES people(id) ON DELETE SET NULL,  -- null when uncertain
    method TEXT NOT NULL CHECK (method IN ('exact', 'alias', 'initials', 'surname', 'fuzzy', 'ambiguous')),
    score REAL,                       -- 0-100; token_sort_ratio for fuzzy matches
    council TEXT,
    date TEXT                         -- the meeting's date, YYYY-MM-DD
);

-- An office a document says a person held at a date: "Cabinet Member for Children and Families".
CREATE TABLE IF NOT EXISTS person_roles (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    council TEXT,
    date TEXT,
    document_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT                       -- table.column:row where it was stated
);

-- Questions that repeat or follow up one another (size >= 2); questions.thread_id = threads.id.
CREATE TABLE IF NOT EXISTS threads (
    id TEXT PRIMARY KEY,              -- the id of the earliest question in the thread
    council TEXT,
    size INTEGER NOT NULL,
    askers INTEGER,                   -- distinct resolved questioners
    first_date TEXT,
    last_date TEXT,
    title TEXT                        -- the start of the earliest question
);

-- Why a question joined a thread: the earlier question it was linked to, and how.
CREATE TABLE IF NOT EXISTS thread_links (
    question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    linked_to TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    method TEXT NOT NULL CHECK (method IN ('supplementary', 'explicit', 'similar')),
    score REAL,                       -- token_sort_ratio of the two texts (similar / explicit)
    PRIMARY KEY (question_id, linked_to)
);

CREATE INDEX IF NOT EXISTS idx_person_mentions_person ON person_mentions(person_id);
CREATE INDEX IF NOT EXISTS idx_person_mentions_row ON person_mentions(table_name, row_id);
CREATE INDEX IF NOT EXISTS idx_person_roles_person ON person_roles(person_id);
CREATE INDEX IF NOT EXISTS idx_thread_links_linked ON thread_links(linked_to);
CREATE INDEX IF NOT EXISTS idx_responses_responder ON responses(responder_id);
CREATE INDEX IF NOT EXISTS idx_attendance_person ON attendance(person_id);

-- crawler (issue 6): what `minutes-archive moderngov` fetched, so a killed run resumes where it
-- stopped and a later run fetches only new or changed meetings. Nothing here points at documents
-- with a foreign key: bookkeeping never deletes archived rows.
CREATE TABLE IF NOT EXISTS crawl_sites (
    site TEXT PRIMARY KEY,            -- base URL, scheme and host lower-cased, no trailing slash
    council TEXT,                     -- the council name used for this site (kept for later runs)
    base_url TEXT,
    mode TEXT,                        -- webservice / html (the service was disabled)
    listed_at TEXT,                   -- when a run last listed and read every meeting in its range
    last_run TEXT
);

CREATE TABLE IF NOT EXISTS crawl_meetings (
    site TEXT NOT NULL,
    meeting_id TEXT NOT NULL,         -- ModernGov meeting id (MId)
    committee_id TEXT,                -- ModernGov committee id (CId)
    committee TEXT,                   -- committee title, unescaped
    date TEXT,                        -- YYYY-MM-DD
    status TEXT,                      -- Confirmed / Cancelled / "Confirmed; Special Meeting"
    source TEXT,                      -- webservice (GetMeeting XML) / html (ieListDocuments page)
    meeting_sha256 TEXT,              -- hash of the GetMeeting XML (or page) last read
    done INTEGER NOT NULL DEFAULT 0,  -- 1 once the meeting and every linked document were handled
    last_fetched TEXT,
    PRIMARY KEY (site, meeting_id)
);

CREATE TABLE IF NOT EXISTS crawl_urls (
    url TEXT PRIMARY KEY,             -- on the site's host, in the base URL's spelling
    site TEXT NOT NULL,
    meeting_id TEXT,                  -- the meeting that linked it first
    sha256 TEXT,                      -- what it returned (= documents.id); null when the fetch failed
    status INTEGER,                   -- HTTP status of the last attempt
    content_type TEXT,
    filename TEXT,
    size INTEGER,
    error TEXT,                       -- why it was not fetched: "HTTP 404", "disallowed by robots.txt"
    fetched_at TEXT
);

CREATE INDEX IF NOT EXISTS idx_crawl_meetings_done ON crawl_meetings(site, done);

-- Full-text search (FTS5, porter stemming) over the text people search. Each index keeps no
-- copy of the text (content=<table>) and is kept in step by three triggers. The update trigger
-- names the indexed columns: linking writes person and thread ids on every row it resolves, and
-- must not re-index the row's text each time.

CREATE VIRTUAL TABLE IF NOT EXISTS [questions_fts] USING FTS5 ([text], [questioner], [addressed_to], [ref], tokenize='porter', content=[questions]);
CREATE TRIGGER IF NOT EXISTS [questions_ai] AFTER INSERT ON [questions] BEGIN
  INSERT INTO [questions_fts] (rowid, [text], [questioner], [addressed_to], [ref]) VALUES (new.rowid, new.[text], new.[questioner], new.[addressed_to], new.[ref]);
END;
CREATE TRIGGER IF NOT EXISTS [questions_ad] AFTER DELETE ON [questions] BEGIN
  INSERT INTO [questions_fts] ([questions_fts], rowid, [text], [questioner], [addressed_to], [ref]) VALUES ('delete', old.rowid, old.[text], old.[questioner], old.[addressed_to], old.[ref]);
END;
CREATE TRIGGER IF NOT EXISTS [questions_au] AFTER UPDATE OF [text], [questioner], [addressed_to], [ref] ON [questions] BEGIN
  INSERT INTO [questions_fts] ([questions_fts], rowid, [text], [questioner], [addressed_to], [ref]) VALUES ('delete', old.rowid, old.[text], old.[questioner], old.[addressed_to], old.[ref]);
  INSERT INTO [questions_fts] (rowid, [text], [questioner], [addressed_to], [ref]) VALUES (new.rowid, new.[text], new.[questioner], new.[addressed_to], new.[ref]);
END;

CREATE VIRTUAL TABLE IF NOT EXISTS [responses_fts] USING FTS5 ([text], [responder], tokenize='porter', content=[responses]);
CREATE TRIGGER IF NOT EXISTS [responses_ai] AFTER INSERT ON [responses] BEGIN
  INSERT INTO [responses_fts] (rowid, [text], [responder]) VALUES (new.rowid, new.[text], new.[responder]);
END;
CREATE TRIGGER IF NOT EXISTS [responses_ad] AFTER DELETE ON [responses] BEGIN
  INSERT INTO [responses_fts] ([responses_fts], rowid, [text], [responder]) VALUES ('delete', old.rowid, old.[text], old.[responder]);
END;
CREATE TRIGGER IF NOT EXISTS [responses_au] AFTER UPDATE OF [text], [responder] ON [responses] BEGIN
  INSERT INTO [responses_fts] ([responses_fts], rowid, [text], [responder]) VALUES ('delete', old.rowid, old.[text], old.[responder]);
  INSERT INTO [responses_fts] (rowid, [text], [responder]) VALUES (new.rowid, new.[text], new.[responder]);
END;

CREATE VIRTUAL TABLE IF NOT EXISTS [resolutions_fts] USING FTS5 ([text], tokenize='porter', content=[resolutions]);
CREATE TRIGGER IF NOT EXISTS [resolutions_ai] AFTER INSERT ON [resolutions] BEGIN
  INSERT INTO [resolutions_fts] (rowid, [text]) VALUES (new.rowid, new.[text]);
END;
CREATE TRIGGER IF NOT EXISTS [resolutions_ad] AFTER DELETE ON [resolutions] BEGIN
  INSERT INTO [resolutions_fts] ([resolutions_fts], rowid, [text]) VALUES ('delete', old.rowid, old.[text]);
END;
CREATE TRIGGER IF NOT EXISTS [resolutions_au] AFTER UPDATE OF [text] ON [resolutions] BEGIN
  INSERT INTO [resolutions_fts] ([resolutions_fts], rowid, [text]) VALUES ('delete', old.rowid, old.[text]);
  INSERT INTO [resolutions_fts] (rowid, [text]) VALUES (new.rowid, new.[text]);
END;

CREATE VIRTUAL TABLE IF NOT EXISTS [agenda_items_fts] USING FTS5 ([title], [text], tokenize='porter', content=[agenda_items]);
CREATE TRIGGER IF NOT EXISTS [agenda_items_ai] AFTER INSERT ON [agenda_items] BEGIN
  INSERT INTO [agenda_items_fts] (rowid, [title], [text]) VALUES (new.rowid, new.[title], new.[text]);
END;
CREATE TRIGGER IF NOT EXISTS [agenda_items_ad] AFTER DELETE ON [agenda_items] BEGIN
  INSERT INTO [agenda_items_fts] ([agenda_items_fts], rowid, [title], [text]) VALUES ('delete', old.rowid, old.[title], old.[text]);
END;
CREATE TRIGGER IF NOT EXISTS [agenda_items_au] AFTER UPDATE OF [title], [text] ON [agenda_items] BEGIN
  INSERT INTO [agenda_items_fts] ([agenda_items_fts], rowid, [title], [text]) VALUES ('delete', old.rowid, old.[title], old.[text]);
  INSERT INTO [agenda_items_fts] (rowid, [title], [text]) VALUES (new.rowid, new.[title], new.[text]);
END;

CREATE VIRTUAL TABLE IF NOT EXISTS [actions_fts] USING FTS5 ([text], [owner], tokenize='porter', content=[actions]);
CREATE TRIGGER IF NOT EXISTS [actions_ai] AFTER INSERT ON [actions] BEGIN
  INSERT INTO [actions_fts] (rowid, [text], [owner]) VALUES (new.rowid, new.[text], new.[owner]);
END;
CREATE TRIGGER IF NOT EXISTS [actions_ad] AFTER DELETE ON [actions] BEGIN
  INSERT INTO [actions_fts] ([actions_fts], rowid, [text], [owner]) VALUES ('delete', old.rowid, old.[text], old.[owner]);
END;
CREATE TRIGGER IF NOT EXISTS [actions_au] AFTER UPDATE OF [text], [owner] ON [actions] BEGIN
  INSERT INTO [actions_fts] ([actions_fts], rowid, [text], [owner]) VALUES ('delete', old.rowid, old.[text], old.[owner]);
  INSERT INTO [actions_fts] (rowid, [text], [owner]) VALUES (new.rowid, new.[text], new.[owner]);
END;

CREATE VIRTUAL TABLE IF NOT EXISTS [pages_fts] USING FTS5 ([text], tokenize='porter', content=[pages]);
CREATE TRIGGER IF NOT EXISTS [pages_ai] AFTER INSERT ON [pages] BEGIN
  INSERT INTO [pages_fts] (rowid, [text]) VALUES (new.rowid, new.[text]);
END;
CREATE TRIGGER IF NOT EXISTS [pages_ad] AFTER DELETE ON [pages] BEGIN
  INSERT INTO [pages_fts] ([pages_fts], rowid, [text]) VALUES ('delete', old.rowid, old.[text]);
END;
CREATE TRIGGER IF NOT EXISTS [pages_au] AFTER UPDATE OF [text] ON [pages] BEGIN
  INSERT INTO [pages_fts] ([pages_fts], rowid, [text]) VALUES ('delete', old.rowid, old.[text]);
  INSERT INTO [pages_fts] (rowid, [text]) VALUES (new.rowid, new.[text]);
END;

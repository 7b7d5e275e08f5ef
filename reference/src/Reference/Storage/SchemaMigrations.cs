namespace Reference.Storage;

/// <summary>
/// The store's schema, as the versioned list of steps that builds it; the same list on SQLite and PostgreSQL. A store
/// records the versions applied in schema_migrations and, when it opens, applies the ones it lacks. Version 1 is the
/// directory as it was created before versions were kept (CREATE TABLE IF NOT EXISTS): a store made then adopts it
/// without change. Add a step at the end; never edit one that has shipped.
/// </summary>
public static class SchemaMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "directory: enterprises, trunks, ranges, consents, refusals, number lists, settings",
        [
            "CREATE TABLE IF NOT EXISTS enterprises (id TEXT PRIMARY KEY, name TEXT NOT NULL, sector TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS trunks (id TEXT PRIMARY KEY, enterprise_id TEXT NOT NULL REFERENCES enterprises (id), realm TEXT NOT NULL, source TEXT UNIQUE)",
            "CREATE TABLE IF NOT EXISTS ranges (first_number TEXT PRIMARY KEY, last_number TEXT NOT NULL, enterprise_id TEXT NOT NULL, trunk_id TEXT NOT NULL REFERENCES trunks (id), inbound_only INTEGER NOT NULL)",
            "CREATE TABLE IF NOT EXISTS consents (enterprise_id TEXT NOT NULL, callee TEXT NOT NULL, evidence TEXT NOT NULL, recorded_at TEXT NOT NULL, keep_until TEXT NOT NULL, PRIMARY KEY (enterprise_id, callee))",
            "CREATE TABLE IF NOT EXISTS refusals (enterprise_id TEXT NOT NULL, callee TEXT NOT NULL, PRIMARY KEY (enterprise_id, callee))",
            "CREATE TABLE IF NOT EXISTS roaming (number TEXT PRIMARY KEY)",
            "CREATE TABLE IF NOT EXISTS do_not_originate (number TEXT PRIMARY KEY)",
            "CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ]),
        new(2, "labels: every report, analytics flags, declarations, clears by appeal; appeals",
        [
            // Every report is kept, repeats included (it is the record of what was said); the label is rebuilt from them.
            "CREATE TABLE label_reports (seq {id}, number TEXT NOT NULL, category TEXT NOT NULL, reporter TEXT NOT NULL, channel TEXT NOT NULL, text TEXT NOT NULL, at TEXT NOT NULL)",
            "CREATE INDEX label_reports_number ON label_reports (number)",
            "CREATE TABLE label_flags (number TEXT PRIMARY KEY, category TEXT NOT NULL, at TEXT NOT NULL)",
            "CREATE TABLE label_declarations (number TEXT PRIMARY KEY, category TEXT NOT NULL, enterprise TEXT NOT NULL, at TEXT NOT NULL)",
            "CREATE TABLE label_clears (number TEXT PRIMARY KEY, at TEXT NOT NULL)",
            "CREATE TABLE appeals (id TEXT PRIMARY KEY, number TEXT NOT NULL, holder TEXT NOT NULL, reason TEXT NOT NULL, text TEXT NOT NULL, filed_at TEXT NOT NULL, decide_by TEXT NOT NULL, state TEXT NOT NULL, decided_at TEXT, why TEXT NOT NULL, escalated_at TEXT)",
        ]),
        new(3, "callees who prefer labels; STIR signing peers",
        [
            "CREATE TABLE label_only_callees (number TEXT PRIMARY KEY)",
            "CREATE TABLE signing_peers (address TEXT PRIMARY KEY)",
        ]),
        new(4, "call records for traceback: every screened call, searchable by callee, caller and origid over time",
        [
            "CREATE TABLE call_records (seq {id}, at BIGINT NOT NULL, realm TEXT NOT NULL, trunk TEXT, calling TEXT NOT NULL, called TEXT NOT NULL, origid TEXT, call_id TEXT NOT NULL, decision TEXT NOT NULL, reason TEXT NOT NULL)",
            "CREATE INDEX call_records_called ON call_records (called, at)",
            "CREATE INDEX call_records_calling ON call_records (calling, at)",
            "CREATE INDEX call_records_origid ON call_records (origid)",
        ]),
        new(5, "allocation records of numbers, against which reissued-number appeals are checked",
        [
            "CREATE TABLE allocations (number TEXT PRIMARY KEY, holder TEXT NOT NULL, since TEXT NOT NULL)",
        ]),
        new(6, "traceback: a query by origid reads its newest calls from the index; the retention sweep finds the oldest by time",
        [
            "DROP INDEX call_records_origid",
            "CREATE INDEX call_records_origid ON call_records (origid, at)",
            "CREATE INDEX call_records_at ON call_records (at)",
        ]),
        new(7, "reporting: tickets of reports with their deadlines, answers kept for idempotency keys, holiday calendars set through the API",
        [
            // dedup holds reporter and number while the ticket is open, NULL once closed: unique, so a repeat meets the open ticket.
            "CREATE TABLE tickets (id TEXT PRIMARY KEY, number TEXT NOT NULL, category TEXT NOT NULL, channel TEXT NOT NULL, reporter TEXT NOT NULL, text TEXT NOT NULL, department TEXT NOT NULL, state TEXT NOT NULL, received_at BIGINT NOT NULL, forward_by BIGINT NOT NULL, forwarded_at BIGINT, answer_by BIGINT, answered_at BIGINT, answer TEXT, notify_by BIGINT, notified_at BIGINT, due_at BIGINT, dedup TEXT)",
            "CREATE UNIQUE INDEX tickets_dedup ON tickets (dedup)",
            "CREATE INDEX tickets_number ON tickets (number, received_at)",
            "CREATE INDEX tickets_reporter ON tickets (reporter, received_at)",
            "CREATE INDEX tickets_due ON tickets (due_at)",
            "CREATE TABLE ticket_idempotency (scope TEXT NOT NULL, idem_key TEXT NOT NULL, fingerprint TEXT NOT NULL, ticket_id TEXT NOT NULL, response TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (scope, idem_key))",
            "CREATE TABLE holiday_calendar_years (year INTEGER PRIMARY KEY, document TEXT NOT NULL, set_at TEXT NOT NULL)",
        ]),
        new(8, "resources: qualifications, allocations of numbers and trunk blocks with reissues, the joint-discipline list, trunk sanctions",
        [
            "CREATE TABLE qualifications (enterprise TEXT PRIMARY KEY, business_scope TEXT, connects_to TEXT, purpose TEXT, valid_until TEXT, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL)",
            "CREATE TABLE resource_allocations (id TEXT PRIMARY KEY, kind TEXT NOT NULL, first_number TEXT NOT NULL, last_number TEXT NOT NULL, holder TEXT NOT NULL, trunk TEXT, since TEXT NOT NULL, until_at TEXT, previous_holder TEXT, recorded_by TEXT NOT NULL)",
            "CREATE INDEX resource_allocations_first ON resource_allocations (first_number)",
            "CREATE INDEX resource_allocations_holder ON resource_allocations (holder)",
            "CREATE TABLE discipline_list (id TEXT PRIMARY KEY, enterprise TEXT NOT NULL, carrier TEXT NOT NULL, reason TEXT NOT NULL, listed_at TEXT NOT NULL)",
            "CREATE INDEX discipline_list_enterprise ON discipline_list (enterprise)",
            "CREATE TABLE trunk_sanctions (id TEXT PRIMARY KEY, trunk TEXT NOT NULL, reason TEXT NOT NULL, since TEXT NOT NULL, imposed_by TEXT NOT NULL, lifted_at TEXT)",
        ]),
        new(10, "cluster: every change to the directory and the labels is announced on channel reference_changes (PostgreSQL only)",
        [
            // A store made before versions were kept has the directory tables already, triggers and all (OR REPLACE).
            // One notification per row, delivered at commit to every node listening: the table, the operation and the
            // row (free text left out: a notification holds at most 8000 bytes, and no node screens on the text).
            """
            CREATE OR REPLACE FUNCTION reference_changed() RETURNS trigger AS $$
            BEGIN
              PERFORM pg_notify('reference_changes', json_build_object(
                'table', TG_TABLE_NAME, 'op', TG_OP,
                'row', to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END) - 'text')::text);
              RETURN NULL;
            END
            $$ LANGUAGE plpgsql
            """,
            "CREATE OR REPLACE TRIGGER enterprises_changed AFTER INSERT OR UPDATE OR DELETE ON enterprises FOR EACH ROW EXECUTE FUNCTION reference_changed()",
            "CREATE OR REPLACE TRIGGER trunks_changed AFTER INSERT OR UPDATE OR DELETE ON trunks FOR EACH ROW EXECUTE FUNCTION reference_changed()",
            "CREATE OR REPLACE TRIGGER ranges_changed AFTER INSERT OR UPDATE OR DELETE ON ranges FOR EACH ROW EXECUTE FUNCTION reference_changed()",
            "CREATE OR REPLACE TRIGGER consents_changed AFTER INSERT OR UPDATE OR DELETE ON consents FOR EACH ROW EXECUTE FUNCTION reference_changed()",
            "CREATE OR REPLACE TRIGGER refusals_changed AFTER INSERT OR UPDATE OR DELETE ON refusals FOR EACH ROW EXECUTE FUNCTION reference_changed()",
            "CREATE OR REPLACE TRIGGER roaming_changed AFTER INSERT OR UPDATE OR DELETE ON roaming FOR EACH ROW EXECUTE FUNCTION reference_changed()",
            "CREATE OR REPLACE TRIGGER do_not_originate_changed AFTER INSERT OR UPDATE OR DELETE ON do_not_originate FOR EACH ROW EXECUTE FUNCTION reference_changed()",
            "CREATE OR REPLACE TRIGGER settings_changed AFTER INSERT OR UPDATE OR DELETE ON settings FOR EACH ROW EXECUTE FUNCTION reference_changed()",
            "CREATE OR REPLACE TRIGGER label_reports_changed AFTER INSERT OR UPDATE OR DELETE ON label_reports FOR EACH ROW EXECUTE FUNCTION reference_changed()",
            "CREATE OR REPLACE TRIGGER label_flags_changed AFTER INSERT OR UPDATE OR DELETE ON label_flags FOR EACH ROW EXECUTE FUNCTION reference_changed()",
            "CREATE OR REPLACE TRIGGER label_declarations_changed AFTER INSERT OR UPDATE OR DELETE ON label_declarations FOR EACH ROW EXECUTE FUNCTION reference_changed()",
            "CREATE OR REPLACE TRIGGER label_clears_changed AFTER INSERT OR UPDATE OR DELETE ON label_clears FOR EACH ROW EXECUTE FUNCTION reference_changed()",
            "CREATE OR REPLACE TRIGGER label_only_callees_changed AFTER INSERT OR UPDATE OR DELETE ON label_only_callees FOR EACH ROW EXECUTE FUNCTION reference_changed()",
        ], ServerOnly: true),
        new(11, "trunk audits read a trunk's calls in a window from an index (calls from no provisioned trunk, most, are not in it); where each node's journal of call records is stored to",
        [
            // Partial: the screening path writes this index only for calls that came over a trunk.
            "CREATE INDEX call_records_trunk ON call_records (trunk, at) WHERE trunk IS NOT NULL",
            // How far into a node's journal of call records (CallRecordJournal) the store holds them, by the journal's path.
            "CREATE TABLE call_records_journal (journal TEXT PRIMARY KEY, stored_to BIGINT NOT NULL)",
        ]),
        new(12, "portal: the data-protection key ring, so that staff cookies and form tokens outlive a restart and hold on every node",
        [
            "CREATE TABLE portal_keys (name TEXT PRIMARY KEY, xml TEXT NOT NULL)",
        ]),
        new(13, "cluster: API keys, appeals and STIR signing peers are announced on reference_changes too (PostgreSQL only)",
        [
            // The keys' table is made by the key store when it opens; made here too, whichever opens first.
            "CREATE TABLE IF NOT EXISTS api_keys (id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, roles TEXT NOT NULL, account TEXT NOT NULL, issued_at TEXT NOT NULL, revoked_at TEXT)",
            // An appeal's row can outgrow a notification (two free texts of 2,000 characters): only its id is announced,
            // and each node reads the appeal as it stands.
            """
            CREATE OR REPLACE FUNCTION reference_changed_id() RETURNS trigger AS $$
            BEGIN
              PERFORM pg_notify('reference_changes', json_build_object(
                'table', TG_TABLE_NAME, 'op', TG_OP,
                'row', json_build_object('id', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END))::text);
              RETURN NULL;
            END
            $$ LANGUAGE plpgsql
            """,
            "CREATE OR REPLACE TRIGGER api_keys_changed AFTER INSERT OR UPDATE OR DELETE ON api_keys FOR EACH ROW EXECUTE FUNCTION reference_changed()",
            "CREATE OR REPLACE TRIGGER appeals_changed AFTER INSERT OR UPDATE OR DELETE ON appeals FOR EACH ROW EXECUTE FUNCTION reference_changed_id()",
            "CREATE OR REPLACE TRIGGER signing_peers_changed AFTER INSERT OR UPDATE OR DELETE ON signing_peers FOR EACH ROW EXECUTE FUNCTION reference_changed()",
        ], ServerOnly: true),
        new(14, "call records: retention deletes by seq (which grows with time), so the index by time goes; the origid index holds only calls that carried one",
        [
            // Every screened call wrote each index: the one by time served only the retention sweep, which now finds its
            // cut-off by a binary search over seq (CallRecordSeq). Most calls carry no origid; a query by origid (= value)
            // implies origid IS NOT NULL, so both engines still read it from the partial index.
            "DROP INDEX call_records_at",
            "DROP INDEX call_records_origid",
            "CREATE INDEX call_records_origid ON call_records (origid, at) WHERE origid IS NOT NULL",
        ]),
        new(15, "resources: a number (or a block's first number) has one current allocation in the store, whichever node allocates it",
        [
            // Nodes on one server each decide in their own memory; the store refuses the second current allocation of a
            // number, and the node that loses answers 409 (ResourceLedger). Two current allocations of one number that
            // nodes may have left before this: all but the newest end when the newest began, as a reissue ends them.
            """
            UPDATE resource_allocations SET until_at = (
              SELECT MIN(o.since) FROM resource_allocations o WHERE o.first_number = resource_allocations.first_number AND o.until_at IS NULL
                AND (o.since > resource_allocations.since OR (o.since = resource_allocations.since AND o.id > resource_allocations.id)))
            WHERE until_at IS NULL AND EXISTS (
              SELECT 1 FROM resource_allocations o WHERE o.first_number = resource_allocations.first_number AND o.until_at IS NULL
                AND (o.since > resource_allocations.since OR (o.since = resource_allocations.since AND o.id > resource_allocations.id)))
            """,
            "CREATE UNIQUE INDEX resource_allocations_current ON resource_allocations (first_number) WHERE until_at IS NULL",
        ]),
        new(18, "call records: intercepted calls counted per hour and reason, for the console's chart",
        [
            // Kept by the call-record writer in the records' own transaction (CallRecordHours): the chart reads a day as a
            // few hundred rows, and a record costs no index entry more. The records already stored are counted once here.
            "CREATE TABLE call_record_hours (hour BIGINT NOT NULL, reason TEXT NOT NULL, calls BIGINT NOT NULL, PRIMARY KEY (hour, reason))",
            "INSERT INTO call_record_hours (hour, reason, calls) SELECT at / 3600000000, reason, COUNT(*) FROM call_records WHERE decision = 'intercept' GROUP BY at / 3600000000, reason",
        ]),
        new(19, "call records: realm, decision and reason as codes of call_record_codes, so a row is a third narrower; call_records_text reads them as text",
        [
            // The writer stores every screened call: its three texts ("international", "intercept", "abroad-spoofed")
            // were some 36 of a row's 144 bytes, written twice (WAL, then checkpoint), while a handful of values repeat.
            // A code is a small integer (one byte, or none for 0 and 1 on SQLite); the writer learns each text's code
            // once (CallRecordCodes). The columns keep their names; the records already stored are coded here.
            "CREATE TABLE call_record_codes (code {id}, text TEXT NOT NULL UNIQUE)",
            "INSERT INTO call_record_codes (text) SELECT realm FROM call_records UNION SELECT decision FROM call_records UNION SELECT reason FROM call_records",
            "ALTER TABLE call_records ADD COLUMN realm_code INTEGER",
            "ALTER TABLE call_records ADD COLUMN decision_code INTEGER",
            "ALTER TABLE call_records ADD COLUMN reason_code INTEGER",
            """
            UPDATE call_records SET
              realm_code = (SELECT code FROM call_record_codes WHERE text = call_records.realm),
              decision_code = (SELECT code FROM call_record_codes WHERE text = call_records.decision),
              reason_code = (SELECT code FROM call_record_codes WHERE text = call_records.reason)
            """,
            "ALTER TABLE call_records DROP COLUMN realm",
            "ALTER TABLE call_records DROP COLUMN decision",
            "ALTER TABLE call_records DROP COLUMN reason",
            "ALTER TABLE call_records RENAME COLUMN realm_code TO realm",
            "ALTER TABLE call_records RENAME COLUMN decision_code TO decision",
            "ALTER TABLE call_records RENAME COLUMN reason_code TO reason",
            // The records as they were before: for reading them by hand, and for the tests and scripts that count them.
            """
            CREATE VIEW call_records_text AS
            SELECT c.seq, c.at, r.text AS realm, c.trunk, c.calling, c.called, c.origid, c.call_id, d.text AS decision, x.text AS reason
            FROM call_records c
            JOIN call_record_codes r ON r.code = c.realm
            JOIN call_record_codes d ON d.code = c.decision
            JOIN call_record_codes x ON x.code = c.reason
            """,
        ]),
        new(20, "call records: origid as a code of call_record_codes, so that a row and its origid index entry are 35 bytes narrower",
        [
            // An origid is a 36-character UUID naming an entry point (a trunk or a gateway peer): few values, each repeated
            // on every call through it, and the widest key of the four indexes. As a code it is a byte or two in the row and
            // in the (origid, at) index; a query by origid looks its code up first (CallRecordSearch). The origids already
            // stored are coded here.
            "INSERT INTO call_record_codes (text) SELECT DISTINCT origid FROM call_records WHERE origid IS NOT NULL ON CONFLICT (text) DO NOTHING",
            "DROP VIEW call_records_text",
            "DROP INDEX call_records_origid",
            "ALTER TABLE call_records ADD COLUMN origid_code BIGINT",
            "UPDATE call_records SET origid_code = (SELECT code FROM call_record_codes WHERE text = call_records.origid) WHERE origid IS NOT NULL",
            "ALTER TABLE call_records DROP COLUMN origid",
            "ALTER TABLE call_records RENAME COLUMN origid_code TO origid",
            "CREATE INDEX call_records_origid ON call_records (origid, at) WHERE origid IS NOT NULL",
            """
            CREATE VIEW call_records_text AS
            SELECT c.seq, c.at, r.text AS realm, c.trunk, c.calling, c.called, o.text AS origid, c.call_id, d.text AS decision, x.text AS reason
            FROM call_records c
            JOIN call_record_codes r ON r.code = c.realm
            LEFT JOIN call_record_codes o ON o.code = c.origid
            JOIN call_record_codes d ON d.code = c.decision
            JOIN call_record_codes x ON x.code = c.reason
            """,
        ]),
    ];
}

import type { Generated } from 'kysely';

/** Whose a web sign-in link or session is: an official's (the dashboard) or a participant's (the web quiz). */
export type WebSessionKind = 'official' | 'participant';

/** Row types of the database. Times are epoch milliseconds; booleans are integers 0/1. */
export interface Database {
  inbox: {
    id: Generated<number>;
    channel: string;
    update_id: string;
    chat_key: string | null;
    received_at: number;
    payload: string | null;
    status: 'received' | 'processing' | 'processed' | 'rejected';
    outcome: string | null;
    processed_at: number | null;
    /** The bot that received it (the channel's key of token and Bot API server); '' before migration 105. */
    bot: Generated<string>;
  };
  outbox: {
    id: Generated<number>;
    inbox_id: number | null;
    channel: string;
    chat_key: string;
    chat_id: string;
    body: string | null;
    /** Messages in the reply. */
    parts: Generated<number>;
    /** Platform calls of the reply accepted so far (a message longer than the platform's limit is several). */
    calls_sent: Generated<number>;
    status: 'pending' | 'delivered' | 'failed' | 'expired';
    tries: Generated<number>;
    next_try_at: number;
    error: string | null;
    created_at: number;
    delivered_at: number | null;
  };
  units: { code: string; kind: 'commune' | 'agency' | 'parent'; name: string; unit_group: string; population: number | null; active: number; parent_code: string | null };
  participants: {
    id: Generated<number>;
    /** The account the row was created with; lookups, reminders and counts read `accounts` (migration 175). */
    channel: string;
    external_id: string;
    chat_id: string;
    display_name: string | null;
    full_name: string | null;
    /** The name folded as the integrity rule compares names (core/integrity.ts's foldName); written with the name. */
    name_key: Generated<string | null>;
    phone: string | null;
    commune_code: string | null;
    agency_code: string | null;
    consent_at: number | null;
    registered_at: number | null;
    step: string;
    step_data: string | null;
    invite_code: string;
    invited_by: number | null;
    joined_via_unit: string | null;
    reminders_off: Generated<number>;
    unreachable: Generated<number>;
    deleted_at: number | null;
    overall_score: Generated<number>;
    overall_duration_ms: Generated<number>;
    overall_finished_at: number | null;
    finished_attempts: Generated<number>;
    created_at: number;
    /** Unused since migration 175 (identity_hashes holds one per account); kept for old databases. */
    identity_hash: string | null;
    /** The consent text version the person agreed to. */
    consent_version: string | null;
    /** Deleted rows only: HMAC-SHA256 of the normalised phone (migration 170), erased with the identity hashes. */
    phone_hash: string | null;
    /** A web person's re-entry code, as a keyed hash (migration 170); null for chat people and once deleted. */
    web_code_hash: string | null;
    /** 1 while a district official's decision "loại" is in force (integrity_decisions): counted nowhere. */
    excluded: Generated<number>;
    /** When and by whom the phone was verified (Telegram's contact button: "telegram"; else an official's account). */
    phone_verified_at: number | null;
    phone_verified_by: string | null;
  };
  question_versions: {
    id: Generated<number>;
    question_id: string;
    content_hash: string;
    topic: string;
    difficulty: string;
    text: string;
    options_json: string;
    correct_index: number;
    explanation: string;
    source: string;
    /** The public page that states the fact; null for versions without one (and those stored before 140). */
    source_url: string | null;
    active: number;
    created_at: number;
  };
  attempts: {
    id: Generated<number>;
    participant_id: number;
    round_id: string;
    started_at: number;
    deadline_at: number;
    question_count: number;
    finished_at: number | null;
    score: number | null;
    duration_ms: number | null;
    open_marker: number | null;
    /** When the tie-break prediction question asked after this attempt was shown (see attempt_questions.shown_at). */
    prediction_shown_at: number | null;
    /** Made in a web session an official opened for the person (the fallback sign-in link): that official's account. */
    opened_by: Generated<string | null>;
    /**
     * The pace over the attempt's fresh questions (shown, not in the person's earlier attempts), kept as it finishes
     * (integrity's speed rule): how many, their upper median and sum in ms. Null until measured.
     */
    fresh_questions: Generated<number | null>;
    fresh_median_ms: Generated<number | null>;
    fresh_total_ms: Generated<number | null>;
    /** Its answer sheet, kept as it finishes (integrity's twin rule): wrong answers, and a digest equal sheets share. */
    wrong_answers: Generated<number | null>;
    sheet_key: Generated<string | null>;
  };
  attempt_questions: {
    attempt_id: number;
    position: number;
    question_version_id: number;
    option_order: string;
    /** When the question was shown: the start of the platform call that delivered it, its earliest; null until then. */
    shown_at: number | null;
  };
  answers: { attempt_id: number; position: number; chosen_index: number; is_correct: number; answered_at: number };
  predictions: { attempt_id: number; value: number; answered_at: number };
  best_results: {
    participant_id: number;
    round_id: string;
    attempt_id: number;
    score: number;
    duration_ms: number;
    finished_at: number;
    prediction: number | null;
  };
  invitations: { invitee_id: number; inviter_id: number | null; unit_code: string | null; created_at: number };
  /** Group chats the bot has answered once (private chats only). */
  group_chats: { channel: string; chat_id: string; noticed_at: number };
  officials: {
    id: Generated<number>;
    channel: string;
    account_id: string;
    unit_code: string;
    name: string | null;
    source: 'file' | 'code';
    file_hash: string | null;
    granted_by: string;
    granted_at: number;
    revoked_at: number | null;
    revoked_by: string | null;
  };
  official_codes: {
    code_hash: string;
    unit_code: string;
    created_by: string;
    created_at: number;
    expires_at: number;
    used_at: number | null;
    used_by: string | null;
    official_id: number | null;
    grantor_told_at: number | null;
  };
  official_audit: {
    id: Generated<number>;
    action: 'grant' | 'revoke';
    official_id: number;
    channel: string;
    account_id: string;
    unit_code: string;
    via: 'file' | 'code' | 'chat';
    actor: string;
    at: number;
  };
  unit_announcements: { unit_code: string; day: string; seq: number; run_id: string; at: number };
  reminder_runs: {
    campaign_id: string;
    run_id: string;
    kind: 'slot' | 'manual' | 'announcement' | 'results';
    status: RunStatus;
    fire_at: number;
    valid_until: number | null;
    round_id: string | null;
    text: string | null;
    scope: string | null;
    requested_by: string | null;
    skip_reason: string | null;
    cursor: Generated<number>;
    targeted: Generated<number>;
    context_json: string | null;
    created_at: number;
    updated_at: number;
  };
  reminder_deliveries: {
    campaign_id: string;
    run_id: string;
    participant_id: number;
    channel: string;
    audience: string;
    status: DeliveryStatus;
    claim_token: string | null;
    tries: Generated<number>;
    error: string | null;
    updated_at: number;
  };
  round_announcements: { campaign_id: string; round_id: string; run_id: string; final_at: number };
  /** When a round's results were first seen final (published); later exclusions are corrections. */
  round_publications: { campaign_id: string; round_id: string; published_at: number };
  round_ranks: { campaign_id: string; round_id: string; participant_id: number; rank: number };
  downloads: { id: string; filename: string; mime: string; content: Buffer; expires_at: number; created_at: number };
  polling_leases: { key: string; holder: string; expires_at: number; acquired_at: number };
  web_sign_in_tokens: {
    token_hash: string;
    kind: Generated<WebSessionKind>;
    channel: string;
    account_id: string;
    created_at: number;
    expires_at: number;
    used_at: number | null;
    /** A participant's link an official issued from the dashboard: that official's account ("telegram:123"). */
    issued_by: Generated<string | null>;
  };
  web_sessions: { id_hash: string; kind: Generated<WebSessionKind>; channel: string; account_id: string; created_at: number; expires_at: number; opened_by: Generated<string | null> };
  /** District officials' decisions on flagged people; the latest per identity hash is in force. */
  integrity_decisions: {
    id: Generated<number>;
    identity_hash: string;
    participant_id: number | null;
    decision: IntegrityDecision;
    reason: string;
    decided_by: string;
    decided_at: number;
  };
  web_sign_in_attempts: { ip: string; window_start: number; count: number };
  /** A person's accounts (migration 175): every lookup of a person by (channel, account id) goes through it. */
  accounts: { channel: string; account_id: string; chat_id: string; participant_id: number; unreachable: Generated<number>; created_at: number };
  /** A deleted person's accounts, as keyed hashes of channel + account id (one per account), until erased after the contest. */
  identity_hashes: { hash: string; participant_id: number; created_at: number };
  /** One-time codes a web-only person sends to the bot as /noi (stored hashed). */
  link_codes: { code_hash: string; participant_id: number; created_at: number; expires_at: number; used_at: number | null; used_by: string | null };
  link_code_tries: { channel: string; account_id: string; window_start: number; count: number };
  /** Every attach of a chat account to a web person and every merge of two people. */
  account_merges: { id: Generated<number>; kind: 'attach' | 'merge'; from_participant_id: number; to_participant_id: number; actor: string; attempts_moved: number; at: number };
  /** A final round's anonymised results file, kept byte for byte (migration 190). */
  results_files: { campaign_id: string; round_id: string; filename: string; content: string; sha256: string; created_at: number };
  /** The key of the results files' pseudonyms when RESULTS_PSEUDONYM_KEY is unset (base64url). */
  results_keys: { campaign_id: string; key: string; created_at: number };
  /** Participation certificates (migration 191): what each states until revoked; round_id null: the whole contest. */
  certificates: {
    code: string;
    campaign_id: string;
    participant_id: number;
    round_id: string | null;
    name: string | null;
    unit: string | null;
    score: number;
    max_score: number;
    stated_at: number;
    issued_at: number;
    revoked_at: number | null;
  };
  /** The integrity flags as last computed (services/integrity.ts refreshes them): one row per flag and person. */
  integrity_flags: { flag_key: string; participant_id: number; kind: string; round_id: string | null; evidence_json: string; computed_at: number };
  /** Kept by triggers on participants (migration 095); never written by the app. */
  unit_totals: { code: string; registered: number; participants: number; attempts: number; score_sum: number };
}

/** "hợp lệ" or "loại". */
export type IntegrityDecision = 'valid' | 'excluded';
export type RunStatus = 'pending_confirmation' | 'requested' | 'fanning_out' | 'fanned_out' | 'done' | 'skipped' | 'cancelled';
export type DeliveryStatus = 'queued' | 'sending' | 'retry' | 'sent' | 'failed' | 'skipped' | 'unknown';

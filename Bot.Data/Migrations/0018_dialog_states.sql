-- A member's conversation state (a pending question, the last record for 撤销) moves from Redis to PostgreSQL, so
-- it is written in the same transaction as the records and the replies of the message that changed it.
create table dialog_states (
    user_id     text primary key,
    state       text not null,
    expires_at  timestamptz not null
);
create index dialog_states_expires_idx on dialog_states (expires_at);

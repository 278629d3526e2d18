-- A rep's change to one greeting before it is queued, this time only: skip it, or send their own text. The key is
-- the one the greeting will have in care_tasks (care:<occasion>:<contact>:<year or date>), so the planning run finds
-- it by the key it plans; once the greeting is in care_tasks the change has done its work and no new one is taken.
create table care_greeting_changes (
    idempotency_key  text primary key,
    contact_id       bigint not null references contacts (id) on delete cascade,
    customer_id      bigint not null references customers (id) on delete cascade,
    occasion         text not null,
    occasion_on      date not null,
    -- null: not sent this time; otherwise the text sent instead of the template.
    text             text,
    changed_by       bigint references users (id) on delete set null,
    changed_at       timestamptz not null
);
create index care_greeting_changes_customer_idx on care_greeting_changes (customer_id);

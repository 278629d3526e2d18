-- Customer care: consent, and one row per greeting from planning to the customer's phone.

-- Consent to care messages: the customer added the rep on WeCom themselves (add_external_contact), or the company
-- imported them as an existing customer. Contacts already linked to WeCom got there by the customer's own act.
alter table contacts add column care_consent_at timestamptz;
alter table contacts add column care_consent_source text;
update contacts set care_consent_at = created_at, care_consent_source = 'wecom'
where wecom_external_userid is not null and deleted_at is null;

create table care_tasks (
    id                bigint generated always as identity primary key,
    -- The outbox row's key too (care:<occasion>:<contact>:<date>), so planning twice never greets twice.
    idempotency_key   text not null unique,
    contact_id        bigint not null references contacts (id) on delete cascade,
    customer_id       bigint not null references customers (id) on delete cascade,
    rep_id            bigint references users (id) on delete set null,
    occasion          text not null,
    occasion_on       date not null,
    -- planned: queued for add_msg_template; yielded: a higher-priority greeting took the customer's group-send quota;
    -- awaiting: WeCom holds it until the rep confirms; sent, failed: WeCom's final word; unconfirmed: never confirmed.
    status            text not null default 'planned'
                      check (status in ('planned', 'yielded', 'awaiting', 'sent', 'failed', 'unconfirmed')),
    msgid             text,
    send_status       smallint,
    reminders_sent    smallint not null default 0,
    last_reminded_at  timestamptz,
    created_at        timestamptz not null default now(),
    queued_at         timestamptz,
    finished_at       timestamptz
);
create index care_tasks_contact_idx on care_tasks (contact_id);
create index care_tasks_day_idx on care_tasks (occasion_on);
create index care_tasks_created_idx on care_tasks (created_at);
create index care_tasks_open_idx on care_tasks (status, created_at) where status in ('planned', 'awaiting');
create index care_tasks_rep_idx on care_tasks (rep_id, occasion_on);

-- Each rep is told once about the greetings waiting for them: every task up to this id has been announced.
create table care_rep_notes (
    rep_id          bigint primary key references users (id) on delete cascade,
    noted_through   bigint not null
);

-- Core tables of the sales assistant. Forward-only: never edit once applied; add a new numbered file.
create extension if not exists pg_trgm;

create table users (
    id            bigint generated always as identity primary key,
    wecom_userid  text not null unique,
    name          text not null,
    role          text not null default 'rep' check (role in ('rep', 'manager', 'admin')),
    manager_id    bigint references users (id) on delete set null,
    active        boolean not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index users_manager_idx on users (manager_id) where active;

create table customers (
    id                       bigint generated always as identity primary key,
    legal_name               text not null,
    short_name               text,
    aliases                  text[] not null default '{}',
    industry                 text,
    size                     text,
    region                   text,
    owner_id                 bigint references users (id) on delete set null,
    stage                    text not null default 'lead'
                             check (stage in ('lead', 'qualified', 'negotiation', 'won', 'lost')),
    stage_changed_at         timestamptz not null default now(),
    tier                     char(1) check (tier in ('A', 'B', 'C')),
    tier_computed_at         timestamptz,
    strategic                boolean not null default false,
    growth_flag              boolean not null default false,
    -- Figures a company brings from its old CRM when it has no order history to import.
    baseline_annual_amount   numeric(14, 2) check (baseline_annual_amount >= 0),
    baseline_last_order_on   date,
    baseline_order_count     integer check (baseline_order_count >= 0),
    care_opted_out_at        timestamptz,
    deleted_at               timestamptz,
    created_at               timestamptz not null default now(),
    updated_at               timestamptz not null default now()
);
-- The legal name identifies a customer for imports and duplicate detection; a deleted one frees its name.
create unique index customers_legal_name_key on customers (legal_name) where deleted_at is null;
create index customers_owner_idx on customers (owner_id, stage) where deleted_at is null;
create index customers_stage_idx on customers (stage, stage_changed_at) where deleted_at is null;
create index customers_name_trgm_idx on customers using gin (legal_name gin_trgm_ops);
create index customers_aliases_idx on customers using gin (aliases);

create table contacts (
    id                     bigint generated always as identity primary key,
    customer_id            bigint not null references customers (id) on delete cascade,
    name                   text not null,
    title                  text,
    phone                  text,
    wecom_external_userid  text unique,
    birth_month            smallint check (birth_month between 1 and 12),
    birth_day              smallint check (birth_day between 1 and 31),
    birth_year             smallint check (birth_year between 1900 and 2100),
    birthday_lunar         boolean not null default false,
    decision_role          text check (decision_role in ('decision_maker', 'influencer', 'user', 'gatekeeper')),
    care_opted_out_at      timestamptz,
    deleted_at             timestamptz,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    check ((birth_month is null) = (birth_day is null))
);
create unique index contacts_customer_name_key on contacts (customer_id, name) where deleted_at is null;
create index contacts_birthday_idx on contacts (birth_month, birth_day) where deleted_at is null and birth_month is not null;

create table inbound_messages (
    id            bigint generated always as identity primary key,
    channel       text not null check (channel in ('app', 'aibot', 'cli')),
    -- WeCom MsgId for messages; a wide composite for events (FromUserName+CreateTime alone collides).
    message_key   text not null unique,
    from_user     text not null,
    msg_type      text not null,
    payload       jsonb not null,
    status        text not null default 'pending' check (status in ('pending', 'processing', 'done', 'failed')),
    attempts      integer not null default 0,
    last_error    text,
    received_at   timestamptz not null default now(),
    processed_at  timestamptz
);
create index inbound_messages_pending_idx on inbound_messages (received_at) where status in ('pending', 'processing');

create table interactions (
    id                  bigint generated always as identity primary key,
    customer_id         bigint not null references customers (id) on delete cascade,
    contact_id          bigint references contacts (id) on delete set null,
    rep_id              bigint not null references users (id),
    channel             text not null check (channel in ('phone', 'visit', 'wechat', 'email', 'meeting', 'other')),
    occurred_at         timestamptz not null,
    summary             text not null,
    objections          text[] not null default '{}',
    amount              numeric(14, 2),
    source_message      text,
    inbound_message_id  bigint references inbound_messages (id) on delete set null,
    created_at          timestamptz not null default now()
);
create index interactions_customer_idx on interactions (customer_id, occurred_at desc);
create index interactions_rep_idx on interactions (rep_id, occurred_at desc);

create table stage_history (
    id              bigint generated always as identity primary key,
    customer_id     bigint not null references customers (id) on delete cascade,
    from_stage      text,
    to_stage        text not null,
    changed_by      bigint references users (id) on delete set null,
    changed_at      timestamptz not null default now(),
    interaction_id  bigint references interactions (id) on delete set null
);
create index stage_history_customer_idx on stage_history (customer_id, changed_at);
create index stage_history_period_idx on stage_history (changed_at, to_stage);

create table orders (
    id           bigint generated always as identity primary key,
    customer_id  bigint not null references customers (id) on delete cascade,
    ordered_on   date not null,
    amount       numeric(14, 2) not null check (amount >= 0),
    -- The order number when the file has one, otherwise customer/date/amount/occurrence: re-imports stay idempotent.
    import_key   text unique,
    created_at   timestamptz not null default now()
);
create index orders_customer_idx on orders (customer_id, ordered_on desc);
create index orders_date_idx on orders (ordered_on);

create table reminders (
    id               bigint generated always as identity primary key,
    rep_id           bigint not null references users (id),
    customer_id      bigint references customers (id) on delete cascade,
    due_at           timestamptz not null,
    note             text not null,
    source           text not null default 'manual' check (source in ('manual', 'interaction', 'cadence', 'system')),
    status           text not null default 'open' check (status in ('open', 'done', 'cancelled')),
    postponed_count  integer not null default 0,
    escalated_at     timestamptz,
    completed_at     timestamptz,
    created_at       timestamptz not null default now()
);
create index reminders_rep_due_idx on reminders (rep_id, due_at) where status = 'open';
create index reminders_due_idx on reminders (due_at) where status = 'open';
create index reminders_customer_idx on reminders (customer_id) where status = 'open';

create table outbox (
    id               bigint generated always as identity primary key,
    idempotency_key  text not null unique,
    channel          text not null,
    recipient        text not null,
    kind             text not null,
    payload          jsonb not null,
    status           text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'parked')),
    attempts         integer not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    created_at       timestamptz not null default now(),
    sent_at          timestamptz
);
create index outbox_due_idx on outbox (next_attempt_at) where status in ('pending', 'sending');

create table playbook_entries (
    id          bigint generated always as identity primary key,
    category    text not null,
    title       text not null,
    body        text not null,
    keywords    text[] not null default '{}',
    source      text,
    created_at  timestamptz not null default now(),
    unique (category, title)
);

create table audit_log (
    id         bigint generated always as identity primary key,
    at         timestamptz not null default now(),
    actor_id   bigint references users (id) on delete set null,
    action     text not null,
    entity     text not null,
    entity_id  bigint,
    detail     jsonb not null default '{}'
);
create index audit_log_entity_idx on audit_log (entity, entity_id, at);

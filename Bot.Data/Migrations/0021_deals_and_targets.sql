-- Deals (商机) and sales targets. A deal belongs to a customer and is credited to the rep who owns it; it is open
-- until won or lost. Targets are per rep (personal) or per manager/admin for the team they lead (team), per calendar
-- month or quarter.
create table deals (
    id                  bigint generated always as identity primary key,
    customer_id         bigint not null references customers (id) on delete cascade,
    owner_id            bigint references users (id) on delete set null,
    title               text not null default '',
    amount              numeric(14, 2) check (amount >= 0),
    expected_close      date,
    stage               text not null default 'qualified'
                        check (stage in ('lead', 'qualified', 'negotiation', 'won', 'lost')),
    closed_at           timestamptz,
    created_by          bigint references users (id) on delete set null,
    -- The deal id in the company's CRM when imported, so a re-import updates instead of duplicating.
    import_key          text unique,
    inbound_message_id  bigint references inbound_messages (id) on delete set null,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    check ((closed_at is null) = (stage not in ('won', 'lost')))
);
create index deals_customer_idx on deals (customer_id);
-- The pipeline by stage from the index alone; the deals expected soonest in order, so a forecast's list stops early.
create index deals_open_idx on deals (owner_id) include (stage, amount, expected_close) where closed_at is null;
create index deals_closing_idx on deals (expected_close, amount desc nulls last, id) include (owner_id) where closed_at is null;
create index deals_won_idx on deals (closed_at) include (owner_id, amount) where stage = 'won';

create table sales_targets (
    id            bigint generated always as identity primary key,
    user_id       bigint not null references users (id) on delete cascade,
    scope         text not null check (scope in ('personal', 'team')),
    period_kind   text not null check (period_kind in ('month', 'quarter')),
    period_start  date not null,
    amount        numeric(14, 2) not null check (amount >= 0),
    set_by        bigint references users (id) on delete set null,
    set_at        timestamptz not null default now(),
    unique (user_id, scope, period_kind, period_start),
    check (extract(day from period_start) = 1),
    check (period_kind = 'month' or extract(month from period_start) in (1, 4, 7, 10))
);

-- Reports look each period row's customer up for its owner (and skip customers deleted by mistake): from the index
-- alone, without visiting the customers table.
create index customers_counted_id_idx on customers (id) include (owner_id) where deleted_at is null or erased_at is not null;

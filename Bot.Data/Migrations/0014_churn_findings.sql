-- The churn list reads findings the nightly scan stored instead of aggregating the whole book per question.
-- One row per customer the scan (or a daytime refresh) assessed: the facts ChurnRules judged, and the rank it gave.
create table churn_findings (
    customer_id               bigint primary key references customers (id) on delete cascade,
    owner_id                  bigint,
    name                      text not null,
    stage                     text not null,
    last_order_on             date,
    usual_days_between_orders float8,
    last_interaction_on       date,
    complaints_last30_days    integer not null,
    removed_rep_on            date,
    -- ChurnRules' order: the strongest signal (lower is stronger), then more findings first; 0 findings = not at risk.
    strongest                 smallint not null,
    finding_count             smallint not null,
    -- The signals the last nightly scan found, so the next scan tells owners only about new ones.
    scanned_signals           text[] not null default '{}'
);
create index churn_findings_owner_rank_idx on churn_findings (owner_id, strongest, finding_count desc, customer_id) where finding_count > 0;
create index churn_findings_rank_idx on churn_findings (strongest, finding_count desc, customer_id) where finding_count > 0;

-- Which day the stored findings are for; churn_list trusts them only on that day.
create table churn_scan (
    singleton  boolean primary key default true check (singleton),
    scanned_on date not null,
    scanned_at timestamptz not null
);

-- Customers whose facts changed since their findings were stored; the next read re-assesses them first.
-- Marks are upserted (not "do nothing") so a writer holds the mark's row lock until it commits: a reader that
-- takes the mark therefore waits for the writer and then sees its rows.
create table churn_stale (
    customer_id bigint primary key,
    marks       integer not null default 1
);

create function churn_mark_stale() returns trigger language plpgsql as $$
begin
    insert into churn_stale (customer_id) select distinct customer_id from changed_rows where customer_id is not null
    on conflict (customer_id) do update set marks = churn_stale.marks + 1;
    return null;
end $$;

-- One statement-level trigger per table and operation (contacts are never deleted, only marked).
do $$
declare
    target record;
begin
    for target in select * from (values ('interactions', 'insert'), ('interactions', 'update'), ('interactions', 'delete'),
                                        ('orders', 'insert'), ('orders', 'update'), ('orders', 'delete'),
                                        ('contacts', 'insert'), ('contacts', 'update')) as t (tab, op)
    loop
        execute format('create trigger %I after %s on %I referencing %s table as changed_rows for each statement execute function churn_mark_stale()',
            target.tab || '_churn_stale_' || target.op, target.op, target.tab, case target.op when 'delete' then 'old' else 'new' end);
    end loop;
end $$;

-- Customers themselves: stage, owner, name or deletion; the columns the interaction and order triggers keep
-- current are covered by those tables' own marks.
create function churn_mark_stale_customer() returns trigger language plpgsql as $$
begin
    insert into churn_stale (customer_id)
    select n.id from new_rows n join old_rows o on o.id = n.id
    where (n.stage, n.owner_id, n.legal_name, n.short_name, n.deleted_at) is distinct from (o.stage, o.owner_id, o.legal_name, o.short_name, o.deleted_at)
    on conflict (customer_id) do update set marks = churn_stale.marks + 1;
    return null;
end $$;
create trigger customers_churn_stale_update after update on customers
    referencing new table as new_rows old table as old_rows for each statement execute function churn_mark_stale_customer();

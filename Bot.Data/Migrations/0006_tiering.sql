-- The last tiering verdict on each customer, and every change of tier with its reason.
alter table customers add column rfm_r smallint, add column rfm_f smallint, add column rfm_m smallint,
    add column rfm_segment text, add column value_quadrant text;

create table tier_history (
    id           bigint generated always as identity primary key,
    customer_id  bigint not null references customers (id) on delete cascade,
    from_tier    char(1),
    to_tier      char(1) not null,
    reason       text not null,
    changed_at   timestamptz not null default now()
);
create index tier_history_customer_idx on tier_history (customer_id, changed_at);

-- Customers moved from one rep to another (a rep left, a territory changed): who asked, which customers moved from
-- whom, and WeCom's own transfer of each contact's WeChat account, followed until WeCom says how it ended.
create table reassignments (
    id            bigint generated always as identity primary key,
    to_user_id    bigint not null references users (id),
    requested_by  bigint references users (id) on delete set null,
    -- 'chat:<userid>' or 'cli'.
    source        text not null,
    at            timestamptz not null,
    reminders     integer not null,
    deals         integer not null
);

-- Its own id, not (reassignment, customer): a merge moves a duplicate's rows to the customer it merges into, which
-- may have been moved in the same reassignment.
create table reassigned_customers (
    id               bigint generated always as identity primary key,
    reassignment_id  bigint not null references reassignments (id) on delete cascade,
    customer_id      bigint not null references customers (id) on delete cascade,
    from_user_id     bigint references users (id) on delete set null
);
create index reassigned_customers_reassignment_idx on reassigned_customers (reassignment_id);
create index reassigned_customers_customer_idx on reassigned_customers (customer_id);

-- One row per WeChat account to transfer. It is written with the reassignment and requested from here, so a crash
-- between the two neither loses the transfer nor asks WeCom twice: a row left 'requesting' is checked against
-- transfer_result before it is requested again. resigned says which endpoint was used (set when requested).
create table contact_transfers (
    id               bigint generated always as identity primary key,
    reassignment_id  bigint not null references reassignments (id) on delete cascade,
    customer_id      bigint references customers (id) on delete cascade,
    contact_id       bigint references contacts (id) on delete set null,
    external_userid  text not null,
    handover_userid  text not null,
    takeover_userid  text not null,
    resigned         boolean,
    state            text not null default 'pending'
                     check (state in ('pending', 'requesting', 'waiting', 'taken_over', 'refused', 'limit', 'failed')),
    attempts         integer not null default 0,
    -- WeCom's answer for this account when it was requested (0 = started) and its transfer_result status since.
    errcode          integer,
    status           smallint,
    fail_reason      text,
    requested_at     timestamptz,
    takeover_time    timestamptz,
    checked_at       timestamptz,
    notified_at      timestamptz,
    created_at       timestamptz not null default now(),
    unique (reassignment_id, external_userid)
);
create index contact_transfers_open_idx on contact_transfers (handover_userid, takeover_userid) where state in ('pending', 'requesting', 'waiting');
create index contact_transfers_account_idx on contact_transfers (external_userid, takeover_userid);

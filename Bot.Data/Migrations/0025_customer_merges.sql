-- A duplicate customer merged into another keeps its row, marked deleted so every list, look-up and report leaves it
-- out, and says which customer it became: old links and the audit log still resolve it. Undoing the merge clears both.
alter table customers add column merged_into bigint references customers (id);
create index customers_merged_into_idx on customers (merged_into) where merged_into is not null;

-- What undoing a merge needs besides the ids the audit entry lists: the two customers and the contacts it changed as
-- they were before and right after it (an undo restores a value only where nothing changed it since), and the churn
-- finding it dropped. These rows hold names and phone numbers, so erasing either customer deletes them.
create table customer_merges (
    audit_id     bigint primary key references audit_log (id) on delete cascade,
    survivor_id  bigint not null,
    merged_id    bigint not null,
    before       jsonb not null,
    after        jsonb not null,
    undone_at    timestamptz
);

-- The funnel counts erased customers too (their data is gone, their stage still counts): the "customers per stage
-- now" count reads this index alone, as it read customers_owner_idx before erasure existed.
create index customers_counted_owner_idx on customers (owner_id, stage) where deleted_at is null or erased_at is not null;

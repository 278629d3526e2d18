-- Which host holds a lease: a host restarted after a crash releases its own at once instead of waiting them out.
alter table inbound_messages add column claimed_by text;

-- Why a message waits when it is not a failure (a per-minute limit, the care window): `outbox status` says so.
alter table outbox add column waiting_for text;

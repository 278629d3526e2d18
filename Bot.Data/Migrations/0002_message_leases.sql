-- Workers lease the rows they claim; a row whose lease ran out (its process died) is claimed again.
alter table inbound_messages add column claimed_until timestamptz;
alter table outbox add column claimed_until timestamptz;
alter table outbox add column wecom_msgid text;
create index outbox_recipient_idx on outbox (recipient, created_at);

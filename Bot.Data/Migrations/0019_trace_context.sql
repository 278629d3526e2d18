-- The W3C traceparent of the span that stored the row: the worker that handles a message, and the dispatcher that
-- sends a reply, continue the same trace although they run later, elsewhere, or after a restart.
alter table inbound_messages add column traceparent text;
alter table outbox add column traceparent text;

-- The parked gauge counts these on every scrape; without it that count reads every message ever sent.
create index outbox_parked_idx on outbox (id) where status = 'parked';

-- A message processed twice (after a crash) must not log its interaction twice.
create unique index interactions_inbound_key on interactions (inbound_message_id) where inbound_message_id is not null;
-- Where an opt-out from care messages came from: the rep's message, a corp tag, an import.
alter table customers add column care_opt_out_source text;
alter table contacts add column care_opt_out_source text;

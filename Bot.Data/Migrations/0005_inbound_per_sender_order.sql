-- Workers take a sender's messages one at a time, oldest first (see InboundStore.ClaimSql).
create index inbound_messages_sender_idx on inbound_messages (from_user, id) where status in ('pending', 'processing');

-- Dispatchers take a recipient's messages one at a time, oldest first, so the replies to one message (a privacy notice,
-- then what was recorded) reach the member in the order they were written. This index answers "is an older one open".
create index outbox_recipient_open_idx on outbox (recipient, id) where status in ('pending', 'sending');

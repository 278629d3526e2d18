-- The AI bot's streamed answers, written in the same transaction as the message that produced them, so an answer
-- exists exactly when the message's records do (Redis held them before and lost them while it was down).
create table stream_replies (
    stream_id  text primary key,
    reply      text not null,
    expires_at timestamptz not null
);

create index stream_replies_expires_idx on stream_replies (expires_at);

-- Interactions by channel and by rep for a period, read from the index alone.
create index interactions_time_rep_channel_idx on interactions (occurred_at) include (rep_id, channel);

-- Which host holds an outbox lease: a host restarted after a crash takes its own back at start instead of waiting them
-- out, which matters because only a member's oldest open message is claimable (0020) — one left in 'sending' holds up
-- every later reply to that member.
alter table outbox add column claimed_by text;

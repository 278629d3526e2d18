-- The stored WeCom message a reminder was set from (下周三提醒我给李伟打电话), as interactions and deals already keep
-- theirs: erasing the customer then finds and masks that message by this link, not by guessing from its names.
alter table reminders add column inbound_message_id bigint references inbound_messages (id) on delete set null;
create index reminders_inbound_idx on reminders (inbound_message_id) where inbound_message_id is not null;

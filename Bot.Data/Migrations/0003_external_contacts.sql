-- When the customer removed the rep in WeCom (del_follow_user): a churn signal the scans read.
alter table contacts add column wecom_removed_at timestamptz;
alter table contacts add column wecom_follow_user text;
create index contacts_wecom_removed_idx on contacts (wecom_removed_at) where wecom_removed_at is not null;

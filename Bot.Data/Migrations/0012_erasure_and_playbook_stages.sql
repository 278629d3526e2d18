-- A customer erased on request keeps an anonymised row so reports still add up; deleted_at alone means a
-- record undone as a mistake, which reports leave out.
alter table customers add column erased_at timestamptz;
-- The sales stages a playbook passage serves (lead, qualified, negotiation, won, after_sale, win_back).
alter table playbook_entries add column stages text[] not null default '{}';

-- A follow-up a manager assigns to a rep (让张伟明天去拜访金禾): the manager is told when the rep has done it.
alter table reminders add column assigned_by bigint references users (id) on delete set null;

-- An appointment (约了华东精密周五上午10点去厂里谈): the reminder comes before it; once it should be over the rep is
-- asked how it went, and the answer is logged as the interaction. outcome_asked_at: when that was asked (or found
-- unnecessary because the rep had already logged it); an interaction with the customer logged since is the answer.
alter table reminders add column appointment_at timestamptz;
alter table reminders add column appointment_channel text;
alter table reminders add column outcome_asked_at timestamptz;
create index reminders_outcome_due_idx on reminders (appointment_at) where appointment_at is not null and outcome_asked_at is null;
create index reminders_outcome_awaited_idx on reminders (rep_id, outcome_asked_at) where outcome_asked_at is not null;

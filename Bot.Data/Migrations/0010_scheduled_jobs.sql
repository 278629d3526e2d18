-- The due time a reminder card was last sent for: a postponed reminder gets a new card at its new time.
alter table reminders add column card_sent_for timestamptz;

-- One row per scheduled job execution: which host ran which fire time, how long it took, how it ended.
-- Deliberately no uniqueness on the fire time: a double fire must show up here, not be hidden.
create table job_runs (
    id              bigint generated always as identity primary key,
    job             text not null,
    scheduled_for   timestamptz not null,
    instance        text not null,
    started_at      timestamptz not null default now(),
    finished_at     timestamptz,
    outcome         text check (outcome in ('ok', 'failed')),
    detail          text
);
create index job_runs_job_idx on job_runs (job, scheduled_for desc);

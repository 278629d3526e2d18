-- Reports over a large book read these instead of aggregating a million interactions each time.
alter table customers add column last_interaction_at timestamptz, add column last_order_on date;
update customers c set
    last_interaction_at = (select max(i.occurred_at) from interactions i where i.customer_id = c.id),
    last_order_on = (select max(o.ordered_on) from orders o where o.customer_id = c.id);

-- Statement-level triggers with transition tables: one update per statement, so bulk imports stay fast.
create function customers_refresh_last_interaction() returns trigger language plpgsql as $$
begin
    update customers c set last_interaction_at = (select max(i.occurred_at) from interactions i where i.customer_id = c.id)
    where c.id in (select customer_id from changed_rows);
    return null;
end $$;
create trigger interactions_last_touch_insert after insert on interactions
    referencing new table as changed_rows for each statement execute function customers_refresh_last_interaction();
create trigger interactions_last_touch_update after update on interactions
    referencing new table as changed_rows for each statement execute function customers_refresh_last_interaction();
create trigger interactions_last_touch_delete after delete on interactions
    referencing old table as changed_rows for each statement execute function customers_refresh_last_interaction();

create function customers_refresh_last_order() returns trigger language plpgsql as $$
begin
    update customers c set last_order_on = (select max(o.ordered_on) from orders o where o.customer_id = c.id)
    where c.id in (select customer_id from changed_rows);
    return null;
end $$;
create trigger orders_last_order_insert after insert on orders
    referencing new table as changed_rows for each statement execute function customers_refresh_last_order();
create trigger orders_last_order_update after update on orders
    referencing new table as changed_rows for each statement execute function customers_refresh_last_order();
create trigger orders_last_order_delete after delete on orders
    referencing old table as changed_rows for each statement execute function customers_refresh_last_order();

create index interactions_time_idx on interactions (occurred_at);
create index interactions_complaint_idx on interactions (customer_id, occurred_at) where 'complaint' = any (objections);
create index reminders_due_all_idx on reminders (due_at);

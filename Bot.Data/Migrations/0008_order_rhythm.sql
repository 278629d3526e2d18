-- The customer's usual ordering rhythm for the churn scan: (last − first) / (orders − 1), kept current by trigger.
alter table customers add column first_order_on date, add column order_count integer not null default 0;
update customers c set first_order_on = o.first_on, order_count = o.n
from (select customer_id, min(ordered_on) as first_on, count(*)::int as n from orders group by customer_id) o
where o.customer_id = c.id;

create or replace function customers_refresh_last_order() returns trigger language plpgsql as $$
begin
    update customers c set last_order_on = o.last_on, first_order_on = o.first_on, order_count = coalesce(o.n, 0)
    from (select ids.customer_id, max(x.ordered_on) as last_on, min(x.ordered_on) as first_on, count(x.id)::int as n
          from (select distinct customer_id from changed_rows) ids left join orders x on x.customer_id = ids.customer_id
          group by ids.customer_id) o
    where c.id = o.customer_id;
    return null;
end $$;

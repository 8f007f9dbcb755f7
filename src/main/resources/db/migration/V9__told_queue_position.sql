-- The place in the queue a waiting person was last told: a message follows only when it gets better.
alter table conversation add column told_position integer;

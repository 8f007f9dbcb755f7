-- Runs unchanged on H2 and PostgreSQL.

-- Spring Modulith's event publication registry (its JDBC schema, version 2): an event between
-- modules is stored with the transaction that publishes it, one row per listener, and deleted
-- when the listener has done its work; what a crash interrupted is done after the restart.
-- The serialised event can be long (a case summary), hence the wide column; PostgreSQL's btree
-- would refuse such values in an index, so only the dates are indexed.
create table event_publication (
    id                     uuid          not null primary key,
    listener_id            varchar(512)  not null,
    event_type             varchar(512)  not null,
    serialized_event       varchar(1000000) not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 varchar(20),
    completion_attempts    integer,
    last_resubmission_date timestamp with time zone
);
create index ix_event_publication_completion on event_publication (completion_date);

-- The outbox worker claims a row for a while (the lease) in a short transaction, sends outside
-- any transaction, then records the outcome; a row whose claimer died is due again when the
-- lease ends. A message sent in parts records how many went out, so a retry sends only the rest.
alter table outbox add column claimed_by varchar(64);
alter table outbox add column claimed_until timestamp with time zone;
alter table outbox add column parts_sent integer default 0 not null;

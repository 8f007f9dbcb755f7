-- Runs unchanged on H2 and PostgreSQL. Several instances of the service may share one database.

-- The leader lock (Spring Integration's JdbcLockRegistry, its table as the library defines it):
-- the instance whose row has not expired runs the Telegram poller, the Matrix sync and the
-- scheduled jobs; it renews the row while it lives, and another takes over once it has expired.
create table int_lock (
    lock_key      char(36)     not null,
    region        varchar(100) not null,
    client_id     char(36),
    created_date  timestamp    not null,
    expired_after timestamp    not null,
    constraint int_lock_pk primary key (lock_key, region)
);

-- Token buckets shared by all instances (rate limits). Only PostgreSQL deployments use the table;
-- an instance on H2 keeps its buckets in memory. The state is Bucket4j's own serialised form, a
-- key is a limit's name and an address or session id; a bucket unused until expires_at would be
-- full again and is deleted.
create table rate_limit_bucket (
    bucket_key varchar(300) not null primary key,
    state      bytea        not null,
    expires_at timestamp with time zone not null
);
create index ix_rate_limit_bucket_expires on rate_limit_bucket (expires_at);

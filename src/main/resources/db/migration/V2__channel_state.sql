-- Where a channel's sync loop stands (the Matrix next_batch), and the counsellors' room threads.

create table channel_cursor (
    channel      varchar(20) primary key,
    cursor_value varchar(500) not null
);

create table matrix_ticket_thread (
    ticket_id     bigint primary key,
    room_id       varchar(200) not null,
    root_event_id varchar(200) not null,
    constraint uq_matrix_thread_root unique (root_event_id)
);

-- Counsellors' commands and replies in the Matrix room, handled once each.
create table matrix_seen_event (
    event_id varchar(200) primary key
);

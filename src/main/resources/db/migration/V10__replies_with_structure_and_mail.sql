-- What the bot says keeps its structure (cards of offers and events, links, sources) beside the plain
-- text, as JSON, in the transcript and in the outbox; null where the text says it all.
alter table message add column reply varchar(16000);
alter table outbox add column reply varchar(16000);

-- A copy of a counsellor's reply to the e-mail address a waiting person left: it must not hold up the
-- chat's own messages, and its row goes once it was sent or given up.
alter table outbox add column is_copy boolean default false not null;

-- The address a person left for the counsellor's answer, until the counselling ends; deleted with
-- the conversation like everything else.
alter table conversation add column reply_mail varchar(320);

-- Themes are grouped by their folded words ("auslanderbehorde") but shown as people spelled them
-- ("Ausländerbehörde"): each word's spelling is kept beside it, and with a word waiting to be common.
alter table insight add column spellings varchar(1300) default '' not null;
alter table insight add column theme_display varchar(200);
alter table insight_pending add column spelling varchar(40);

-- The remixer reads which image a message shows and which message a reply answers.
alter table chat_line add column media_id varchar(36);
alter table chat_line add column reply_to_seq bigint;

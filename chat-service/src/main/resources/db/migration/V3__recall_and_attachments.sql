-- A recalled message keeps its seq (no gap) and loses its content; services attach card data as JSON.
alter table message add column recalled_by varchar(64);
alter table message add column recalled_at timestamptz;
alter table message add column attachment  text;

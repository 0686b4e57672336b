-- A table as an application's first migration creates it: many columns, long statement text,
-- and a quoted identifier with a tab inside (legal in both H2 and PostgreSQL).
CREATE TABLE photo (
  id BIGINT PRIMARY KEY,
  owner_name VARCHAR(100) NOT NULL,
  title VARCHAR(200) NOT NULL,
  description VARCHAR(2000),
  width_in_pixels INTEGER NOT NULL DEFAULT 0,
  height_in_pixels INTEGER NOT NULL DEFAULT 0,
  taken_at TIMESTAMP,
  uploaded_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "camera	model" VARCHAR(100),
  visibility VARCHAR(20) NOT NULL DEFAULT 'private'
);

CREATE INDEX photo_owner_name_uploaded_at_index ON photo (owner_name, uploaded_at);

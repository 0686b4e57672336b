-- A dollar-quoted body with a tag, as PostgreSQL migrations write functions.
CREATE FUNCTION photo_area(w INTEGER, h INTEGER) RETURNS BIGINT AS $area_body$
BEGIN
  RETURN w::BIGINT * h; -- 'quotes' and $$ inside stay the function's
END;
$area_body$ LANGUAGE plpgsql IMMUTABLE;

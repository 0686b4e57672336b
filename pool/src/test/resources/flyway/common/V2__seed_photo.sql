INSERT INTO photo (id, owner_name, title, description, width_in_pixels, height_in_pixels, visibility)
VALUES (1, 'ann', 'It''s a long title for a photo that nobody will ever read to the end, really', 'first', 640, 480, 'public'),
       (2, 'bob', 'second', NULL, 1024, 768, 'private');

SELECT p.id, p.owner_name, p.title, p.description, p.width_in_pixels, p.height_in_pixels, p.taken_at, p.uploaded_at, p.visibility FROM photo p WHERE p.owner_name IN ('ann', 'bob') ORDER BY p.uploaded_at DESC, p.id;

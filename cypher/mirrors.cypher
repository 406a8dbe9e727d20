// name: mirrors
// params: target, as_of
// Which bodies or posts mirror (SPEJLER) which, and how; all of them when target is null.
// For a body, also the mirrors of its member posts ("to af medlemmerne spejler ...").
// Columns: mirror, mirrored, how.
MATCH (a)-[s:SPEJLER]->(b)
WHERE ($as_of IS NULL OR ((a.valid_from IS NULL OR a.valid_from <= $as_of) AND (a.valid_to IS NULL OR $as_of <= a.valid_to)))
  AND ($as_of IS NULL OR ((b.valid_from IS NULL OR b.valid_from <= $as_of) AND (b.valid_to IS NULL OR $as_of <= b.valid_to)))
  AND ($as_of IS NULL OR ((s.valid_from IS NULL OR s.valid_from <= $as_of) AND (s.valid_to IS NULL OR $as_of <= s.valid_to)))
OPTIONAL MATCH (a)-[m:MEDLEM_AF]->(body {id: $target})
WHERE a:Post
  AND ($as_of IS NULL OR ((m.valid_from IS NULL OR m.valid_from <= $as_of) AND (m.valid_to IS NULL OR $as_of <= m.valid_to)))
WITH a, b, s, collect(body) AS bodies
WHERE $target IS NULL OR a.id = $target OR b.id = $target OR size(bodies) > 0
RETURN a.id AS mirror, b.id AS mirrored, s.how AS how
ORDER BY mirror, mirrored

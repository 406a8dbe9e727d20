// name: mirrors
// params: target, as_of
// Which bodies or posts mirror (SPEJLER) which, and how; all of them when target is null.
// Columns: mirror, mirrored, how.
MATCH (a)-[s:SPEJLER]->(b)
WHERE ($target IS NULL OR a.id = $target OR b.id = $target)
  AND ($as_of IS NULL OR ((a.valid_from IS NULL OR a.valid_from <= $as_of) AND (a.valid_to IS NULL OR $as_of <= a.valid_to)))
  AND ($as_of IS NULL OR ((b.valid_from IS NULL OR b.valid_from <= $as_of) AND (b.valid_to IS NULL OR $as_of <= b.valid_to)))
  AND ($as_of IS NULL OR ((s.valid_from IS NULL OR s.valid_from <= $as_of) AND (s.valid_to IS NULL OR $as_of <= s.valid_to)))
RETURN a.id AS mirror, b.id AS mirrored, s.how AS how
ORDER BY mirror, mirrored

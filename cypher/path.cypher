// name: path
// params: source, target, max_length, via, as_of
// All simple paths of at most max_length (up to 4) hops between two nodes, in either direction; via (a list of types, or null) restricts the relation types.
// Columns: length, hops (the relationship ids in order).
MATCH p = (a {id: $source})-[*1..4]-(b {id: $target})
WHERE length(p) <= $max_length
  AND all(i IN range(0, size(nodes(p)) - 2) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
  AND ($via IS NULL OR all(r IN relationships(p) WHERE type(r) IN $via))
  AND ($as_of IS NULL OR all(x IN nodes(p) WHERE (x.valid_from IS NULL OR x.valid_from <= $as_of) AND (x.valid_to IS NULL OR $as_of <= x.valid_to)))
  AND ($as_of IS NULL OR all(x IN relationships(p) WHERE (x.valid_from IS NULL OR x.valid_from <= $as_of) AND (x.valid_to IS NULL OR $as_of <= x.valid_to)))
RETURN length(p) AS length, [r IN relationships(p) | r.id] AS hops
ORDER BY length, hops

// name: path
// params: source, target, max_length, via, as_of
// All simple paths of at most max_length (default 4, at most 8) hops between two nodes, in either direction; via (a list of types, or null) restricts the relation types.
// Columns: length, hops (the relationship ids in order). The order is orggraph path's: shortest first, then fewer hops against
// the relations' own direction, then by the relation types and ids hop by hop. The bound 8 is orggraph.queries.paths.MAX_LENGTH
// and the default 4 is DEFAULT_LENGTH (a test keeps them in step): Cypher needs a literal upper bound, and
// 'orggraph neo4j query path' lowers it to max_length before running the query (NamedQuery.statement).
MATCH p = (a {id: $source})-[*1..8]-(b {id: $target})
WHERE length(p) <= coalesce($max_length, 4)
  AND all(i IN range(0, size(nodes(p)) - 2) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
  AND ($via IS NULL OR all(r IN relationships(p) WHERE type(r) IN $via))
  AND ($as_of IS NULL OR all(x IN nodes(p) WHERE (x.valid_from IS NULL OR x.valid_from <= $as_of) AND (x.valid_to IS NULL OR $as_of <= x.valid_to)))
  AND ($as_of IS NULL OR all(x IN relationships(p) WHERE (x.valid_from IS NULL OR x.valid_from <= $as_of) AND (x.valid_to IS NULL OR $as_of <= x.valid_to)))
WITH p, size([i IN range(0, length(p) - 1) WHERE startNode(relationships(p)[i]) <> nodes(p)[i]]) AS against,
     reduce(key = [], r IN relationships(p) | key + [type(r), r.id]) AS key
RETURN length(p) AS length, [r IN relationships(p) | r.id] AS hops
ORDER BY length, against, key

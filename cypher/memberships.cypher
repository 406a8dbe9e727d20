// name: memberships
// params: target, as_of
// Everything a municipality (or another node) takes part in: its KKR and bodies, cooperations, the RAR covering it, posts it holds and positions in it.
// Columns: part_of, type.
MATCH (t {id: $target})
WHERE $as_of IS NULL OR ((t.valid_from IS NULL OR t.valid_from <= $as_of) AND (t.valid_to IS NULL OR $as_of <= t.valid_to))
MATCH (t)-[r]-(x)
WHERE ((startNode(r) = t AND type(r) IN ['MEDLEM_AF', 'DELTAGER_I'])
    OR (endNode(r) = t AND type(r) IN ['DAEKKER', 'BESTRIDES_AF', 'MEDLEM_AF']))
  AND ($as_of IS NULL OR ((x.valid_from IS NULL OR x.valid_from <= $as_of) AND (x.valid_to IS NULL OR $as_of <= x.valid_to)))
  AND ($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR $as_of <= r.valid_to)))
RETURN x.id AS part_of, type(r) AS type
ORDER BY type, part_of

// name: members
// params: target, as_of
// The members of a KKR or body (MEDLEM_AF), the municipalities a RAR or council covers (DAEKKER), or the participants of a cooperation (DELTAGER_I).
// Columns: member, type.
MATCH (t {id: $target})
WHERE $as_of IS NULL OR ((t.valid_from IS NULL OR t.valid_from <= $as_of) AND (t.valid_to IS NULL OR $as_of <= t.valid_to))
MATCH (x)-[r]-(t)
WHERE (((t:RAR OR t:Beskaeftigelsesraad) AND type(r) = 'DAEKKER' AND startNode(r) = t)
    OR (t:Samarbejde AND type(r) = 'DELTAGER_I' AND endNode(r) = t)
    OR (NOT t:RAR AND NOT t:Beskaeftigelsesraad AND NOT t:Samarbejde AND type(r) = 'MEDLEM_AF' AND endNode(r) = t))
  AND ($as_of IS NULL OR ((x.valid_from IS NULL OR x.valid_from <= $as_of) AND (x.valid_to IS NULL OR $as_of <= x.valid_to)))
  AND ($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR $as_of <= r.valid_to)))
RETURN x.id AS member, type(r) AS type
ORDER BY member

// name: appointments
// params: target, as_of
// Who appoints (UDPEGER) which seats: for a KKR or organisation the seats it fills, for a body its seats, for a post its appointers.
// Columns: appointer, post, body, seats.
MATCH (t {id: $target})
WHERE $as_of IS NULL OR ((t.valid_from IS NULL OR t.valid_from <= $as_of) AND (t.valid_to IS NULL OR $as_of <= t.valid_to))
MATCH (a)-[u:UDPEGER]->(p:Post)
WHERE (((t:KKR OR t:Organisation) AND a = t) OR (t:Post AND p = t) OR ((NOT t:KKR AND NOT t:Organisation AND NOT t:Post) AND (p)-[:MEDLEM_AF]->(t)))
  AND ($as_of IS NULL OR ((a.valid_from IS NULL OR a.valid_from <= $as_of) AND (a.valid_to IS NULL OR $as_of <= a.valid_to)))
  AND ($as_of IS NULL OR ((p.valid_from IS NULL OR p.valid_from <= $as_of) AND (p.valid_to IS NULL OR $as_of <= p.valid_to)))
  AND ($as_of IS NULL OR ((u.valid_from IS NULL OR u.valid_from <= $as_of) AND (u.valid_to IS NULL OR $as_of <= u.valid_to)))
OPTIONAL MATCH (p)-[:MEDLEM_AF]->(b)
RETURN a.id AS appointer, p.id AS post, b.id AS body, u.seats AS seats
ORDER BY body, post, appointer

// name: who_supports
// params: target, as_of
// Who supports a RAR, seat, KKR, body or a roster's person: direct supporters, and those one step behind a direct one.
// Every fact is filtered by the in-force predicate of cypher/README.md. Columns: supporter, type, supports, reaches, direct.
MATCH (t {id: $target})
WHERE $as_of IS NULL OR ((t.valid_from IS NULL OR t.valid_from <= $as_of) AND (t.valid_to IS NULL OR $as_of <= t.valid_to))
OPTIONAL MATCH (p:Post)-[m:MEDLEM_AF]->(t)
WHERE NOT t:Post
  AND ($as_of IS NULL OR ((p.valid_from IS NULL OR p.valid_from <= $as_of) AND (p.valid_to IS NULL OR $as_of <= p.valid_to)))
  AND ($as_of IS NULL OR ((m.valid_from IS NULL OR m.valid_from <= $as_of) AND (m.valid_to IS NULL OR $as_of <= m.valid_to)))
WITH t, collect(p) AS posts
OPTIONAL MATCH (t)-[m:MEDLEM_AF]->(b)
WHERE t:Post AND (b:RAR OR b:Beskaeftigelsesraad OR b:Organ OR b:KKR)
  AND ($as_of IS NULL OR ((b.valid_from IS NULL OR b.valid_from <= $as_of) AND (b.valid_to IS NULL OR $as_of <= b.valid_to)))
  AND ($as_of IS NULL OR ((m.valid_from IS NULL OR m.valid_from <= $as_of) AND (m.valid_to IS NULL OR $as_of <= m.valid_to)))
WITH t, posts, collect(b) AS bodies
// A vice-chair held by one of the municipal members is a municipal member: the seat group
// whose holders hold the post counts too.
OPTIONAL MATCH (t)-[h:BESTRIDES_AF]->(holder:Post)
WHERE t:Post
  AND ($as_of IS NULL OR ((holder.valid_from IS NULL OR holder.valid_from <= $as_of) AND (holder.valid_to IS NULL OR $as_of <= holder.valid_to)))
  AND ($as_of IS NULL OR ((h.valid_from IS NULL OR h.valid_from <= $as_of) AND (h.valid_to IS NULL OR $as_of <= h.valid_to)))
WITH t, posts, bodies, collect(holder) AS holders
WITH t, [t] + posts + bodies + holders AS things
// A person from a roster is what they hold: the seat group and the chair posts held by the
// person, the bodies those belong to and the seat group whose holders hold the chair; and
// the bodies the person is a member of.
OPTIONAL MATCH (t)<-[h1:BESTRIDES_AF]-(held:Post)
WHERE t:Person AND ($as_of IS NULL OR ((held.valid_from IS NULL OR held.valid_from <= $as_of) AND (held.valid_to IS NULL OR $as_of <= held.valid_to)))
  AND ($as_of IS NULL OR ((h1.valid_from IS NULL OR h1.valid_from <= $as_of) AND (h1.valid_to IS NULL OR $as_of <= h1.valid_to)))
OPTIONAL MATCH (held)-[m2]->(x)
WHERE ((type(m2) = 'MEDLEM_AF' AND (x:RAR OR x:Beskaeftigelsesraad OR x:Organ OR x:KKR)) OR (type(m2) = 'BESTRIDES_AF' AND x:Post))
  AND ($as_of IS NULL OR ((x.valid_from IS NULL OR x.valid_from <= $as_of) AND (x.valid_to IS NULL OR $as_of <= x.valid_to)))
  AND ($as_of IS NULL OR ((m2.valid_from IS NULL OR m2.valid_from <= $as_of) AND (m2.valid_to IS NULL OR $as_of <= m2.valid_to)))
WITH t, things, collect(DISTINCT held) AS helds, collect(DISTINCT x) AS xs
WITH t, things + helds + xs AS things
OPTIONAL MATCH (t)-[m3:MEDLEM_AF]->(pb)
WHERE t:Person AND ($as_of IS NULL OR ((pb.valid_from IS NULL OR pb.valid_from <= $as_of) AND (pb.valid_to IS NULL OR $as_of <= pb.valid_to)))
  AND ($as_of IS NULL OR ((m3.valid_from IS NULL OR m3.valid_from <= $as_of) AND (m3.valid_to IS NULL OR $as_of <= m3.valid_to)))
WITH t, things, collect(pb) AS pbs
WITH t, things + pbs AS things
UNWIND things AS thing
// Support, most formal first (orggraph.queries.support.SUPPORT): a staff unit serving a whole body,
// the KKR side serving the municipal members, briefing them, preparing cases for a body.
MATCH (s)-[r:SEKRETARIATSBETJENER|BETJENER|BRIEFER|UNDERSTOETTER]->(thing)
WHERE s <> t
  AND ($as_of IS NULL OR ((s.valid_from IS NULL OR s.valid_from <= $as_of) AND (s.valid_to IS NULL OR $as_of <= s.valid_to)))
  AND ($as_of IS NULL OR ((r.valid_from IS NULL OR r.valid_from <= $as_of) AND (r.valid_to IS NULL OR $as_of <= r.valid_to)))
WITH t, thing, s, r
// One step behind a direct supporter: the body it is placed under or was set up by, who
// holds the post, or the municipality that provides the employee in it.
OPTIONAL MATCH (s)-[i]-(behind)
WHERE ((startNode(i) = s AND type(i) IN ['UNDER', 'NEDSAT_AF', 'BESTRIDES_AF'])
       OR (endNode(i) = s AND type(i) = 'STILLER_TIL_RAADIGHED'))
  AND NOT (behind:KKR OR behind:Organisation OR behind:RAR OR behind:Beskaeftigelsesraad) AND behind <> t
  AND ($as_of IS NULL OR ((behind.valid_from IS NULL OR behind.valid_from <= $as_of) AND (behind.valid_to IS NULL OR $as_of <= behind.valid_to)))
  AND ($as_of IS NULL OR ((i.valid_from IS NULL OR i.valid_from <= $as_of) AND (i.valid_to IS NULL OR $as_of <= i.valid_to)))
WITH thing, type(r) AS type, [[s.id, true]] + CASE WHEN behind IS NULL THEN [] ELSE [[behind.id, false]] END AS found
UNWIND found AS f
// One row per supporter and thing supported: a direct link wins over an indirect one, and
// the more formal relation over the less formal one (the rank is the position in SUPPORT).
WITH thing, f[0] AS supporter, f[1] AS direct, type,
     CASE type WHEN 'SEKRETARIATSBETJENER' THEN 0 WHEN 'BETJENER' THEN 1 WHEN 'BRIEFER' THEN 2 WHEN 'UNDERSTOETTER' THEN 3 END AS rank
ORDER BY direct DESC, rank
WITH thing, supporter, collect([type, direct])[0] AS best
RETURN supporter, best[0] AS type, thing.id AS supports,
       CASE WHEN NOT thing:Post THEN 'the_body'
            WHEN thing.group = 'kommunale' THEN 'municipal_members'
            WHEN thing.seats IS NOT NULL THEN 'seat'
            ELSE 'position' END AS reaches,
       best[1] AS direct
ORDER BY supporter, supports

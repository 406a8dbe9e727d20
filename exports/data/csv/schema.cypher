// Constraints and indexes orggraph needs, run before any data is written
// (by 'orggraph neo4j push' and at the top of the exported orggraph.cypher).
// One uniqueness constraint on id per kind of orggraph/model.py (KINDS; a test keeps the two
// in step), and one for the :Kilde nodes (the cited documents): MERGE finds a node by its
// label and id.
// IF NOT EXISTS makes the file safe to run again.
CREATE CONSTRAINT orggraph_kkr_id IF NOT EXISTS FOR (n:KKR) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_rar_id IF NOT EXISTS FOR (n:RAR) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_kommune_id IF NOT EXISTS FOR (n:Kommune) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_sekretariat_id IF NOT EXISTS FOR (n:Sekretariat) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_organ_id IF NOT EXISTS FOR (n:Organ) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_post_id IF NOT EXISTS FOR (n:Post) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_pejlemaerke_id IF NOT EXISTS FOR (n:Pejlemaerke) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_samarbejde_id IF NOT EXISTS FOR (n:Samarbejde) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_beskaeftigelsesraad_id IF NOT EXISTS FOR (n:Beskaeftigelsesraad) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_beslutning_id IF NOT EXISTS FOR (n:Beslutning) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_opgave_id IF NOT EXISTS FOR (n:Opgave) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_anbefaling_id IF NOT EXISTS FOR (n:Anbefaling) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_forsoegsrunde_id IF NOT EXISTS FOR (n:Forsoegsrunde) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT orggraph_kilde_id IF NOT EXISTS FOR (n:Kilde) REQUIRE n.id IS UNIQUE;

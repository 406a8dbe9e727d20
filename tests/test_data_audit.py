"""The data audit's findings that are fixed, each pinned against its source
(../shared/audits/data-audit-2026-11.md; issue 14). Each test asserts the right structure,
not only that the wrong one is gone."""

from conftest import data_records, shared_dir


def _node(node_id: str) -> dict:
    return next(n for n in data_records()["nodes"] if n["id"] == node_id)


def _seed(name: str) -> str:
    text = next(shared_dir().joinpath("seeds").glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    return " ".join(text.split())


def test_m3_rar_bornholms_composition_is_derived_not_stated():
    """§ 27, stk. 3 lets §§ 28-29 be set aside on Bornholm (reference: "Bornholm may deviate")."""
    reference = (shared_dir() / "reference" / "national_facts.md").read_text(encoding="utf-8")
    assert "Bornholm may deviate (§ 27 stk. 3)" in reference
    nodes, edges = data_records()["nodes"], data_records()["edges"]
    posts = [n for n in nodes if n["id"].startswith("post-rar-bornholm-")]
    assert len(posts) == 7
    for post in posts:
        assert post["confidence"] == "derived" and "§ 27, stk. 3" in post["confidence_note"], post["id"]
    seats = [e for e in edges if e["type"] == "MEDLEM_AF" and e["to"] == "rar-bornholm"]
    nominations = [e for e in edges if e["type"] == "UDPEGER" and e["to"].startswith("post-rar-bornholm-")]
    assert len(seats) == 7 and nominations
    assert all(e.get("confidence") in ("derived", "unverified") for e in seats + nominations)
    assert "§ 27, stk. 3" in _node("rar-bornholm")["attrs"]["members_note"]
    # the other RARs' composition stays as the law states it
    assert all(n.get("confidence", "stated") == "stated" for n in nodes
               if n["id"].startswith("post-rar-fyn-") and (n.get("attrs") or {}).get("group") in ("da", "kommunale"))


def test_m1_midtjyllands_baggrundsgruppe_and_styregruppe_are_one_body_by_inference():
    body = _node("organ-midtjylland-styregruppe")
    assert body["confidence"] == "derived"
    assert "baggrundsgruppe" in body["name"] and "styregruppe" in body["name"] and "(Midtjylland)" not in body["name"]
    assert "nedsat af KD-net" in _seed("001") and "administrative baggrundsgruppe" in _seed("003")
    for said in ("den administrative baggrundsgruppe", "den administrative styregruppe på området, nedsat af KD-net"):
        assert said in body["confidence_note"]


def test_m2_hovedstadens_recommendations_say_they_come_from_the_draft():
    """The sub-points are now Anbefaling items (tests/test_audit_midt_hoved_syd.py has the skal/kan counts)."""
    draft = _seed("004")
    assert "Udkast til anbefalinger" in draft
    edges = data_records()["edges"]
    for pid in ("pm-hovedstaden-virksomhedsrettede", "pm-hovedstaden-borgerrettede",
                "pm-hovedstaden-opkvalificering-medarbejdere", "pm-hovedstaden-dokumentation"):
        node = _node(pid)
        assert "subpoints" not in node["attrs"], pid
        assert any(s["document"] == "seed-003" for s in node["sources"])  # the heading as adopted
        items = [_node(e["from"]) for e in edges if e["type"] == "DEL_AF" and e["to"] == pid]
        assert items, pid
        for item in items:
            assert item["attrs"]["status"] == "udkast" and "udkastet af 26. januar 2015" in item["confidence_note"]
            assert all(" ".join(s["quote"].split()) in draft for s in item["sources"] if s["document"] == "seed-004")


def test_m9_employee_seats_carry_no_name_that_did_not_exist_before_2019():
    nodes, edges = data_records()["nodes"], data_records()["edges"]
    for post in (n for n in nodes if n["id"].startswith("post-rar-") and n["id"].endswith("-fh")):
        assert post["name"].startswith("Lønmodtagerpladser i RAR "), post["name"]
        nominators = {e["from"]: e for e in edges if e["type"] == "UDPEGER" and e["to"] == post["id"]}
        assert nominators["org-fh"]["valid_from"] == "2019-01-01"
        assert nominators["org-lo"]["valid_to"] == nominators["org-ftf"]["valid_to"] == "2018-12-31"


def test_rar_vestjyllands_vice_chair_is_tied_to_the_municipal_seats_like_syddanmarks():
    """Audit §3.11: model "kommunal næstformand" the same way in every RAR."""
    assert "borgmesteren samtidig er næstformand i RAR Vestjylland" in _seed("003")
    held = {(e["from"], e["to"]): e for e in data_records()["edges"] if e["type"] == "BESTRIDES_AF"}
    for vice, seats in (("post-rar-vestjylland-naestformand", "post-rar-vestjylland-kommunale"),
                        ("post-rar-fyn-naestformand-kommunal", "post-rar-fyn-kommunale"),
                        ("post-rar-sydjylland-naestformand-kommunal", "post-rar-sydjylland-kommunale")):
        edge = held[(vice, seats)]
        assert edge["confidence"] == "derived" and edge["confidence_note"], vice
    assert ("post-rar-vestjylland-naestformand", "post-struer-borgmester") in held  # who holds it, as the note says

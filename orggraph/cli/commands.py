"""The ``orggraph`` app and its commands; each calls the library inside :func:`~orggraph.cli._common.reported`.

May import: exceptions, atomic, model, tables, queries, readwrite, the package root, compare, charts, explorer, regenerate, cli.
"""

from __future__ import annotations

__all__ = ["app"]

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from orggraph import __version__
from orggraph.charts import CHART_KINDS, LANGS  # the choices the library offers, stated in the packages' light
from orggraph.charts import FORMATS as CHART_FORMATS  # __init__ (their heavy modules are imported on first use)
from orggraph.cli._common import (
    AsOfOption,
    DataOption,
    ExportAsOfOption,
    JsonOption,
    KindChoice,
    RosterOption,
    answer,
    answer_day,
    echo,
    load_graph,
    print_json,
    reported,
    stand_line,
    status,
)
from orggraph.cli._startup import Group
from orggraph.cli.neo4j import neo4j_app
from orggraph.compare import MATRIX_FORMATS
from orggraph.exceptions import UsageError
from orggraph.model import KINDS, Kind, RELATIONS
from orggraph.queries.paths import DEFAULT_LENGTH, MAX_LENGTH
from orggraph.regenerate import CHOICES as EXPORT_CHOICES

app = typer.Typer(
    name="orggraph",
    cls=Group,
    help="The organisation and mandates of Danish cross-municipal employment policy as a graph.\n\n"
         "Every answer is for one date. Without --as-of it is the current state of the data: the latest day, "
         "on or before today, on which something in the data came into force or ended (in the packaged data "
         "2025-03-01, when the five regionale beskæftigelsesråd replaced the RAR). The output names that day; use --as-of 2022-01-01 for the RAR era.\n\n"
         "--data, --roster, --as-of and --json work before or after the command name.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

def _version(value: bool) -> None:
    if value:
        typer.echo(f"orggraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """The organisation and mandates of Danish cross-municipal employment policy as a graph."""


@app.command()
def validate(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Datasets to check: YAML directories or CSV pairs. Default: the packaged data.", show_default=False),
    ] = None,
    data: DataOption = None,
    roster: RosterOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check datasets (and, with --roster, member rosters against the statute) and report every problem as file:line: field: message.

    An attribute the vocabulary does not declare for its kind or relation is a warning (exit 0).
    """
    from orggraph.readwrite.load import build, check_dataset

    with reported():
        problems, warnings, checked = [], [], []
        for path in [*(paths or []), *([data] if data else [])] or [None]:
            result = check_dataset(path)
            problems += result.errors
            warnings += result.warnings
            checked.append((path, result))
        rosters = []
        if not problems:  # the statute in the data itself: each council's seat groups add up to its members
            from orggraph.readwrite.load import read_raw
            from orggraph.readwrite.roster import check_councils

            for path, result in checked:
                problems += check_councils(build(result), lambda path=path: read_raw(path))  # read again only to place a problem
        if roster and not problems:
            from orggraph.readwrite.roster import check_rosters, read_roster

            graph = build(checked[-1][1])
            for file in roster:
                lines, trouble = read_roster(file)
                trouble += check_rosters(graph, lines)
                problems += trouble
                rosters.append((file, lines, trouble))
    if as_json:
        print_json({"valid": not problems, "errors": [p.as_dict() for p in problems], "warnings": [w.as_dict() for w in warnings]})
    else:
        for problem in problems:
            echo(str(problem), err=True)
        for warning in warnings if not problems else ():  # the problems first; warnings once the data is valid
            echo(f"orggraph: warning: {warning}", err=True)
        for path, result in checked:
            name = str(path) if path else "packaged data"
            if result.errors:
                echo(f"{name}: {len(result.errors)} problem(s)")
            else:
                noted = f"; {len(result.warnings)} warning(s)" if result.warnings and not problems else ""
                echo(f"{name}: valid ({len(result.nodes)} nodes, {len(result.edges)} edges{noted})")
        for file, lines, trouble in rosters:
            echo(f"{file}: {len(trouble)} problem(s)" if trouble else f"{file}: valid ({len(lines)} lines)")
    if problems:
        raise typer.Exit(1)


@app.command()
def info(data: DataOption = None, roster: RosterOption = None, as_of: AsOfOption = None, as_json: JsonOption = False) -> None:
    """Count the nodes by kind and the relations by type."""
    from orggraph.queries.lookup import info as run
    from orggraph.tables import render

    graph, result, day, defaulted = answer(lambda graph, day: run(graph, day), data, roster, as_of)
    if as_json:
        return print_json(result)
    echo(stand_line(day, defaulted))
    echo(render([[k, KINDS[k], n] for k, n in result["nodes"].items()], ["Art", "Beskrivelse", "Antal"]))
    echo()
    echo(render([[t, RELATIONS[t].label, n] for t, n in result["edges"].items()], ["Relation", "Betydning", "Antal"]))
    echo()
    echo(render([[k, t, n] for k, types in result["body_types"].items() for t, n in types.items()], ["Art", "Type", "Antal"]))
    echo()
    shown = [k for k in KINDS if any(k in counts for counts in result["areas"].values())]
    echo(render([[a] + [counts.get(k, "") for k in shown] for a, counts in result["areas"].items()], ["KKR-område"] + shown))


@app.command()
def find(
    text: Annotated[str, typer.Argument(help="Text to look for in ids, names and aliases (case and æøå folded).")],
    kind: Annotated[Optional[KindChoice], typer.Option("--kind", help="Only nodes of this kind.", show_default=False)] = None,
    data: DataOption = None,
    roster: RosterOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Find nodes by part of their id, name or alias."""
    from orggraph.queries.lookup import find as run
    from orggraph.tables import render

    with reported():
        graph = load_graph(data, roster)
        day, defaulted = answer_day(graph, as_of)
        result = run(graph, text, kind.value if kind else None, day)
        other = [] if result or day is None else run(graph, text, kind.value if kind else None, None)
    if as_json:
        return print_json(result)
    echo(stand_line(day, defaulted))
    if not result:
        echo(f"Ingen knuder matcher {text!r} pr. {day}." if day else f"Ingen knuder matcher {text!r}.")
        if other:
            echo("På andre datoer (vælg en af dem med --as-of):")
            echo(render([[r["id"], r["kind"], r["name"], _validity(graph.node(r["id"]))] for r in other], ["Id", "Art", "Navn", "Gyldig"]))
        return
    echo(render([[r["id"], r["kind"], r["name"]] for r in result], ["Id", "Art", "Navn"]))


def _validity(record: dict) -> str:
    start, end = record.get("valid_from"), record.get("valid_to")
    return f"{start or '…'} – {end or '…'}" if start or end else ""


def _sure(record: dict) -> str:
    """The confidence mark, and why the fact is only possibly in force on the date, if it is."""
    why = record.get("uncertain")
    return f"{record['confidence']} (usikker: {why})" if why else record["confidence"]


@app.command()
def show(
    ref: Annotated[str, typer.Argument(help="Id, name or alias of a node (case and æøå folded).")],
    data: DataOption = None,
    roster: RosterOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one node, its sources and all its relations with their sources."""
    from orggraph.queries.lookup import show as run
    from orggraph.tables import render, source_label, sources_label

    graph, result, day, defaulted = answer(lambda graph, day: run(graph, ref, day), data, roster, as_of)
    if as_json:
        return print_json(result)
    node = result["node"]
    echo(stand_line(day, defaulted))
    echo(f"{node['name']}  ({KINDS[node['kind']]}, {node['id']})")
    era = result["era"]
    if era and not era["in_force"]:
        echo(f"Ikke gyldig pr. {day}: {era['text']}")
    if era and era["uncertain"]:
        echo(f"Usikker pr. {day}: {era['uncertain']}")
    details = [("Gyldig", _validity(node)), ("Sikkerhed", node["confidence"]), ("Begrundelse", node["confidence_note"]),
               ("Område", node["area"]), ("Andre navne", ", ".join(node["aliases"]))]
    for label, value in details:
        if value:
            echo(f"{label}: {value}")
    for key, value in node["attrs"].items():
        echo(f"  {key}: {json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}")
    echo("Kilder:")
    for source in node["sources"]:
        echo(f"  {source_label(source)}: \"{source['quote']}\"" if source["quote"] else f"  {source_label(source)}")
    for heading, rows in (("Afløst af", era["replaced_by"] if era else []), ("Afløser", result["replaces"])):
        if rows:
            echo(f"\n{heading}:")
            for r in rows:
                echo(f"  {r['node']['name']} ({r['node']['id']}) fra {r['from']} [{r['confidence']}; {sources_label(r['sources'])}]")
    if era and not era["in_force"]:
        return
    for title, side, key in (("Udgående relationer", "out", "target"), ("Indgående relationer", "in", "source")):
        rows = [[RELATIONS[e["type"]].label, e[key]["name"], e[key]["id"], _validity(e), _sure(e), sources_label(e["sources"])]
                for e in result[side]]
        echo(f"\n{title} ({len(rows)}):")
        if rows:
            echo(render(rows, ["Relation", "Til" if side == "out" else "Fra", "Id", "Gyldig", "Sikkerhed", "Kilder"], max_width=50))
    if result["seats"]:
        rows = [[s["post"]["name"], s["seats"], a["source"]["name"], a["attrs"].get("seats", ""), _validity(a), _sure(a), sources_label(a["sources"])]
                for s in result["seats"] for a in s["appointed_by"] or [{"source": {"name": ""}, "attrs": {}, "confidence": "", "sources": []}]]
        echo(f"\nPladser og udpegning ({len(result['seats'])} grupper, {sum(s['seats'] for s in result['seats'])} pladser):")
        echo(render(rows, ["Pladser", "Antal", "Udpeges af", "Udpeger", "Gyldig", "Sikkerhed", "Kilder"], max_width=45))


Relation = Enum("Relation", {r: r for r in RELATIONS}, type=str)


@app.command("who-supports")
def who_supports(
    ref: Annotated[str, typer.Argument(help="A RAR, a seat or post, a KKR or a body: id, name or alias.")],
    data: DataOption = None,
    roster: RosterOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who supports a RAR, seat, KKR or body: direct supporters first, each with its path and sources."""
    from orggraph.queries.paths import path_text
    from orggraph.queries.support import MUNICIPAL_MEMBERS, POSITION, SEAT, THE_BODY, who_supports as run
    from orggraph.tables import render, sources_label

    graph, result, day, defaulted = answer(lambda graph, day: {"as_of": day, **run(graph, ref, day)}, data, roster, as_of)
    if as_json:
        return print_json(result)
    reaches = {THE_BODY: "hele organet", MUNICIPAL_MEMBERS: "kun de kommunale medlemmer", SEAT: "kun denne pladsgruppe",
               POSITION: "kun denne post"}
    target = result["target"]
    echo(stand_line(day, defaulted))
    echo(f"Hvem understøtter {target['name']} ({target['id']})" + (f" pr. {day}" if day else ""))
    rows = [[i, s["supporter"]["name"], s["supporter"]["kind"], RELATIONS[s["type"]].label, reaches[s["reaches"]],
             "direkte" if s["direct"] else "indirekte", path_text(graph, s["supporter"]["id"], s["path"]), sources_label(s["sources"])]
            for i, s in enumerate(result["supporters"], 1)]
    if not rows:
        echo("Ingen støtte i data.")
    else:
        echo(render(rows, ["Nr", "Støtte", "Art", "Relation", "Rækker til", "Direkte", "Sti", "Kilder"], max_width=70))
    if result["unknown"]:
        echo(result["unknown"][:1].upper() + result["unknown"][1:])  # "Ukendt: …", as the data says it
    if not rows or target["kind"] != Kind.Person:
        return
    flags = {"same_municipality": "samme kommune", "chair_from_member_municipality": "formand fra medlemmets kommune",
             "mirrors_member": "spejler medlemmet"}
    echo("\nHvorfor:")
    for i, s in enumerate(result["supporters"], 1):
        echo(f"  {i}. {s['supporter']['name']}: {s['why']}")
    people = [[s["supporter"]["name"], p["person"]["name"], p["role"] or "", p["title"] or "", (p["municipality"] or {}).get("name", ""),
               ", ".join(flags[f] for f in p["flags"])] for s in result["supporters"] for p in s["persons"]]
    if people:
        echo("\nPersoner i de understøttende organer (fra --roster):")
        echo(render(people, ["Organ", "Navn", "Rolle", "Titel", "Kommune", "Bemærk"], max_width=50))  # text, not vocabulary


@app.command()
def appointments(
    ref: Annotated[str, typer.Argument(help="A RAR or body (its seats), a KKR or organisation (the seats it fills), or a post.")],
    data: DataOption = None,
    roster: RosterOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who appoints which seats (udpeger), with the number of seats and how."""
    from orggraph.queries.appointments import appointments as run
    from orggraph.tables import render, sources_label

    graph, result, day, defaulted = answer(lambda graph, day: {"as_of": day, **run(graph, ref, day)}, data, roster, as_of)
    if as_json:
        return print_json(result)
    rows = [[(a["body"] or {}).get("name", ""), a["post"]["name"], a["seats"] or "", a["appointer"]["name"], _validity(a), a["confidence"], sources_label(a["sources"])]
            for a in result["appointments"]]
    echo(stand_line(day, defaulted))
    echo(f"Udpegning: {result['target']['name']}" + (f" pr. {day}" if day else ""))
    if rows:
        echo(render(rows, ["Organ", "Pladser", "Antal", "Udpeges af", "Gyldig", "Sikkerhed", "Kilder"], max_width=50))  # text, not vocabulary
        notes = sorted({a["how"] for a in result["appointments"] if a["how"]})
        for note in notes:
            echo(f"Note: {note}")
    else:
        echo("Ingen udpegninger i data.")


@app.command()
def mirrors(
    ref: Annotated[Optional[str], typer.Argument(help="Only mirrors that involve this node. Default: all.", show_default=False)] = None,
    data: DataOption = None,
    roster: RosterOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Which bodies or posts mirror (spejler) which, and how."""
    from orggraph.queries.appointments import mirrors as run
    from orggraph.tables import render, sources_label

    graph, result, day, defaulted = answer(lambda graph, day: {"as_of": day, **run(graph, ref, day)}, data, roster, as_of)
    if as_json:
        return print_json(result)
    echo(stand_line(day, defaulted))
    rows = [[m["mirror"]["name"], m["mirrored"]["name"], m["how"] or "", _validity(m), m["confidence"], sources_label(m["sources"])]
            for m in result["mirrors"]]
    echo(render(rows, ["Spejler", "Spejlet", "Hvordan", "Gyldig", "Sikkerhed", "Kilder"], max_width=60) if rows else "Ingen spejlinger i data.")


@app.command()
def path(
    source: Annotated[str, typer.Argument(metavar="FROM", help="Start node: id, name or alias.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="End node: id, name or alias.")],
    max_length: Annotated[int, typer.Option("--max-length", min=1, max=MAX_LENGTH, help="The most hops a path may have.")] = DEFAULT_LENGTH,
    via: Annotated[Optional[list[Relation]], typer.Option("--via", help="Follow only this relation type (repeat for several).", show_default=False)] = None,
    directed: Annotated[bool, typer.Option("--directed", help="Follow relations only in their own direction.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Return at most this many paths.")] = 50,
    data: DataOption = None,
    roster: RosterOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """All simple paths between two nodes, shortest first, with their relation types."""
    from orggraph.queries.paths import path_text, paths as run

    def question(graph, day):
        return {"as_of": day, **run(graph, source, target, max_length=max_length, via=[v.value for v in via or []] or None,
                                    directed=directed, as_of=day, limit=limit)}

    graph, result, day, defaulted = answer(question, data, roster, as_of)
    if as_json:
        return print_json(result)
    echo(stand_line(day, defaulted))
    if not result["paths"]:
        echo(f"Ingen sti fra {result['from']['name']} til {result['to']['name']} med højst {max_length} trin.")
        return
    for i, hops in enumerate(result["paths"], 1):
        echo(f"{i:>3}. ({len(hops)}) {path_text(graph, result['from']['id'], hops)}")
    if result["truncated"]:
        echo("… flere stier findes; brug --limit eller --via for at se dem.")


@app.command()
def members(
    ref: Annotated[str, typer.Argument(help="A KKR or body (its members), a RAR (the municipalities it covers) or a cooperation.")],
    data: DataOption = None,
    roster: RosterOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    with_persons: Annotated[bool, typer.Option("--persons", help="Who sits in which seat group (from --roster): nominated by whom, with substitutes.")] = False,
) -> None:
    """The municipalities in a KKR or body, covered by a RAR, or taking part in a cooperation; with --persons, who sits in it."""
    from orggraph.queries.membership import members as run, persons

    graph, result, day, defaulted = answer(lambda graph, day: (persons if with_persons else run)(graph, ref, day), data, roster, as_of)
    if with_persons:
        return _print_persons(result, as_json, stand_line(day, defaulted))
    _print_rows(result, "members", "member", as_json, f"Medlemmer af {result['target']['name']}" + (f" pr. {day}" if day else ""), stand_line(day, defaulted))


@app.command()
def memberships(
    ref: Annotated[str, typer.Argument(help="A municipality (or any node): id, name or alias.")],
    data: DataOption = None,
    roster: RosterOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """The KKR, RAR, bodies, posts and cooperations a municipality takes part in."""
    from orggraph.queries.membership import memberships as run

    graph, result, day, defaulted = answer(lambda graph, day: run(graph, ref, day), data, roster, as_of)
    _print_rows(result, "memberships", "part_of", as_json, f"{result['target']['name']} deltager i" + (f" pr. {day}" if day else ""), stand_line(day, defaulted))


def _holder_row(label: str, h: dict) -> list:
    sub = h["substitute"]
    return [label, h["person"]["name"], h["role"] or "", h["title"] or "", (h["municipality"] or {}).get("name", ""),
            (h["nominated_by"] or {}).get("name", ""), sub["person"]["name"] if sub else "", _validity(h), h["roster"] or ""]


def _print_persons(result: dict, as_json: bool, stand: str) -> None:
    from orggraph.tables import render

    if as_json:
        return print_json(result)
    echo(stand)
    target = result["target"]
    echo(f"Personer i {target['name']}" + (f" pr. {result['as_of']}" if result["as_of"] else ""))
    rows = []
    for g in result["seat_groups"]:
        label = f"{g['seat_group']['name']} ({len(g['holders'])} af {g['seats']})"
        rows += [_holder_row(label, h) for h in g["holders"]] or [[label, "", "", "", "", ", ".join(n["name"] for n in g["nominated_by"]), "", "", ""]]
    rows += [_holder_row(p["post"]["name"], h) for p in result["posts"] for h in p["holders"]]
    rows += [_holder_row("medlem", h) for h in result["members"]]
    if not any(r[1] for r in rows):
        echo("Ingen personer i data; indlæs en medlemsliste med --roster FILE.")
    echo(render(rows, ["Plads", "Navn", "Rolle", "Titel", "Kommune", "Udpeget af", "Suppleant", "Gyldig", "Linje"],  # text, not vocabulary
                max_width=50))


def _print_rows(result: dict, section: str, key: str, as_json: bool, title: str, stand: str) -> None:
    from orggraph.tables import render, sources_label

    if as_json:
        return print_json(result)
    rows = [[r[key]["name"], r[key]["kind"], RELATIONS[r["type"]].label, _validity(r), _sure(r), sources_label(r["sources"])]
            for r in result[section]]
    echo(stand)
    echo(f"{title} ({len(rows)}):")
    if rows:
        echo(render(rows, ["Navn", "Art", "Relation", "Gyldig", "Sikkerhed", "Kilder"], max_width=60))


ChartKind = Enum("ChartKind", {k: k for k in CHART_KINDS}, type=str)
ChartFormat = Enum("ChartFormat", {f: f for f in CHART_FORMATS}, type=str)
Lang = Enum("Lang", {lang: lang for lang in LANGS}, type=str)
ExportTarget = Enum("ExportTarget", {t: t for t in EXPORT_CHOICES}, type=str)


@app.command()
def chart(
    kind: Annotated[ChartKind, typer.Argument(help="principmodel, areas (the five KKR areas side by side), region (one KKR area), rar (one RAR) or national.")],
    ref: Annotated[Optional[str], typer.Argument(help="The KKR (region) or RAR (rar): id, name or alias.", show_default=False)] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write; the suffix picks the format (.pdf .svg .png .dot .mmd). '-' writes to standard output (give --format).")] = ...,
    fmt: Annotated[Optional[ChartFormat], typer.Option("--format", help="Format, when the suffix does not say.", show_default=False)] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the chart and its caption.")] = Lang.da,
    caption: Annotated[bool, typer.Option("--caption", help="Also write the caption beside the figure: FILE.txt and FILE.json (title, date line, sources, footnotes, alt text).")] = False,
    data: DataOption = None,
    roster: RosterOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Draw a figure for a Word or PDF note, at its final size (16 cm wide), with its caption.

    The image holds no title, legend or sources: they are in the caption, printed here and
    written beside the figure with --caption. Without --as-of, the chart shows the current
    state of the data (the latest change on or before today), and says which day that is.
    """
    from orggraph.atomic import is_stdout
    from orggraph.charts.build import build_chart
    from orggraph.charts.caption import caption_files, caption_text
    from orggraph.charts.render import chart_format, fit, write_chart

    with reported():
        chosen = chart_format(output, fmt.value if fmt else None)
        if caption and is_stdout(output):
            raise UsageError("--caption writes files beside the figure; give -o FILE, not '-'")
        graph = load_graph(data, roster)
        day, defaulted = answer_day(graph, as_of)
        built = build_chart(graph, kind.value, ref, as_of=day, lang=lang.value)
        written = [write_chart(built, output, chosen)]
        if caption:
            from orggraph.atomic import atomic_write_bytes

            files = {output.with_suffix(f".{suffix}"): data for suffix, data in caption_files(built).items()}
            atomic_write_bytes(files)
            written += list(files)
        warnings = fit(built) if chosen in ("pdf", "svg", "png") else []
    for warning in warnings:
        echo(f"orggraph: warning: {warning}", err=True)
    if as_json:
        return print_json({"written": [str(w) for w in written], "kind": kind.value, "title": built.title, "as_of": built.as_of,
                            "boxes": len([n for n in built.nodes.values() if not n.note]), "arrows": len(built.edges),
                            "caption": built.caption(), "warnings": warnings})
    status(stand_line(built.as_of, defaulted), output)
    status(f"{written[0]} ({len([n for n in built.nodes.values() if not n.note])} boxes, {len(built.edges)} arrows)", output)
    status(caption_text(built).rstrip("\n"), output)


@app.command()
def report(
    output: Annotated[Path, typer.Option("-o", "--output", help="The Word file to write (.docx).")] = ...,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the figures and captions.")] = Lang.da,
    data: DataOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Write every figure at 16 cm in a Word file, each with "Figur n.", its "Kilde:" line and alt text, and the comparison table."""
    from orggraph.charts.report import write_report

    with reported():
        if output.suffix.lower() != ".docx" or output == Path("-"):
            raise UsageError(f"{str(output)!r}: the report is a Word file; give -o NAME.docx")
        graph = load_graph(data)
        day, defaulted = answer_day(graph, as_of)
        written = write_report(graph, output, lang.value, day)
    if as_json:
        return print_json({"written": [str(written)], "as_of": day})
    echo(stand_line(day, defaulted))
    echo(f"{written} written")


@app.command()
def export(
    target: Annotated[ExportTarget, typer.Argument(help="A data format (graphml, yed, gexf, json, csv, cypher, ttl, popolo, xlsx), charts, data (every format) or all (what exports/ holds).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write, or '-' for standard output; a folder for csv, charts, data and all (created if needed).")] = ...,
    region: Annotated[Optional[str], typer.Option("--region", metavar="REGION", help="Only one KKR area (id, name or alias) and what its relations reach.", show_default=False)] = None,
    data: DataOption = None,
    roster: RosterOption = None,
    as_of: ExportAsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Export the graph for other tools, or regenerate exports/ with 'orggraph export all -o exports'."""
    from orggraph.regenerate import export as run

    with reported():
        written = run(load_graph(data, roster), target.value, output, as_of=as_of, region=region)
    if as_json:
        return print_json({"written": [str(p) for p in written]})
    shown = written[0] if len(written) == 1 else f"{len(written)} files under {output}"
    status(f"{shown} written", output)


@app.command()
def explore(
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write; '-' writes to standard output.")] = ...,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the page.")] = Lang.da,
    charts_url: Annotated[Optional[str], typer.Option("--charts-url", metavar="URL", help="Link each body to its chart files here (e.g. ../charts/ beside exports/charts). Default: no chart links.", show_default=False)] = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Write the explorer: one offline HTML page to search, read sources, ask who supports whom, on any date.

    The page needs no network and no server: open it in a browser, put it on an intranet page
    or send it by e-mail. --as-of is the date it opens on (default: the current state of the data,
    the latest change on or before today).
    """
    from orggraph.explorer import write_explorer

    with reported():
        if output.suffix.lower() not in (".html", ".htm") and str(output) != "-":
            raise UsageError(f"{str(output)!r}: the explorer is one HTML page; give -o NAME.html")
        graph = load_graph(data)
        day, defaulted = answer_day(graph, as_of)
        written = write_explorer(graph, output, as_of=day, lang=lang.value, charts_url=charts_url)
    if as_json:
        return print_json({"written": [str(written)], "as_of": day})
    status(stand_line(day, defaulted), output)
    status(f"{written} written", output)


CompareFormat = Enum("CompareFormat", {f: f for f in MATRIX_FORMATS}, type=str)


@app.command()
def compare(
    regions: Annotated[Optional[list[str]], typer.Argument(help="KKR areas: id, name or region (Nordjylland). Default: all five.", show_default=False)] = None,
    diff_pair: Annotated[Optional[tuple[str, str]], typer.Option("--diff", metavar="A B", help="Compare two regions role by role, with a similarity score.", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to this file (.md .csv .json .xlsx) instead of printing; '-' is standard output.", show_default=False)] = None,
    fmt: Annotated[Optional[CompareFormat], typer.Option("--format", help="table, md, csv, json or xlsx; default from -o's suffix, else table.", show_default=False)] = None,
    as_json: JsonOption = False,
    data: DataOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Compare the regions' structures: a matrix of features x regions, each cell with its evidence.

    With --diff A B: what one region has that the other lacks, role by role, and how similar
    their role structures are.
    """
    from orggraph.compare import compare as matrix
    from orggraph.compare import diff
    from orggraph.compare.output import generate_matrix, matrix_format, write_matrix

    with reported():
        graph = load_graph(data)
        day, defaulted = answer_day(graph, as_of)
        if diff_pair:
            if regions or output or fmt:
                raise UsageError("--diff takes its two regions itself, and prints a table or --json")
            result = {"as_of": day, **diff(graph, *diff_pair, as_of=day)}
            if as_json:
                return print_json(result)
            echo(stand_line(day, defaulted))
            return _print_diff(result)
        chosen = "json" if as_json else matrix_format(output, fmt.value if fmt else None)
        result = matrix(graph, regions, as_of=day)
        if output:
            write_matrix(result, output, chosen)
        elif chosen == "xlsx":
            raise UsageError("an XLSX workbook must go to a file: add -o FILE.xlsx")
    if output:
        status(stand_line(day, defaulted), output)
        status(f"{output} written ({len(result['features'])} features x {len(result['regions'])} regions)", output)
    elif chosen == "json":
        print_json(result)
    else:
        if chosen == "table":
            echo(stand_line(day, defaulted))
        echo(generate_matrix(result, chosen).decode("utf-8").rstrip("\n"), wrap=chosen == "table")


def _count(n: int, one: str, many: str) -> str:
    """``n`` with the Danish singular or plural: ``1 rolle``, ``2 roller``."""
    return f"{n} {one if n == 1 else many}"


def _print_diff(result: dict) -> None:
    from orggraph.tables import render

    a, b = result["regions"]
    name, role = result["names"], result["role_labels"]
    status = {"same role": "begge", "same kind": "samme art", "different kind": "forskellig art", "neither": "ingen af dem",
              f"only {a}": f"kun {name[a]}", f"only {b}": f"kun {name[b]}"}
    rows = [[r["label"], status[r["status"]],
             f"{r[a]['names'] or '–'} ({r[a]['kind'] or '–'})", f"{r[b]['names'] or '–'} ({r[b]['kind'] or '–'})"]
            for r in result["roles"]]
    echo(render(rows, ["Rolle", "Forskel", name[a], name[b]], max_width=90))
    for side, edges in result["relations"].items():
        said = [f"{role.get(u, u)} —{RELATIONS[t].label}→ {role.get(v, v)}" for u, t, v in edges]
        echo(f"\nRelationer mellem roller, {status[side]}: " + ("; ".join(said) or "ingen"))
    parts = result["distance_parts"]
    echo(f"\nLighed {result['similarity']:.3f}: redigeringsafstand {result['distance']} = "
         f"{_count(parts['roles_only_in_one'], 'rolle', 'roller')} kun i den ene + "
         f"{_count(parts['roles_filled_by_another_kind'], 'rolle', 'roller')} udfyldt af en anden art + "
         f"{_count(parts['relations_only_in_one'], 'relation', 'relationer')} kun i den ene (1 = samme struktur, 0 = intet fælles)")


app.add_typer(neo4j_app)

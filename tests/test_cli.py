"""The `coopkg` command, run as a user runs it: a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.damage import Damaged

GUIDES = Path(__file__).parent / "data" / "guides"


# A user with an English locale, unless a test says otherwise (the messages follow the
# locale: tests/test_i18n.py checks the Chinese ones).
ENGLISH = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "COOPKG_LANG": ""}


def coopkg(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("coopkg", path=str(Path(sys.executable).parent)) or "coopkg"
    return subprocess.run([exe, *args], capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={**os.environ, **ENGLISH, **env})


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    done = coopkg("build", "--store", str(path))
    assert done.returncode == 0, done.stderr
    assert "guide 2021-1: 29 directions" in done.stderr
    return path


def test_query_totals_by_file_reproduces_the_headline(store):
    queries = Path(__file__).parents[1] / "queries" / "totals.rq"
    done = coopkg("query", str(queries), "--store", str(store), "--format", "csv")
    assert done.returncode == 0, done.stderr
    (row,) = list(csv.DictReader(io.StringIO(done.stdout)))
    assert (row["directions"], row["partners"], row["projects_max_sum"]) == ("29", "19", "266")
    assert row["stated_budget_cny"] == "820000000"
    assert row["budget_cny_sum"] == "822500000"


@pytest.mark.parametrize("fmt", ["table", "tsv", "json"])
def test_query_formats(store, fmt):
    done = coopkg("query", "direction-partners", "--store", str(store), "--format", fmt)
    assert done.returncode == 0, done.stderr
    if fmt == "json":
        data = json.loads(done.stdout)
        assert data["head"]["vars"] == ["code", "partner", "partner_name_en", "guide"]
        assert len(data["results"]["bindings"]) == 30
    else:
        assert "3.0" in done.stdout and "GEO" in done.stdout


def test_ad_hoc_sparql(store):
    done = coopkg("query", "ASK { ?d <https://w3id.org/coopkg/ontology#code> \"2.0\" }",
                  "--store", str(store))
    assert done.stdout.strip() == "true"


def test_export_one_graph_as_turtle(store, tmp_path):
    out = tmp_path / "guide.ttl"
    done = coopkg("export", "--store", str(store), "--graph", "guide/2021-1", "--format", "turtle",
                  "-o", str(out))
    assert done.returncode == 0, done.stderr
    from rdflib import Graph

    assert len(Graph().parse(out)) > 5000


@pytest.mark.parametrize("view", ["schema-org", "eurio", "dcat"])
def test_export_a_view(store, view):
    done = coopkg("export", "--store", str(store), "--view", view, "--format", "jsonld")
    assert done.returncode == 0, done.stderr
    from rdflib import Graph

    assert len(Graph().parse(data=done.stdout, format="json-ld")) > 20


def test_a_view_is_one_graph_in_a_triple_format(store):
    done = coopkg("export", "--store", str(store), "--view", "eurio", "--format", "trig")
    assert done.returncode == 2 and "turtle" in done.stderr
    unknown = coopkg("export", "--store", str(store), "--view", "nosuch")
    assert unknown.returncode == 2 and "schema-org" in unknown.stderr  # unusable input


def test_the_cordis_sample_loads_and_joins_the_guide(tmp_path):
    target = str(tmp_path / "store")
    assert coopkg("build", "--store", target, "-q").returncode == 0
    sample = Path(__file__).parents[1] / "data" / "samples" / "cordis-h2020-china.ttl"
    done = coopkg("load", str(sample), "--graph", "samples/cordis", "--store", target)
    assert done.returncode == 0, done.stderr
    joined = coopkg("query", "integration/h2020-for-2.7", "--store", target, "--format", "csv")
    assert joined.returncode == 0, joined.stderr
    got = {r["acronym"] for r in csv.DictReader(io.StringIO(joined.stdout))}
    assert {"EU-China-Safe", "REGREEN", "MIX-UP", "INTAROS", "TUBE"} <= got
    assert not {"iSQAPER", "MARSU"} & got  # ended in 2020; no title stated


def test_errors_are_one_line_and_exit_2(store, tmp_path):
    bad = coopkg("build", "--store", str(tmp_path / "s"), "--guide", str(GUIDES / "bad-number.txt"))
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0
    assert "3.1" in bad.stderr and "745" in bad.stderr and "Traceback" not in bad.stderr
    missing = coopkg("build", "--store", str(tmp_path / "s"), "--guide", "no/such/guide.txt")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    query = coopkg("query", "SELECT WHERE {", "--store", str(store))
    assert query.returncode == 2 and "malformed query" in query.stderr
    nostore = coopkg("query", "totals", "--store", str(tmp_path / "empty"))
    assert nostore.returncode == 2 and "coopkg build" in nostore.stderr


def test_strict_build_fails_on_unplaced_text(tmp_path):
    done = coopkg("build", "--strict", "--store", str(tmp_path / "s"),
                  "--guide", str(GUIDES / "unplaced-text.txt"))
    assert done.returncode == 2 and "324" in done.stderr
    lenient = coopkg("build", "--store", str(tmp_path / "s"),
                     "--guide", str(GUIDES / "unplaced-text.txt"))
    assert lenient.returncode == 0 and "warning" in lenient.stderr and "324" in lenient.stderr


def test_usage_error_exits_2():
    assert coopkg("query").returncode == 2


def test_named_query_parameters_are_bindings(store):
    done = coopkg("query", "fields-by-keyword", "--param", "keyword=\" } ; DROP ALL #",
                  "--store", str(store), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines() == ["code,field,field_zh,field_en,guide,keyword"]
    missing = coopkg("query", "fields-by-keyword", "--store", str(store))
    assert missing.returncode == 2 and "--param keyword" in missing.stderr
    unknown = coopkg("query", "fields-by-keyword", "--param", "colour=red", "--store", str(store))
    assert unknown.returncode == 2 and "colour" in unknown.stderr


# A conforming 1.3 proposal (an enterprise leads), shared with the other test modules.
PROPOSAL = dict(json.loads((Path(__file__).parent / "data" / "proposals" / "examples" /
                            "1.3-enterprise-lead.json").read_text(encoding="utf-8")),
                id="urn:example:proposal:cli-1")


def _write(tmp_path, name, doc):
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _university_lead(tmp_path, proposal_id):
    """The proposal, led by a university where 1.3 asks for an enterprise (a violation)."""
    return _write(tmp_path, "bad.json", {**PROPOSAL, "id": proposal_id, "participants": [
        {**PROPOSAL["participants"][0], "type": "university"}, PROPOSAL["participants"][1]]})


def test_validate_exit_codes_and_json_shape(store, tmp_path):
    good = _write(tmp_path, "good.json", PROPOSAL)
    bad = _university_lead(tmp_path, "urn:example:proposal:cli-2")
    ok = coopkg("validate", str(good), "--store", str(store), "--format", "json")
    assert ok.returncode == 0, ok.stderr
    (result,) = json.loads(ok.stdout)["results"]
    assert (result["proposal"], result["direction"], result["conforms"]) == (
        "urn:example:proposal:cli-1", "1.3", True)
    both = coopkg("validate", str(good), str(bad), "--store", str(store), "--format", "json")
    assert both.returncode == 1
    results = json.loads(both.stdout)["results"]
    assert [r["conforms"] for r in results] == [True, False]
    finding = next(f for f in results[1]["findings"] if f["severity"] == "violation")
    assert finding["requirement"] == "1.3/1"
    assert set(finding) >= {"requirement", "severity", "message_zh", "message_en", "focus",
                            "path"}


def test_validate_text_and_turtle(store, tmp_path):
    good = _write(tmp_path, "good.json", PROPOSAL)
    text = coopkg("validate", str(good), "--store", str(store), "--lang", "en")
    assert text.returncode == 0 and "conforms" in text.stdout
    ttl = coopkg("validate", str(good), "--store", str(store), "--format", "turtle")
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    report = Graph().parse(data=ttl.stdout, format="turtle")
    assert list(report.subjects(RDF.type, SH.ValidationReport))


def test_validate_unusable_input_exits_2(store, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    done = coopkg("validate", str(broken), "--store", str(store))
    assert done.returncode == 2 and "not JSON" in done.stderr
    neg = _write(tmp_path, "neg.json", {**PROPOSAL, "requestedFunding": {"amount": -1}})
    done = coopkg("validate", str(neg), "--store", str(store))
    assert done.returncode == 2 and "requestedFunding.amount" in done.stderr
    several = Path(__file__).parent / "data" / "proposals" / "bad" / "several-problems.json"
    done = coopkg("validate", str(several), "--store", str(store))
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 5, done.stderr
    for path in ("colour", "endDate", "requestedFunding.amount", "participants[1].type",
                 "participants[1].country"):
        assert sum(f": {path}: " in line for line in lines) == 1, path


def test_requirements_list_every_rule_and_totals_that_add_up(store):
    done = coopkg("requirements", "--store", str(store), "--format", "tsv", "--lang", "en")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    rows = [ln.split("\t") for ln in lines[1:]]
    assert {r[1] for r in rows} >= {"3.4/2", "3.9/subdirection", "guide/direction"}
    assert all(r[4] in {"SHACL Core", "SHACL-SPARQL", "manual", "informational", "covered"}
               for r in rows)
    assert f"{len(rows)} in all: " in done.stderr  # the TSV itself stays rows only
    summary = json.loads(coopkg("requirements", "--coverage", "--store", str(store),
                                "--format", "json").stdout)
    totals = summary["totals"]
    parts = ("machine_checked", "manual", "covered", "informational")
    assert sum(totals[k] for k in parts) == totals["total"] == len(rows)
    for k in (*parts, "total"):
        assert sum(d[k] for d in summary["directions"]) == totals[k], k
    assert totals["machine_checked"] == sum(r[4].startswith("SHACL") for r in rows)


def test_requirements_totals_line_speaks_the_chosen_language(store):
    zh = coopkg("requirements", "--store", str(store), "--lang", "zh")
    assert zh.returncode == 0 and "共 " in zh.stdout and "机器核查" in zh.stdout
    en = coopkg("requirements", "--store", str(store), LANG="en_US.UTF-8")
    assert " in all: " in en.stdout and "machine-checked" in en.stdout


def test_an_unknown_named_query_is_named_with_the_list(store):
    zh = coopkg("query", "nosuchquery", "--store", str(store), LANG="zh_CN.UTF-8")
    assert zh.returncode == 2
    assert "nosuchquery" in zh.stderr and "totals" in zh.stderr and "命名查询" in zh.stderr
    assert "malformed" not in zh.stderr and "Traceback" not in zh.stderr
    en = coopkg("query", "nosuchquery", "--store", str(store), LANG="en_GB.UTF-8")
    assert "no named query “nosuchquery”" in en.stderr and "directions-by-partner" in en.stderr


@pytest.mark.parametrize("columns", ["80", "40"])
def test_tables_never_cut_numbers(store, columns):
    done = coopkg("query", "totals", "--store", str(store), COLUMNS=columns)
    assert done.returncode == 0, done.stderr
    for number in ("822500000", "820000000", "266"):
        assert number in done.stdout, done.stdout
    assert "…" not in done.stdout
    budgets = coopkg("query", "partner-budget", "--store", str(store), COLUMNS=columns)
    assert "140000000" in budgets.stdout and "…" not in budgets.stdout


def test_eligible_lists_open_directions_first(store, tmp_path):
    consortium = _write(tmp_path, "c.json", {"participants": [
        {"country": "CN", "type": "university", "role": "lead"},
        {"country": "DE", "type": "research_institute", "role": "partner_lead"}]})
    done = coopkg("eligible", str(consortium), "--store", str(store), "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["results"]
    assert len(rows) == 29
    order = {"eligible": 0, "needs_information": 1, "not_eligible": 2}
    assert [order[r["status"]] for r in rows] == sorted(order[r["status"]] for r in rows)
    by_code = {r["direction"]: r for r in rows}
    assert by_code["3.6"]["status"] == "eligible"        # Germany, any organisation types
    assert by_code["3.4"]["status"] == "not_eligible"    # "2+2" needs enterprises on both sides
    assert by_code["1.2"]["status"] == "not_eligible"    # no New Zealand partner
    assert any(f["requirement"] == "1.2/partner" for f in by_code["1.2"]["findings"])
    assert set(by_code["1.2"]) >= {"direction", "status", "findings", "missing"}


def test_eligible_text_asks_for_missing_facts_once_with_a_summary(store):
    riken = Path(__file__).parent / "data" / "consortia" / "riken.json"
    zh = coopkg("eligible", str(riken), "--store", str(store), "--lang", "zh")
    assert zh.returncode == 0, zh.stderr
    lines = zh.stdout.strip().splitlines()
    assert lines[-1].startswith("共 29 个方向：可以申报 ")
    (line_15,) = [ln for ln in lines if ln.startswith("? 1.5")]
    assert "需补充信息" in line_15
    assert any("participants[1].ownership" in ln and "RIKEN" in ln for ln in lines)
    details = [ln for ln in lines if ln.startswith("      ")]
    assert len(details) == len(set(details))
    en = coopkg("eligible", str(riken), "--store", str(store), "--lang", "en")
    assert en.stdout.strip().splitlines()[-1].startswith("Of 29 directions: ")




def test_validate_without_a_store_exits_2_not_1(tmp_path):
    proposal = Path(__file__).parent / "data" / "proposals" / "1.3" / "ok.json"
    done = coopkg("validate", str(proposal), "--store", str(tmp_path / "nowhere"))
    assert done.returncode == 2
    assert "coopkg build" in done.stderr and "Traceback" not in done.stderr


def test_serve_takes_host_and_port_from_the_environment(store):
    import os
    import socket
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = shutil.which("coopkg", path=str(Path(sys.executable).parent)) or "coopkg"
    proc = subprocess.Popen([exe, "serve", "--store", str(store)],
                            env={**os.environ, "COOPKG_HOST": "127.0.0.1",
                                 "COOPKG_PORT": str(port)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_messages_follow_the_locale_and_the_group_lang_option(store, tmp_path):
    zh = coopkg("queries", LANG="zh_CN.UTF-8")
    assert "指南自述的数字与各方向合计的对照" in zh.stdout
    en = coopkg("--lang", "en", "queries", LANG="zh_CN.UTF-8")
    assert "The guide's own figures beside what its directions add up to" in en.stdout
    assert not re.search(r"[\u4e00-\u9fff]", en.stdout)
    bad = tmp_path / "bad.json"
    bad.write_text('{"direction": 3.4, "participants": []}', encoding="utf-8")
    said = coopkg("validate", str(bad), "--store", str(store), LANG="zh_CN.UTF-8")
    assert said.returncode == 2
    assert "错误：" in said.stderr and "至少需要一家参与单位" in said.stderr
    assert "须是字符串" in said.stderr and "at least" not in said.stderr
    said = coopkg("--lang", "en", "validate", str(bad), "--store", str(store))
    assert "at least one participant is needed" in said.stderr
    assert not re.search(r"[\u4e00-\u9fff]", said.stderr)


def test_a_damaged_guide_is_refused_listing_every_defect_or_kept_going(tmp_path):
    damaged = (Damaged().garble_budget("3.1").drop_count("2.9").relabel("2.4", "2.3")
               .stray_paragraph(after="2.1", before="2.2"))
    path = str(damaged.write(tmp_path / "damaged.txt"))
    target = str(tmp_path / "s")
    assert coopkg("build", "--store", target, "-q").returncode == 0
    count = ("SELECT (COUNT(?d) AS ?n) WHERE { ?d a <https://w3id.org/coopkg/ontology#Direction> }")

    def directions() -> str:
        done = coopkg("query", count, "--store", target, "--format", "csv")
        return done.stdout.split()[-1]

    refused = coopkg("--lang", "zh", "build", "--store", target, "--guide", path)
    assert refused.returncode == 2, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == len(damaged.planted) == 4
    for planted in damaged.planted:
        (line,) = [ln for ln in lines if f"{path}:{planted.line}，方向 {planted.direction}" in ln]
        assert line.startswith("错误：" if planted.level == "error" else "警告：")
    assert not re.search(r"[A-Za-z]{2,}", refused.stderr.replace(path, "")), refused.stderr
    assert directions() == "29"  # the previous dataset stays

    kept = coopkg("build", "--store", target, "--guide", path, "--keep-going", "-q")
    assert kept.returncode == 0, kept.stderr
    for code in ("2.3", "2.9", "3.1"):
        assert f"left out direction {code} (line " in kept.stderr
    assert "3 directions left out, the other 26 stored" in kept.stderr
    assert "(29 directions, 266 projects, CNY 820000000) include the directions left out" \
        in kept.stderr
    assert directions() == "26"


def test_search_json_is_the_documented_shape(store):
    done = coopkg("search", "氢能", "--store", str(store), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data) == ["results"]
    assert {r["direction"] for r in data["results"]} == {"1.9", "2.0", "2.7", "3.5"}
    for r in data["results"]:
        assert set(r) == {"iri", "direction", "label", "snippet", "score"}
        assert r["iri"].startswith("https://w3id.org/coopkg/guide/2021-1/direction/")
        assert "氢能" in r["snippet"]


def test_search_table_in_the_chosen_language(store):
    en = coopkg("search", "food science", "--store", str(store), "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert "Food science" in en.stdout and "Snippet" in en.stdout
    zh = coopkg("search", "food science", "--store", str(store), "--lang", "zh")
    assert "食品科学" in zh.stdout and "摘录" in zh.stdout
    none = coopkg("search", "zebrafish", "--store", str(store))
    assert none.returncode == 0 and "Nothing found" in none.stderr and not none.stdout.strip()


def test_search_without_words_exits_2_in_one_line(store):
    done = coopkg("search", "，。", "--store", str(store))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "no characters or words" in done.stderr


def test_validate_writes_the_servers_csv_reports_in_the_chosen_language(store, tmp_path):
    good = _write(tmp_path, "good.json", PROPOSAL)
    bad = _university_lead(tmp_path, "urn:example:proposal:cli-3")
    out = tmp_path / "detailed.csv"
    done = coopkg("validate", str(good), str(bad), "--store", str(store), "--format", "csv",
                  "--output", str(out), "--lang", "zh")
    assert done.returncode == 1 and done.stdout == "" and str(out) in done.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["申报书", "方向", "结论"]
    assert {"urn:example:proposal:cli-1", "urn:example:proposal:cli-3"} <= {r[0] for r in rows}
    assert any(r[4] == "1.3/1" and r[2] == "不符合要求" for r in rows[1:])
    summary = coopkg("validate", str(good), str(bad), "--store", str(store),
                     "--format", "csv-summary", "--lang", "en")
    rows = list(csv.reader(io.StringIO(summary.stdout.removeprefix("\ufeff"))))
    assert rows[0][:3] == ["Proposal", "Direction", "Verdict"] and len(rows) == 3
    assert not re.search(r"[\u4e00-\u9fff]", summary.stdout)


def test_validate_writes_a_pdf_to_a_file_never_to_a_terminal(store, tmp_path):
    import pty

    good = _write(tmp_path, "good.json", PROPOSAL)
    out = tmp_path / "report.pdf"
    done = coopkg("validate", str(good), "--store", str(store), "--format", "pdf", "-o",
                  str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    exe = shutil.which("coopkg", path=str(Path(sys.executable).parent)) or "coopkg"
    main, terminal = pty.openpty()
    try:
        tty = subprocess.run([exe, "validate", str(good), "--store", str(store), "--format",
                              "pdf"], stdout=terminal, stderr=subprocess.PIPE, text=True,
                             timeout=300, env={**os.environ, **ENGLISH})
    finally:
        os.close(main)
        os.close(terminal)
    assert tty.returncode == 2
    assert "cannot be shown on a terminal" in tty.stderr and "--output" in tty.stderr


def test_requirements_in_english_quote_the_translations(store):
    en = coopkg("requirements", "--store", str(store), "--lang", "en", "--format", "tsv")
    assert en.returncode == 0, en.stderr
    rows = {r.split("\t")[1]: r.split("\t") for r in en.stdout.strip().splitlines()[1:]}
    assert rows["1.3/1"][6] == "The lead applicant must be an enterprise;"
    # the texts and the totals in English (a shape's note may quote the guide's own terms)
    assert not any(re.search(r"[\u4e00-\u9fff]", r[6]) for r in rows.values())
    assert not re.search(r"[\u4e00-\u9fff]", en.stderr)
    zh = coopkg("requirements", "--store", str(store), "--lang", "zh", "--format", "tsv")
    rows = {r.split("\t")[1]: r.split("\t") for r in zh.stdout.strip().splitlines()[1:]}
    assert rows["1.3/1"][6].startswith("牵头申报单位必须为企业")
    table = coopkg("requirements", "--store", str(store), "--lang", "en", COLUMNS="400")
    assert "The lead applicant must be an enterprise;" in table.stdout
    head = table.stdout.splitlines()[1]
    assert "Requirement" in head and not re.search(r"[\u4e00-\u9fff]", head)
    assert "checked by hand" in table.stdout  # the catalogue's words for how it is enforced
    zh = coopkg("requirements", "--store", str(store), "--lang", "zh", COLUMNS="400")
    assert "人工核查" in zh.stdout and "牵头申报单位必须为企业" in zh.stdout


def test_requirements_say_why_in_the_chosen_language(store):
    """The why column: how each clause is checked, or why a person must, from the catalogue
    and the vocabulary's scope notes. In Chinese only the data model's own names stay
    Latin (requestedFunding, h2020.callYear, role and country codes, SHACL, GEO, IRI)."""
    zh = coopkg("requirements", "--store", str(store), "--lang", "zh", "--format", "tsv")
    en = coopkg("requirements", "--store", str(store), "--lang", "en", "--format", "tsv")
    assert zh.returncode == 0 and en.returncode == 0, zh.stderr + en.stderr
    said = [(e.split("\t"), z.split("\t")) for e, z in zip(
        en.stdout.strip().splitlines()[1:], zh.stdout.strip().splitlines()[1:], strict=True)]
    names = r"\b[\w.]+\.\w+|\b[a-z]+[A-Z]\w*|\b[a-z]+:\w+|\b\w+_\w+"  # h2020.x, ck:x
    for e, z in said:
        assert e[1] == z[1] and z[5], (e, z)
        assert re.search(r"[\u4e00-\u9fff]", z[5]), z
        words = set(re.findall(r"[A-Za-z]{3,}", re.sub(names, " ", z[5])))
        assert words <= {"lead", "SHACL", "GEO", "IRI", "ODRL", "SME", "true"}, z
        # English, but for the guide's own terms it quotes
        assert re.search(r"[A-Za-z]{3,}", e[5]) and e[5] != z[5], e
    assert any(e[5] == "≥1 participant with role lead and country CN"
               and z[5] == "至少一家角色为 lead、国家为 CN 的参与单位" for e, z in said)


def test_queries_lists_every_group_with_titles_in_both_languages():
    zh = coopkg("queries", "--lang", "zh")
    en = coopkg("queries", "--lang", "en")
    for out in (zh.stdout, en.stdout):
        names = {line.split()[0] for line in out.splitlines() if line.startswith("  ")}
        assert {"totals", "integration/h2020-for-2.7", "views/dcat"} <= names
    assert "集成查询" in zh.stdout and "Integration queries" in en.stdout
    assert "在指南年度仍在执行" in zh.stdout  # a title over two header lines, whole
    assert not re.search(r"[\u4e00-\u9fff]", en.stdout)
    assert zh.stdout.index("集成查询") < zh.stdout.index("integration/h2020-for-2.7")


def test_a_reader_that_stops_early_is_no_error(store):
    """`coopkg export | head`: the pipe closes long before the dataset is written."""
    exe = Path(sys.executable).with_name("coopkg")
    done = subprocess.run(f"'{exe}' export --store '{store}' --format nquads | head -c 10 >/dev/null; "
                          "echo ${PIPESTATUS[0]}", shell=True, executable="/bin/bash",
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "0", done.stderr
    assert "错误" not in done.stderr and "error" not in done.stderr.lower()

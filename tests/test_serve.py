"""`qstat serve`: the page's API driven with Starlette's test client, and its safety rules.

Expected findings are those the workbooks were built to carry (satisfaction 105 % is F5-003
at 附表5!S7, as tests/test_cli.py states); nothing is compared with the code's own output.
"""

from __future__ import annotations

import base64
import io
import json
import warnings
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

with warnings.catch_warnings():  # newer Starlette prefers httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from docx import Document
from messy import Clerk, f5_row

from qstat import Config, Period
from qstat.cli import main
from qstat.serve import LOCAL_NAMES, ServeError, Settings, check_bind, create_app, is_local
from qstat.serve.job import output_path

UNITS = ["叶县", "舞钢市", "湛河区"]
CLEAN = dict(carried=(1, 0.5, 100), in_progress=(1, 0.5, 100))
MB = 1024 * 1024


def workbook(unit: str, satisfaction="", footer_day=8) -> bytes:
    """A quarterly package of ``unit``; satisfaction 105 makes one error (F5-003 at S7)."""
    clerk = Clerk(f"填表单位：{unit}住房和城乡建设局")
    footer = f"统计员：张三      批准人：李四      报送日期：2024年10月{footer_day}日"
    clerk.all_forms(
        [f5_row(unit, **CLEAN, satisfaction=satisfaction)], period_line="2024年第三季度", footer=footer
    )
    buffer = io.BytesIO()
    clerk.book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    config = Config(name="平顶山市", units=UNITS)
    return Settings(
        inbox=tmp_path / "inbox",
        out=tmp_path / "out",
        period=Period.parse("2024Q3"),
        config=config,
        db=tmp_path / "history.sqlite",
    )


@pytest.fixture
def client(settings: Settings) -> TestClient:
    return TestClient(create_app(settings))


def send(client: TestClient, name: str, data: bytes, url: str = "/api/inbox"):
    return client.post(url, files={"file": (name, data, "application/octet-stream")})


def test_an_uploaded_messy_workbook_is_saved_and_comes_back_with_its_findings(client, settings):
    data = workbook("叶县", satisfaction=105)
    answer = send(client, "叶县.xlsx", data)
    assert answer.status_code == 200
    got = answer.json()
    assert (got["file"], got["unit"], got["status"], got["saved"]) == ("叶县.xlsx", "叶县", "errors", True)
    assert got["errors"] == 1
    (error,) = [f for f in got["findings"] if f["severity"] == "error"]
    assert (error["rule"], error["sheet"], error["cell"], error["form"]) == ("F5-003", "附表5", "S7", "F5")
    assert (settings.inbox / "叶县.xlsx").read_bytes() == data


def test_the_self_check_gives_the_same_findings_and_keeps_nothing(client, settings):
    got = send(client, "叶县.xlsx", workbook("叶县", satisfaction=105), url="/api/check").json()
    assert (got["unit"], got["status"], got["errors"]) == ("叶县", "errors", 1)
    assert [f["rule"] for f in got["findings"] if f["severity"] == "error"] == ["F5-003"]
    assert not settings.inbox.exists()


def test_the_roster_follows_the_uploads_in_configuration_order(client, settings):
    assert [(r["unit"], r["status"]) for r in client.get("/api/roster").json()] == [
        ("叶县", "missing"),
        ("舞钢市", "missing"),
        ("湛河区", "missing"),
    ]
    send(client, "叶县.xlsx", workbook("叶县", satisfaction=105))
    send(client, "湛河区.xlsx", workbook("湛河区"))
    rows = [
        (r["unit"], r["status"], r["file"], r["errors"], r["warnings"])
        for r in client.get("/api/roster").json()
    ]
    assert rows == [
        ("叶县", "errors", "叶县.xlsx", 1, 0),
        ("舞钢市", "missing", None, 0, 0),
        ("湛河区", "ok", "湛河区.xlsx", 0, 0),
    ]
    # The corrected file replaces the first: the unit is 已修改, its old file 已替换 under it.
    send(client, "叶县(修改).xlsx", workbook("叶县", footer_day=12))
    revised = [(r["unit"], r["status"], r["file"]) for r in client.get("/api/roster").json()]
    assert revised[:2] == [("叶县", "revised", "叶县(修改).xlsx"), ("叶县", "superseded", "叶县.xlsx")]
    assert client.get("/api/roster").json()[0]["replaces"] == ["叶县.xlsx"]
    # A file copied into the inbox by hand appears too.
    (settings.inbox / "舞钢市.xlsx").write_bytes(workbook("舞钢市"))
    assert ("舞钢市", "ok") in [(r["unit"], r["status"]) for r in client.get("/api/roster").json()]


def test_a_document_or_lock_file_is_checked_not_saved_and_a_broken_one_gets_a_finding(client, settings):
    got = send(client, "情况说明.docx", b"PK\x03\x04 not a workbook").json()
    assert (got["status"], got["saved"], [f["rule"] for f in got["findings"]]) == (
        "ignored",
        False,
        ["IN002"],
    )
    got = send(client, "~$叶县.xlsx", workbook("叶县")).json()
    assert (got["status"], got["saved"]) == ("ignored", False)
    answer = send(client, "舞钢市.xlsx", b"PK\x03\x04 truncated")
    assert answer.status_code == 200
    got = answer.json()
    assert (got["status"], [f["rule"] for f in got["findings"]]) == ("unreadable", ["IN001"])
    assert sorted(p.name for p in settings.inbox.iterdir()) == ["舞钢市.xlsx"]
    roster = client.get("/api/roster").json()
    assert roster[1] == {
        "unit": "舞钢市",
        "status": "unreadable",
        "file": "舞钢市.xlsx",
        "errors": 1,
        "warnings": 0,
        "received": roster[1]["received"],
        "replaces": [],
        "report": "未报",
    }


def test_the_same_name_again_is_kept_beside_and_the_same_content_once(client, settings):
    first, second = workbook("叶县", satisfaction=105), workbook("叶县", footer_day=12)
    send(client, "叶县.xlsx", first)
    assert send(client, "叶县.xlsx", first).json()["file"] == "叶县.xlsx"
    assert send(client, "叶县.xlsx", second).json()["file"] == "叶县(2).xlsx"
    assert sorted(p.name for p in settings.inbox.iterdir()) == ["叶县(2).xlsx", "叶县.xlsx"]


@pytest.mark.parametrize(
    "name, saved",
    [
        ("../../叶县.xlsx", "叶县.xlsx"),
        ("..\\..\\叶县.xlsx", "叶县.xlsx"),
        ("/etc/叶县.xlsx", "叶县.xlsx"),
        ("..", "上传文件"),
        ("CON.xlsx", "_CON.xlsx"),
        ("叶<县>:|?*.xlsx", "叶_县.xlsx"),
    ],
)
def test_a_path_in_the_file_name_never_leaves_the_inbox(client, settings, tmp_path, name, saved):
    got = send(client, name, workbook("叶县")).json()
    assert got["file"] == saved
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".sqlite"]
    assert files == [settings.inbox / saved]


def test_an_output_is_served_only_from_inside_the_output_folder(client, settings, tmp_path):
    settings.out.mkdir()
    (settings.out / "a.txt").write_text("ok", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (settings.out / "link.txt").symlink_to(tmp_path / "secret.txt")
    assert client.get("/files/a.txt").text == "ok"
    for name in (
        "../secret.txt",
        "%2e%2e/secret.txt",
        "..%2fsecret.txt",
        "link.txt",
        f"{tmp_path}/secret.txt",
        ".~qstat.lock",
        "nothing.xlsx",
    ):
        assert client.get(f"/files/{name}").status_code == 404, name
    for name in ("../secret.txt", str(tmp_path / "secret.txt"), "link.txt", ".", ""):
        assert output_path(settings.out, name) is None, name


def test_an_oversized_upload_is_refused_and_nothing_saved(client, settings):
    for size in (50 * MB + 1, 60 * MB):  # past the limit inside, and past it in Content-Length
        answer = send(client, "叶县.xlsx", b"\0" * size)
        assert answer.status_code == 413
        assert [f["rule"] for f in answer.json()["findings"]] == ["IN010"]
    assert not settings.inbox.exists()


def test_a_request_without_a_file_gets_a_finding(client):
    for answer in (
        client.post("/api/inbox", data={"x": "1"}),
        client.post("/api/check", content=b"garbage", headers={"content-type": "text/plain"}),
    ):
        assert answer.status_code == 400
        assert [f["rule"] for f in answer.json()["findings"]] == ["IN010"]


def test_the_consolidation_runs_once_at_a_time_and_its_outputs_download(client, settings):
    send(client, "叶县.xlsx", workbook("叶县", satisfaction=105))
    send(client, "湛河区.xlsx", workbook("湛河区"))
    job = client.app.state.job
    job._running.acquire()  # a run already going
    try:
        busy = client.post("/api/consolidate")
        assert busy.status_code == 409 and "汇总正在进行" in busy.json()["error"]
    finally:
        job._running.release()
    answer = client.post("/api/consolidate")
    assert answer.status_code == 200
    summary = answer.json()
    assert summary["period"] == "2024Q3" and summary["missing_units"] == ["舞钢市"]
    assert [(s["unit"], s["status"]) for s in summary["submissions"]] == [
        ("叶县", "errors"),
        ("湛河区", "ok"),
    ]
    assert json.loads((settings.out / "summary.json").read_text(encoding="utf-8"))["period"] == "2024Q3"
    urls = summary["outputs"]
    forms = client.get(next(u for u in urls if u.endswith("%E6%B1%87%E6%80%BB%E8%A1%A8.xlsx")))  # 汇总表
    assert forms.status_code == 200 and forms.content[:2] == b"PK"
    assert (
        forms.headers["content-disposition"]
        == f"attachment; filename*=utf-8''{quote('平顶山市_2024Q3_汇总表.xlsx')}"
    )
    returns = client.get("/files/退回.zip")
    with zipfile.ZipFile(io.BytesIO(returns.content)) as z:
        assert sorted(z.namelist()) == ["退回/叶县_审核意见.docx", "退回/叶县_审核标注.xlsx"]
    assert client.get("/files/退回/叶县_审核意见.docx").status_code == 200
    assert client.get("/api/progress").json() == {
        "running": False,
        "done": 2,
        "total": 2,
        "file": "湛河区.xlsx",
    }
    page = client.get("/job").text
    assert "叶县_审核标注.xlsx" in page and "全部下载（zip）" in page and "未报单位：<strong>舞钢市" in page
    assert "叶县_审核意见.docx" in client.get("/unit/叶县").text


def unit_report(unit: str, sections: dict[str, str]) -> bytes:
    """A unit's analysis report as a .docx: its title, then each heading with one paragraph."""
    doc = Document()
    doc.add_paragraph(f"{unit}2024年第三季度工程质量分析报告")
    for heading, text in sections.items():
        doc.add_paragraph(heading).runs[0].bold = True
        doc.add_paragraph(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_the_roster_says_whose_analysis_report_came(client, settings):
    send(client, "叶县.xlsx", workbook("叶县"))
    answer = send(client, "叶县分析报告.docx", unit_report("叶县", {"一、企业情况": "企业23家。"})).json()
    assert (answer["status"], answer["unit"], answer["saved"]) == ("report", "叶县", True)
    send(client, "舞钢市质量分析.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    rows = [(r["unit"], r["status"], r["file"], r["report"]) for r in client.get("/api/roster").json()]
    assert rows == [
        ("叶县", "ok", "叶县.xlsx", "已报"),
        ("叶县", "report", "叶县分析报告.docx", None),
        ("舞钢市", "missing", None, "无法读取"),
        ("舞钢市", "report", "舞钢市质量分析.doc", None),
        ("湛河区", "missing", None, "未报"),
    ]
    page = client.get("/").text
    assert '分析报告 <span class="badge ok">已报 1</span>' in page


def test_the_report_page_has_a_box_per_section_prefilled_with_the_units_material(client, settings):
    send(client, "叶县.xlsx", workbook("叶县"))
    send(
        client,
        "叶县分析报告.docx",
        unit_report("叶县", {"一、企业情况": "企业23家。", "三、质量行为": "监理旁站不全。"}),
    )
    page = client.get("/report").text
    assert "## " not in page and "<!--" not in page  # no Markdown to edit
    assert page.count("<textarea") == 11
    assert 'name="section-1"' in page and 'name="section-11"' in page
    assert client.post("/api/consolidate").status_code == 200
    page = client.get("/report").text
    assert '<textarea id="section-1" name="section-1" rows="8" placeholder="本地区建筑业企业总体情况' in page
    assert "据叶县报告，企业23家。</textarea>" in page
    assert "据叶县报告，监理旁站不全。</textarea>" in page
    assert page.count("据各单位报送的材料起草") == 2

    boxes = {f"section-{n}": "" for n in range(1, 12)}
    boxes["section-1"] = "全市共有建筑业企业120家。\n## 其中一级资质8家。"  # one paragraph a line
    boxes["section-4"] = "开展实测实量。"
    answer = client.post("/report", data=boxes | {"format": "md"})
    assert answer.status_code == 200 and "下载报告" in answer.text
    saved = (settings.out / "文字材料.md").read_text(encoding="utf-8")
    assert "## 一、企业总体情况\n\n全市共有建筑业企业120家。\n\n其中一级资质8家。\n\n## 二、" in saved
    (report,) = settings.out.glob("*分析报告.md")
    md = report.read_text(encoding="utf-8")
    assert (
        "全市共有建筑业企业120家。" in md and "据叶县报告，企业23家。" not in md
    )  # the clerk's text replaces the draft
    assert "据叶县报告，监理旁站不全。" in md  # an empty box: the units' material stays
    assert "开展实测实量。" in md
    page = answer.text  # the boxes again, with what was saved
    assert "全市共有建筑业企业120家。\n\n其中一级资质8家。</textarea>" in page
    assert page.count("据各单位报送的材料起草") == 1


def test_the_report_without_a_consolidation_says_why(client):
    answer = client.post("/report", data={"section-1": "", "format": "docx"})
    assert answer.status_code == 200 and 'class="error"' in answer.text


def test_every_page_renders_in_chinese(client):
    send(client, "叶县.xlsx", workbook("叶县", satisfaction=105))
    for url, text in (
        ("/", "报送情况"),
        ("/unit/叶县", "F5-003"),
        ("/unit/舞钢市", "尚未收到"),
        ("/job", "开始汇总"),
        ("/report", "文字材料"),
        ("/check", "不会保存"),
        ("/file?name=叶县.xlsx", "F5-003"),
        ("/static/app.js", "FormData"),
    ):
        answer = client.get(url)
        assert answer.status_code == 200 and text in answer.text, url
    assert client.get("/unit/洛阳市").status_code == 404


def test_a_password_guards_every_page(settings):
    settings.password = "秘密123"
    client = TestClient(create_app(settings))
    assert client.get("/").status_code == 401
    assert client.get("/api/roster", auth=("x", "wrong")).status_code == 401
    token = base64.b64encode("任意:秘密123".encode()).decode()
    assert client.get("/api/roster", headers={"Authorization": f"Basic {token}"}).status_code == 200


def test_a_post_from_another_site_is_refused(client, settings):
    data = workbook("叶县")
    answer = client.post(
        "/api/inbox", files={"file": ("叶县.xlsx", data)}, headers={"Origin": "http://evil.example"}
    )
    assert answer.status_code == 403
    assert client.post("/api/consolidate", headers={"Origin": "null"}).status_code == 403
    assert not settings.inbox.exists()
    same = client.post(
        "/api/inbox", files={"file": ("叶县.xlsx", data)}, headers={"Origin": "http://testserver"}
    )
    assert same.status_code == 200


def test_a_non_local_address_needs_a_password(tmp_path, capsys):
    assert is_local("127.0.0.1") and is_local("::1") and is_local("localhost")
    assert not is_local("0.0.0.0") and not is_local("192.168.1.20")
    with pytest.raises(ServeError, match="必须设置密码"):
        check_bind("0.0.0.0", "")
    check_bind("0.0.0.0", "秘密")
    check_bind("127.0.0.1", "")
    assert (
        main(["serve", "--host", "0.0.0.0", "--inbox", str(tmp_path / "in"), "--out", str(tmp_path / "o")])
        == 2
    )
    assert "必须设置密码" in capsys.readouterr().err
    assert not (tmp_path / "in").exists()


def test_the_config_gives_the_password(tmp_path):
    (tmp_path / "q.toml").write_text('name = "平顶山市"\n[serve]\npassword = "秘密"\n', encoding="utf-8")
    assert Config.load(tmp_path / "q.toml").serve_password == "秘密"
    (tmp_path / "bad.toml").write_text('serve = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[serve\]"):
        Config.load(tmp_path / "bad.toml")


def test_a_local_server_answers_only_to_local_names(settings):
    app = create_app(settings, LOCAL_NAMES)
    assert TestClient(app, base_url="http://localhost:8000").get("/api/roster").status_code == 200
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/").status_code == 200
    # A name of another site pointed at 127.0.0.1 (DNS rebinding) gets nothing.
    assert TestClient(app, base_url="http://evil.example:8000").get("/api/roster").status_code == 400

"""`qstat serve` in a real browser: headless Chromium (Debian's) driven by Playwright.

A clerk uploads two workbooks, sees the roster change, opens a unit's findings, runs the
consolidation and downloads the forms. Skipped when Chromium or Playwright is missing
(.ci/run installs Chromium). Screenshots of each page go to $QSTAT_SCREENSHOTS if set.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

from messy import Clerk, f5_row  # noqa: E402

from qstat import Config, Period  # noqa: E402
from qstat.serve import Settings, create_app  # noqa: E402

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CLEAN = dict(carried=(1, 0.5, 100), in_progress=(1, 0.5, 100))


def workbook(path: Path, unit: str, satisfaction="") -> Path:
    """``unit``'s quarterly package; satisfaction 105 is one error, F5-003 at 附表5!S7."""
    clerk = Clerk(f"填表单位：{unit}住房和城乡建设局")
    clerk.all_forms([f5_row(unit, **CLEAN, satisfaction=satisfaction)], period_line="2024年第三季度")
    return clerk.save(path)


@pytest.fixture
def server(tmp_path: Path):
    """The page on a free local port, in a thread, for the test's duration."""
    settings = Settings(
        inbox=tmp_path / "inbox",
        out=tmp_path / "out",
        period=Period.parse("2024Q3"),
        config=Config(name="平顶山市", units=["叶县", "舞钢市", "湛河区"]),
        db=tmp_path / "history.sqlite",
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", settings
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def page(tmp_path: Path):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="zh-CN"
        )
        yield context.new_page()
        browser.close()


def test_a_clerk_uploads_checks_consolidates_and_downloads(server, page, tmp_path):
    url, settings = server
    shots = Path(os.environ.get("QSTAT_SCREENSHOTS") or tmp_path / "screens")
    shots.mkdir(parents=True, exist_ok=True)
    sent = tmp_path / "sent"
    files = [workbook(sent / "叶县.xlsx", "叶县", satisfaction=105), workbook(sent / "湛河区.xlsx", "湛河区")]

    page.goto(url + "/")
    roster = page.locator("#roster tbody tr")
    assert roster.count() == 3
    assert roster.nth(0).locator(".badge").inner_text() == "未报"
    assert roster.nth(0).locator("td.report").inner_text() == "未报"  # its analysis report
    page.screenshot(path=shots / "1-desk-empty.png", full_page=True)

    page.set_input_files("#pick", [str(f) for f in files])
    page.locator(".results .result", has_text="湛河区.xlsx").locator(".badge").wait_for()
    page.locator("#roster tr[data-unit='湛河区'] .badge", has_text="已报").wait_for()
    assert roster.nth(0).locator(".badge").inner_text() == "有错误"
    assert roster.nth(1).locator(".badge").inner_text() == "未报"
    yexian = page.locator(".results .result", has_text="叶县.xlsx")
    assert yexian.locator("td.rule").all_text_contents() == ["F5-003"]  # folded: two files were sent
    yexian.locator("summary").click()
    assert yexian.locator("td.cell").inner_text() == "S7"
    assert sorted(p.name for p in settings.inbox.iterdir()) == ["叶县.xlsx", "湛河区.xlsx"]
    page.screenshot(path=shots / "2-desk-after-uploads.png", full_page=True)

    page.locator("#roster tr[data-unit='叶县'] a", has_text="查看问题").click()
    page.wait_for_url("**/unit/*")
    assert page.locator("h1").inner_text() == "叶县"
    row = page.locator("table.findings tbody tr", has_text="F5-003")
    assert row.locator("td.cell").inner_text() == "S7"
    page.select_option("form.filters select[name=severity]", "error")
    assert page.locator("table.findings tbody tr:visible").count() == 1
    page.screenshot(path=shots / "3-unit-findings.png", full_page=True)

    page.goto(url + "/job")
    page.screenshot(path=shots / "4-job-before.png", full_page=True)
    page.click("#consolidate")
    page.locator("ul.downloads a", has_text="汇总表").wait_for(timeout=60_000)
    page.screenshot(path=shots / "5-job-outputs.png", full_page=True)
    with page.expect_download() as info:
        page.locator("ul.downloads a", has_text="汇总表").click()
    download = info.value
    assert download.suggested_filename == "平顶山市_2024Q3_汇总表.xlsx"
    saved = tmp_path / "downloaded.xlsx"
    download.save_as(saved)
    with zipfile.ZipFile(saved) as z:  # a real workbook, the office's own file
        assert "xl/workbook.xml" in z.namelist()
    assert saved.read_bytes() == (settings.out / "平顶山市_2024Q3_汇总表.xlsx").read_bytes()

    page.goto(url + "/unit/叶县")
    assert page.locator("section.returns a").all_inner_texts() == ["叶县_审核意见.docx", "叶县_审核标注.xlsx"]

    page.goto(url + "/report")
    page.screenshot(path=shots / "6-report.png")
    assert page.locator("form.narrative textarea").count() == 11  # one box per section
    assert page.locator("label[for=section-1]").inner_text() == "一、企业总体情况"
    page.fill("#section-1", "本季度全市工程质量总体平稳。")
    page.click("form.narrative button[type=submit]")
    page.locator("a", has_text="下载报告").wait_for(timeout=60_000)
    assert page.locator("#section-1").input_value() == "本季度全市工程质量总体平稳。"
    page.screenshot(path=shots / "7-report-rendered.png", full_page=True)

    page.goto(url + "/check")
    page.set_input_files("#pick", str(files[0]))
    page.locator(".results .result td.rule", has_text="F5-003").wait_for()
    page.screenshot(path=shots / "8-self-check.png", full_page=True)

"""Issue 10, read side: no file stops the run, whatever it does to the readers.

Each test fails when its protection is removed: the guard around a file (Rust panics), the
pool that survives a dead worker, the limits before work (far cells, bombs), non-finite
numbers, and ``check`` reading each file once.
"""

import io
import json
import os
import pickle
import resource
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import python_calamine
from conftest import CITY, codes, one_finding
from fuzz.mutate import add_far_cell, lie_about_sizes, whitespace_bomb
from fuzz.xlsb import xlsx_to_xlsb
from messy import Clerk, f5_row

import qstat.examine
import qstat.opening
from qstat import Config
from qstat.check import check
from qstat.config import Limits
from qstat.locate import _is_numbering_row
from qstat.read import Unreadable, detect_format, read_workbook
from qstat.scores import rank_inbox

ROOT = Path(__file__).parents[1]
SAMPLES = ROOT / "sample_workbooks" / "2024Q3"
GOOD = ["叶县.xlsx", "舞钢市.xlsx", "宝丰县.xlsx"]
TRUNCATED_XLS_LENGTH = 25_792  # 郏县.xls cut here is still an .xls, and calamine panics on it


def truncated_xls(path: Path) -> Path:
    path.write_bytes((SAMPLES / "郏县.xls").read_bytes()[:TRUNCATED_XLS_LENGTH])
    return path


def good_files(inbox: Path) -> None:
    for name in GOOD:
        shutil.copy(SAMPLES / name, inbox / name)


def by_file(result) -> dict:
    return {s.file: s for s in result.submissions}


def test_the_truncated_xls_really_panics_calamine(tmp_path):
    """The premise of the tests below: a PanicException, which is no Exception."""
    data = truncated_xls(tmp_path / "x.xls").read_bytes()
    assert detect_format(data) == "xls"
    with pytest.raises(BaseException) as caught:
        python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert not isinstance(caught.value, Exception)


def test_read_workbook_turns_a_panic_into_unreadable(tmp_path):
    path = truncated_xls(tmp_path / "x.xls")
    with pytest.raises(Unreadable, match="损坏"):
        read_workbook(path, "xls")


class FakePanic(BaseException):
    """Like pyo3_runtime.PanicException: a BaseException, and it cannot be pickled."""

    def __reduce__(self):
        raise TypeError("cannot pickle a panic")


@pytest.mark.parametrize(
    "error, words",
    [
        (FakePanic("no entry found for key"), "损坏"),
        (MemoryError(), "文件过大"),
        (RecursionError(), "嵌套"),
        (IndexError("list index out of range"), "意外错误"),
    ],
)
def test_whatever_a_file_raises_is_in001_and_the_result_pickles(tmp_path, monkeypatch, error, words):
    def locate(workbook):
        raise error

    monkeypatch.setattr(qstat.opening, "locate", locate)
    sub = qstat.examine.examine(SAMPLES / "叶县.xlsx", "叶县.xlsx", None, CITY)
    assert sub.status == "unreadable"
    assert [f.rule for f in sub.findings] == ["IN001"] and words in sub.findings[0].message
    pickle.loads(pickle.dumps(sub))


@pytest.mark.parametrize("error", [KeyboardInterrupt, SystemExit])
def test_ctrl_c_is_never_taken_for_a_bad_file(monkeypatch, error):
    def locate(workbook):
        raise error()

    monkeypatch.setattr(qstat.opening, "locate", locate)
    with pytest.raises(error):
        qstat.examine.examine(SAMPLES / "叶县.xlsx", "叶县.xlsx", None, CITY)


def test_the_scores_command_reports_a_panicking_file(inbox):
    shutil.copy(SAMPLES / "叶县.xlsx", inbox / "叶县.xlsx")
    truncated_xls(inbox / "郏县.xls")
    _, subs = rank_inbox(inbox, CITY)
    assert {s.file: s.status for s in subs} == {"叶县.xlsx": "ok", "郏县.xls": "unreadable"}


@pytest.mark.parametrize("workers", [1, 2])
def test_an_xlsb_and_a_panicking_xls_beside_good_files(inbox, run, workers):
    """The .xlsb is read like the .xlsx it was made from; the .xls calamine panics on is
    IN001; the good files are consolidated (in a worker pool the result must pickle)."""
    good_files(inbox)
    xlsx_to_xlsb(SAMPLES / "鲁山县.xlsx", inbox / "鲁山县.xlsb")
    truncated_xls(inbox / "郏县.xls")
    result = run(inbox, workers=workers)
    subs = by_file(result)
    assert subs["郏县.xls"].status == "unreadable"
    in001 = one_finding(result, "IN001")
    assert in001.file == "郏县.xls" and "损坏" in in001.message
    assert subs["鲁山县.xlsb"].format == "xlsx" and subs["鲁山县.xlsb"].unit == "鲁山县"
    assert {s.unit for s in result.submissions if s.included} == {"叶县", "舞钢市", "宝丰县", "鲁山县"}
    # 鲁山县 in sample_workbooks/expected/2024Q3.json: 在建 35 projects, 64.76 万㎡
    in_progress = result.statistics["鲁山县"].in_progress
    assert (in_progress.count, in_progress.area, in_progress.cost) == (35, 64.76, 190386.35)


def _die_on_doomed(real):
    def examine(path, file, *args):
        if file == "doomed.xlsx":
            os.kill(os.getpid(), signal.SIGKILL)  # what the OOM killer does
        return real(path, file, *args)

    return examine


def test_a_worker_that_dies_costs_only_its_file(inbox, run, monkeypatch):
    good_files(inbox)
    shutil.copy(SAMPLES / "示范区.xlsx", inbox / "doomed.xlsx")
    shutil.copy(SAMPLES / "高新区.xlsx", inbox / "高新区.xlsx")
    monkeypatch.setattr(qstat.examine, "examine", _die_on_doomed(qstat.examine.examine))
    result = run(inbox, workers=2)  # workers are forked: they see the patched examine
    subs = by_file(result)
    assert subs["doomed.xlsx"].status == "unreadable"
    assert "异常退出" in subs["doomed.xlsx"].findings[0].message
    assert {s.unit for s in result.submissions if s.included} == {"叶县", "舞钢市", "宝丰县", "高新区"}


def test_check_survives_a_file_that_kills_its_reader(tmp_path, monkeypatch):
    shutil.copy(SAMPLES / "示范区.xlsx", tmp_path / "doomed.xlsx")
    monkeypatch.setattr(qstat.examine, "examine", _die_on_doomed(qstat.examine.examine))
    results = check([tmp_path / "doomed.xlsx", SAMPLES / "叶县.xlsx"], "2024Q3", CITY)
    assert [(sub.file, sub.status) for sub, _ in results] == [
        ("doomed.xlsx", "unreadable"),
        ("叶县.xlsx", "ok"),
    ]


# A reader that aborts (as calamine does on some files), in a process with faulthandler on, as
# under pytest: the file is IN001 and nothing is dumped on stderr (a dump in a green test log
# reads as a crashed suite). Run apart so that its stderr is captured.
ABORTING_READER = """
import os, sys
import qstat.examine
from qstat.check import check

real = qstat.examine.examine

def examine(path, file, *args):
    if file == "doomed.xlsx":
        os.abort()
    return real(path, file, *args)

qstat.examine.examine = examine  # the forked readers see it
print([str(sub.status) for sub, _ in check(sys.argv[1:], "2024Q3")])
"""


@pytest.mark.parametrize("others", [0, 4])  # a child forked per file; a pool (more than SMALL_JOB)
def test_a_reader_that_aborts_dumps_nothing(tmp_path, others):
    files = [tmp_path / "doomed.xlsx"] + [tmp_path / f"{i}叶县.xlsx" for i in range(others)]
    for f in files:
        shutil.copy(SAMPLES / "叶县.xlsx", f)
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", ABORTING_READER, *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[0] == str(["unreadable"] + ["ok"] * others)
    assert "Fatal Python error" not in done.stderr


# `qstat check` whose reader dies natively on one file: the command reads every file in one forked
# child first (cli._check); when that child dies, each file again in a child of its own. Patched
# before the command imports qstat.check, so that every reader sees it.
CRASHING_CHECK = """
import os, signal, sys
import qstat.examine

real = qstat.examine.examine

def examine(path, file, *args):
    if file == "doomed.xlsx":
        os.kill(os.getpid(), signal.SIGSEGV)
    return real(path, file, *args)

qstat.examine.examine = examine
from qstat.cli import main

sys.exit(main(["check", *sys.argv[1:]]))
"""


def test_a_check_whose_reader_crashes_prints_each_file_once(tmp_path):
    """The crashed file is IN001; the files before and after it get their own findings, exactly
    as `qstat check` of them alone prints them, once; nothing on stderr."""
    shutil.copy(SAMPLES / "示范区.xlsx", tmp_path / "doomed.xlsx")
    before, after = str(SAMPLES / "叶县.xlsx"), str(SAMPLES / "宝丰县.xlsx")
    crashed = subprocess.run(
        [
            sys.executable,
            "-X",
            "faulthandler",
            "-c",
            CRASHING_CHECK,
            before,
            str(tmp_path / "doomed.xlsx"),
            after,
        ]
        + ["--period", "2024Q3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    alone = [
        subprocess.run(
            [sys.executable, "-m", "qstat", "check", path, "--period", "2024Q3"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        ).stdout
        for path in (before, after)
    ]
    doomed = crashed.stdout.removeprefix(alone[0]).removesuffix(alone[1]).splitlines()
    assert crashed.stdout == alone[0] + "\n".join(doomed) + "\n" + alone[1]
    assert doomed[0].startswith("doomed.xlsx（") and len(doomed) == 2
    assert "IN001" in doomed[1] and "异常退出" in doomed[1]
    assert crashed.returncode == 1  # IN001 is an error
    assert crashed.stderr == ""


def run_cli(tmp_path: Path, inbox: Path) -> tuple[dict, float]:
    """`qstat consolidate` in a process held to 1.5 GB of address space; summary.json and the
    largest resident size (MB) of it and its workers."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))

    out = tmp_path / "out"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "qstat",
            "consolidate",
            str(inbox),
            "--period",
            "2024Q3",
            "--out",
            str(out),
            "--db",
            str(tmp_path / "h.sqlite"),
            "--quiet",
        ],
        cwd=ROOT,
        preexec_fn=limit,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    assert process.stderr is not None
    assert os.waitstatus_to_exitcode(status) in (0, 1), process.stderr.read().decode()
    return json.loads((out / "summary.json").read_text(encoding="utf-8")), usage.ru_maxrss / 1024


def test_a_far_stray_cell_is_a_warning_and_never_a_dense_grid(tmp_path, inbox):
    """A note at XFD100000 would be a 50 GB grid: it is left out with IN009 at its cell."""
    good_files(inbox)
    (inbox / "叶县.xlsx").write_bytes(add_far_cell((SAMPLES / "叶县.xlsx").read_bytes()))
    summary, peak_mb = run_cli(tmp_path, inbox)
    status = {s["file"]: s["status"] for s in summary["submissions"]}
    assert status["叶县.xlsx"] != "unreadable"
    [far] = [f for f in summary["findings"] if f["rule"] == "IN009"]
    assert (far["file"], far["sheet"], far["cell"]) == ("叶县.xlsx", "附表1", "XFD100000")
    assert peak_mb < 500


def test_grids_keep_absolute_coordinates_when_values_start_far_from_a1(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.worksheets[0]["D7"], book.worksheets[0]["F9"] = "标题", 12
    book.save(tmp_path / "a.xlsx")
    [sheet] = read_workbook(tmp_path / "a.xlsx", "xlsx").sheets
    assert sheet.rows[6][3] == "标题" and sheet.rows[8][5] == 12
    assert len(sheet.rows) == 9 and all(len(r) == 6 for r in sheet.rows)


def test_zip_bombs_are_too_large_before_they_are_inflated(tmp_path, inbox):
    """400 MB of blanks in 1 MB, and a sheet whose header lies about its size: IN001 while
    the run stays small; the good files are consolidated."""
    good_files(inbox)
    sample = (SAMPLES / "舞钢市.xlsx").read_bytes()
    (inbox / "舞钢市.xlsx").write_bytes(whitespace_bomb(sample, 400))
    (inbox / "宝丰县.xlsx").write_bytes(lie_about_sizes((SAMPLES / "宝丰县.xlsx").read_bytes()))
    summary, peak_mb = run_cli(tmp_path, inbox)
    messages = {f["file"]: f["message"] for f in summary["findings"] if f["rule"] == "IN001"}
    assert set(messages) == {"舞钢市.xlsx", "宝丰县.xlsx"}
    assert messages["舞钢市.xlsx"].startswith("文件过大")
    assert [s["unit"] for s in summary["submissions"] if s["included"]] == ["叶县"]
    assert peak_mb < 400


def test_limits_come_from_the_config_and_over_a_limit_is_in001(tmp_path, inbox, run):
    (tmp_path / "qstat.toml").write_text('name = "平顶山市"\n[limits]\nmax_rows = 10\n', encoding="utf-8")
    config = Config.load(tmp_path / "qstat.toml")
    assert config.limits == Limits(max_rows=10)
    good_files(inbox)
    result = run(inbox, config=config)
    assert {f.file for f in codes(result, "IN001")} == set(GOOD)
    assert all(f.message.startswith("文件过大") and "行" in f.message for f in codes(result, "IN001"))
    with pytest.raises(ValueError):
        Limits.from_table({"max_rows": -1})


def test_numbers_that_are_not_finite_are_st002_and_never_summed(inbox, run):
    ye = f5_row(
        "叶县",
        ("NaN", 5.0, 3000),
        (4, "1e400", 1200),
        (12, 6.0, "inf"),
        (2, 1.0, 600),
        (2, 1.0, 600),
        ("100%", "100%"),
        "95%",
    )
    Clerk("填表单位：叶县").all_forms([ye], total=None).save(inbox / "叶县.xlsx")
    wu = f5_row(
        "舞钢市", (8, 4.1, 2500), (3, 1.2, 800), (6, 3.3, 2100), (5, 2.0, 1200), (4, 1.5, 1000), (80, 75), 90
    )
    Clerk("填表单位：舞钢市").all_forms([wu], total=None).save(inbox / "舞钢市.xlsx")
    result = run(inbox)
    st002 = {(f.unit, f.value) for f in codes(result, "ST002")}
    assert {("叶县", "NaN"), ("叶县", "1e400"), ("叶县", "inf")} <= st002
    total = result.total
    assert total.carried_over.count == 8  # 叶县's NaN counts as empty
    assert total.new.area == 1.2  # 叶县's 1e400 counts as empty
    assert total.in_progress.cost == 2100
    assert result.outputs["forms"].exists()


def test_a_reader_nan_is_text_not_a_float(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.worksheets[0]["A1"] = 1.5
    book.save(tmp_path / "a.xlsx")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(tmp_path / "b.xlsx", "w") as z:
        for name, content in parts:
            z.writestr(name, content.replace(b"<v>1.5</v>", b"<v>NaN</v>"))
    [sheet] = read_workbook(tmp_path / "b.xlsx", "xlsx").sheets
    assert sheet.rows[0][0] == "nan"


def test_a_numbering_row_with_1e400_is_not_an_overflow():
    assert _is_numbering_row(["1", "2", "3", "4", "1e400"], [0, 1, 2, 3, 4]) is False


def _patched(source: Path, target: Path, edit) -> Path:
    with zipfile.ZipFile(source) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(target, "w") as z:
        for name, content in parts:
            z.writestr(name, edit(name, content))
    return target


def _unsupported_compression(source: Path, target: Path) -> Path:
    data = bytearray(source.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        pos = 0
        while (pos := data.find(signature, pos)) >= 0:
            data[pos + offset : pos + offset + 2] = (99).to_bytes(2, "little")  # AES, unsupported
            pos += 4
    target.write_bytes(bytes(data))
    return target


def test_check_without_a_period_never_raises_and_reads_each_file_once(tmp_path, monkeypatch):
    source = SAMPLES / "叶县.xlsx"
    files = [
        source,
        truncated_xls(tmp_path / "panic.xls"),
        tmp_path / "badzip.xlsx",
        _unsupported_compression(source, tmp_path / "aes.xlsx"),
        _patched(
            source,
            tmp_path / "xml.xlsx",
            lambda n, c: c.replace(b"</sheetData>", b"</sheetDat>") if "sheet1" in n else c,
        ),
    ]
    (tmp_path / "badzip.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    log = tmp_path / "reads.log"  # check reads in a worker process: count through a file
    real = qstat.opening.read_workbook

    def read_workbook(path, *args):
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{path}\n")
        return real(path, *args)

    monkeypatch.setattr(qstat.opening, "read_workbook", read_workbook)
    results = check(files, config=CITY)
    assert [(sub.file, sub.status) for sub, _ in results] == [
        ("叶县.xlsx", "ok"),
        ("panic.xls", "unreadable"),
        ("badzip.xlsx", "unreadable"),
        ("aes.xlsx", "unreadable"),
        ("xml.xlsx", "unreadable"),
    ]
    assert str(results[0][1]) == "2024Q3"  # stated in the sample's titles
    assert log.read_text(encoding="utf-8").splitlines().count(str(source)) == 1


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="XFD100000" t="inlineStr"><is><t>x</t></is></c>',
        b'<c\nr="XFD100000"><v>1</v></c>',
        b"<c r='XFD100000'><v>1</v></c>",
        b'<c t="n" r="XFD100000"><v>1</v></c>',
        b'<c r="xfd100000"><v>1</v></c>',
        b'<c r="XFD1048577"><v>1</v></c>',
        b'<c r="A99999999"><v>1</v></c>',
        b'<c r=" XFD100000 "><v>1</v></c>',
    ],
)
def test_every_spelling_of_a_far_cell_is_found(tmp_path, cell):
    """calamine accepts each of these; the quick look must not wave any of them through."""
    import openpyxl

    book = openpyxl.Workbook()
    book.worksheets[0]["A1"] = "附表5"
    book.save(tmp_path / "a.xlsx")
    far = b'<row r="100000">' + cell + b"</row></sheetData>"
    _patched(tmp_path / "a.xlsx", tmp_path / "b.xlsx", lambda n, c: c.replace(b"</sheetData>", far))
    workbook = read_workbook(tmp_path / "b.xlsx", "xlsx")
    assert [f.rule for f in workbook.findings] == ["IN009"]
    assert workbook.sheets[0].rows == [["附表5"]]


@pytest.mark.parametrize("far_formula", [False, True])
def test_formulas_without_values_are_looked_for_in_the_sheet_as_measured(tmp_path, far_formula):
    """The sheet XML the size check unpacked, far cells cut out, is where formulas saved
    without their values are looked for: C1 (=B1*3, B1 = 2) is recomputed to 2*3 = 6 (IN007)
    beside the far cell's IN009; a formula only in the far cell is left out with it."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet["A1"], sheet["B1"] = "附表5", 2
    if not far_formula:
        sheet["C1"] = "=B1*3"  # openpyxl saves the formula without a value
    book.save(tmp_path / "a.xlsx")
    cell = b'<c r="XFD100000"><f>B1+1</f></c>' if far_formula else b'<c r="XFD100000"><v>1</v></c>'
    far = b'<row r="100000">' + cell + b"</row></sheetData>"
    _patched(tmp_path / "a.xlsx", tmp_path / "b.xlsx", lambda n, c: c.replace(b"</sheetData>", far))
    workbook = read_workbook(tmp_path / "b.xlsx", "xlsx")
    if far_formula:
        assert [f.rule for f in workbook.findings] == ["IN009"]
        assert workbook.sheets[0].rows == [["附表5", 2]]
    else:
        assert [f.rule for f in workbook.findings] == ["IN009", "IN007"]
        assert workbook.sheets[0].rows == [["附表5", 2, 6]]


def test_merged_ranges_are_put_in_order_and_clipped_to_the_grid(tmp_path):
    """A damaged file's K5:J5 or A1:XFD1048576 would stop (or swamp) the marked copy."""
    import openpyxl

    book = openpyxl.Workbook()
    book.worksheets[0]["A1"], book.worksheets[0]["C3"] = "标题", 1
    book.save(tmp_path / "a.xlsx")
    merges = b'<mergeCells count="3"><mergeCell ref="C2:B1"/><mergeCell ref="A3:XFD1048576"/>'
    merges += b'<mergeCell ref="E9:F9"/></mergeCells>'
    _patched(
        tmp_path / "a.xlsx",
        tmp_path / "b.xlsx",
        lambda n, c: c.replace(b"</sheetData>", b"</sheetData>" + merges) if "sheet1" in n else c,
    )
    [sheet] = read_workbook(tmp_path / "b.xlsx", "xlsx").sheets
    assert sorted(sheet.merged) == [(0, 1, 1, 2), (2, 0, 2, 2)]

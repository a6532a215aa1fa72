"""Archives in the inbox (issue 20): members are submissions of their own, under the file limits.

The archives are built here with zipfile and py7zr; nothing from qstat.
"""

import io
import json
import os
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import py7zr
from conftest import codes, one_finding
from messy import YE, Clerk

SAMPLE_DOCX = Path(__file__).resolve().parents[1] / "sample_workbooks" / "2024Q3" / "情况说明.docx"


def workbook(unit_line: str | None = "填表单位（盖章）：叶县住房和城乡建设局") -> bytes:
    out = io.BytesIO()
    Clerk(unit_line).all_forms([YE]).book.save(out)
    return out.getvalue()


def windows_zip(members: dict[str, bytes], when=(2024, 10, 9, 8, 30, 0)) -> bytes:
    """A zip as 资源管理器 “发送到→压缩文件夹” writes it: names in GBK, no UTF-8 flag.

    zipfile would flag non-ASCII names as UTF-8, so each is written under an ASCII stand-in of
    the same byte length and the stand-in's bytes are swapped for the GBK ones afterwards.
    """
    out = io.BytesIO()
    swaps = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (name, content) in enumerate(members.items()):
            raw = name.encode("gbk")
            stand_in = f"{i:03d}".encode() + b"#" * (len(raw) - 3)
            z.writestr(zipfile.ZipInfo(stand_in.decode(), when), content)
            swaps.append((stand_in, raw))
    data = out.getvalue()
    for stand_in, raw in swaps:
        assert data.count(stand_in) == 2  # the local header and the central directory
        data = data.replace(stand_in, raw)
    return data


def plain_zip(members: dict[str, bytes], when=(2024, 10, 9, 8, 30, 0)) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(zipfile.ZipInfo(name, when), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def summary(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))


def statuses(tmp_path: Path) -> dict[str, str]:
    return {s["file"]: s["status"] for s in summary(tmp_path)["submissions"]}


def test_a_windows_zip_with_gbk_names_is_unpacked_member_by_member(inbox, run, tmp_path):
    docx = SAMPLE_DOCX.read_bytes()
    (inbox / "叶县报送.zip").write_bytes(
        windows_zip({"2024年三季度/叶县统计报表.xlsx": workbook(), "2024年三季度/情况说明.docx": docx})
    )
    result = run(inbox)
    listed = statuses(tmp_path)
    assert listed["叶县报送.zip/2024年三季度/叶县统计报表.xlsx"] == "ok"
    assert "叶县报送.zip/2024年三季度/情况说明.docx" in listed  # reaches intake like a loose .docx
    assert "叶县报送.zip" not in listed
    assert "叶县" not in result.missing_units
    assert result.total.in_progress.count == 12
    assert list(inbox.iterdir()) == [inbox / "叶县报送.zip"]  # nothing unpacked beside it


def test_the_unit_of_a_member_without_a_unit_line_comes_from_the_archive_name(inbox, run, tmp_path):
    (inbox / "舞钢市.zip").write_bytes(windows_zip({"报表.xlsx": workbook(unit_line=None)}))
    result = run(inbox)
    sub = next(s for s in result.submissions if s.file == "舞钢市.zip/报表.xlsx")
    assert sub.unit == "舞钢市" and sub.status == "ok"


def test_a_7z_is_unpacked(inbox, run, tmp_path):
    with py7zr.SevenZipFile(inbox / "叶县.7z", "w") as archive:
        archive.writestr(workbook(), "叶县.xlsx")
    result = run(inbox)
    assert statuses(tmp_path) == {"叶县.7z/叶县.xlsx": "ok"}
    assert result.total.in_progress.count == 12


def test_a_rar_gets_a_finding_asking_for_zip(inbox, run, tmp_path):
    (inbox / "叶县.rar").write_bytes(b"Rar!\x1a\x07\x01\x00" + bytes(200))
    result = run(inbox)
    assert statuses(tmp_path) == {"叶县.rar": "unreadable"}
    finding = one_finding(result, "IN011")
    assert finding.unit == "叶县" and ".zip" in finding.message and "RAR" in finding.message
    assert (tmp_path / "out" / "退回" / "叶县_审核意见.docx").exists()  # the unit is told


def test_a_member_climbing_out_of_the_archive_is_refused_and_nothing_is_written_outside(inbox, run, tmp_path):
    (inbox / "叶县.zip").write_bytes(
        plain_zip({"../../x.xlsx": workbook(), "/abs.xlsx": workbook(), "叶县.xlsx": workbook()})
    )
    before = sorted(p for p in tmp_path.rglob("*"))
    result = run(inbox)
    listed = statuses(tmp_path)
    assert listed["叶县.zip/../../x.xlsx"] == "unreadable"
    assert listed["叶县.zip//abs.xlsx"] == "unreadable"
    assert listed["叶县.zip/叶县.xlsx"] == "ok"
    assert len(codes(result, "IN011")) == 2
    assert not (tmp_path.parent / "x.xlsx").exists() and not Path("/abs.xlsx").exists()
    written = {p for p in tmp_path.rglob("*")} - set(before)
    assert all(p.is_relative_to(tmp_path / "out") or p.name.startswith("history") for p in written)


def test_a_zip_bomb_is_refused_by_the_limits_and_the_other_member_read(inbox, run, tmp_path):
    zeros = bytes(60 << 20)  # 60 MB of zeros: over max_file_mb (50), packed into about 60 KB
    (inbox / "叶县.zip").write_bytes(
        plain_zip({"炸弹.xlsx": zeros, "比例.xlsx": zeros[: 3 << 20], "叶县.xlsx": workbook()})
    )
    result = run(inbox)
    listed = statuses(tmp_path)
    assert listed == {
        "叶县.zip/炸弹.xlsx": "unreadable",
        "叶县.zip/比例.xlsx": "unreadable",
        "叶县.zip/叶县.xlsx": "ok",
    }
    assert one_finding(result, "IN001").message.startswith("文件过大")
    assert "压缩比" in one_finding(result, "IN011").message


def test_a_member_lying_about_its_size_is_not_inflated_past_it(inbox, run, tmp_path):
    zeros = bytes(60 << 20)
    data = plain_zip({"叶县.xlsx": zeros})
    info = zipfile.ZipFile(io.BytesIO(data)).infolist()[0]
    one = (1000).to_bytes(4, "little")  # declared: 1000 bytes, in both headers
    data = data[: info.header_offset + 22] + one + data[info.header_offset + 26 :]
    central = data.index(b"PK\x01\x02")
    data = data[: central + 24] + one + data[central + 28 :]
    (inbox / "叶县.zip").write_bytes(data)
    result = run(inbox)
    assert statuses(tmp_path) == {"叶县.zip/叶县.xlsx": "unreadable"}
    assert "损坏" in one_finding(result, "IN011").message


def test_a_newer_zip_replaces_a_loose_file_by_the_member_date(inbox, run, tmp_path):
    (inbox / "叶县.xlsx").write_bytes(workbook())
    stamp = datetime(2024, 10, 8, 9, 0).timestamp()
    os.utime(inbox / "叶县.xlsx", (stamp, stamp))
    (inbox / "叶县_重新打包.zip").write_bytes(
        windows_zip({"叶县.xlsx": workbook()}, when=(2024, 10, 9, 8, 0, 0))
    )
    run(inbox)
    assert statuses(tmp_path) == {"叶县.xlsx": "superseded", "叶县_重新打包.zip/叶县.xlsx": "ok"}


def test_one_level_of_nested_archives_is_unpacked_deeper_ones_refused(inbox, run, tmp_path):
    inner = plain_zip({"叶县.xlsx": workbook(), "更深.zip": plain_zip({"x.xlsx": workbook()})})
    (inbox / "汇总.zip").write_bytes(plain_zip({"叶县.zip": inner, "__MACOSX/._叶县.zip": b"x"}))
    result = run(inbox)
    listed = statuses(tmp_path)
    assert listed == {
        "汇总.zip/叶县.zip/叶县.xlsx": "ok",
        "汇总.zip/叶县.zip/更深.zip": "unreadable",
        "汇总.zip/__MACOSX/._叶县.zip": "ignored",
    }
    assert "多层" in one_finding(result, "IN011").message


def test_a_damaged_or_empty_archive_is_listed_itself(inbox, run, tmp_path):
    (inbox / "叶县.zip").write_bytes(plain_zip({"叶县.xlsx": workbook()})[:300])
    (inbox / "舞钢市.zip").write_bytes(plain_zip({}))
    result = run(inbox)
    assert statuses(tmp_path) == {"叶县.zip": "unreadable", "舞钢市.zip": "ignored"}
    assert one_finding(result, "IN011").unit == "叶县"


def test_without_py7zr_a_7z_gets_a_finding(inbox, run, tmp_path, monkeypatch):
    with py7zr.SevenZipFile(inbox / "叶县.7z", "w") as archive:
        archive.writestr(workbook(), "叶县.xlsx")
    monkeypatch.setitem(sys.modules, "py7zr", None)  # import py7zr now raises ImportError
    result = run(inbox)
    assert statuses(tmp_path) == {"叶县.7z": "unreadable"}
    assert "py7zr" in one_finding(result, "IN011").message

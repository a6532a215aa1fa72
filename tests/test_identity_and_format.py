"""The office's identity ([office]) and --date on every output, and the 公文 format of the Word ones.

Fixture: 平顶山市 with units 叶县 and 舞钢市; 叶县 sends a workbook whose stated filing rate is
wrong (an error, so it gets a 审核意见), 舞钢市 sends nothing. Run on 2024-10-12 by --date.
"""

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.shared import Pt
from messy import Clerk, f5_row

from qstat.cli import main

CONFIG = """name = "平顶山市"
units = ["叶县", "舞钢市"]

[office]
full_name = "平顶山市建设工程质量监督站"
statistician = "王晓峰"
approver = "李建国"
phone = "0375-2661234"
"""
# completed 2, filed 1: the rate is 50%, stated 100% (F5-002, an error)
YE = f5_row(
    "叶县", (1, 0.5, 100), (1, 0.5, 100), (0, 0, 0), (2, 1.0, 200), (1, 0.5, 100), ("100", "50"), "90"
)
EAST_ASIA = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
TODAY = date.today()
MACHINE_DATE = f"{TODAY.year}年{TODAY.month}月{TODAY.day}日"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("identity")
    inbox = tmp / "inbox"
    inbox.mkdir()
    Clerk("填表单位（盖章）：叶县住房和城乡建设局").all_forms([YE]).save(inbox / "叶县.xlsx")
    (tmp / "qstat.toml").write_text(CONFIG, encoding="utf-8")
    args = [
        "--config",
        str(tmp / "qstat.toml"),
        "--out",
        str(tmp / "out"),
        "--db",
        str(tmp / "h.sqlite"),
        "--date",
        "2024-10-12",
    ]
    assert main(["consolidate", str(inbox), "--period", "2024Q3", *args]) == 1
    assert (
        main(
            ["report", "--period", "2024Q3", *args[:4], "--db", str(tmp / "h.sqlite"), "--date", "2024-10-15"]
        )
        == 0
    )
    return tmp / "out"


def _text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_the_forms_carry_the_statistician_the_approver_and_the_date(outputs):
    book = openpyxl.load_workbook(outputs / "平顶山市_2024Q3_汇总表.xlsx")
    cells = {
        name: [c.value for row in book[name].iter_rows() for c in row if isinstance(c.value, str)]
        for name in book.sheetnames
    }
    footer = next(v for v in cells["附表5"] if v.startswith("统计员"))
    assert "统计员：王晓峰" in footer and "批准人：李建国" in footer and "报送日期：2024年10月12日" in footer
    # 附表1: the seed's line above the table, 公章; 附表5: 盖章
    assert any(
        v.startswith("填表单位（公章）：平顶山市")
        and "填表人：王晓峰" in v
        and "填表日期：2024年10月12日" in v
        for v in cells["附表1"]
    )
    assert "填表单位（盖章）：平顶山市" in cells["附表5"] and "填表单位（公章）：平顶山市" in cells["附表3"]
    machine = any(MACHINE_DATE in v for values in cells.values() for v in values)
    assert not machine or TODAY == date(2024, 10, 12)


def test_the_letter_is_signed_by_the_office_with_its_phone_and_the_given_date(outputs):
    text = _text(outputs / "退回" / "叶县_审核意见.docx")
    assert "联系人：王晓峰" in text and "联系电话：0375-2661234" in text
    lines = text.rstrip().splitlines()
    assert lines[-2].strip("　") == "平顶山市建设工程质量监督站" and lines[-1].strip("　") == "2024年10月12日"
    assert MACHINE_DATE not in text or TODAY == date(2024, 10, 12)


def test_the_report_is_signed_by_the_office_on_the_given_date(outputs):
    text = _text(outputs / "平顶山市_2024Q3_工程质量运行态势分析报告.docx")
    lines = text.rstrip().splitlines()
    assert lines[-2].strip("　") == "平顶山市建设工程质量监督站" and lines[-1].strip("　") == "2024年10月15日"
    assert MACHINE_DATE not in text or TODAY == date(2024, 10, 15)


@pytest.mark.parametrize("name", ["平顶山市_2024Q3_工程质量运行态势分析报告.docx", "退回/叶县_审核意见.docx"])
def test_the_report_and_the_letters_are_laid_out_as_gongwen(outputs, name):
    doc = Document(outputs / name)
    section = doc.sections[0]

    def mm(*lengths):  # stored in twips: to 0.1 mm
        return tuple(round(x.mm, 1) for x in lengths)

    assert mm(section.page_width, section.page_height) == (210, 297)
    assert mm(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin) == (
        37,
        35,
        28,
        26,
    )
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)  # 三号
    assert normal.element.rPr.rFonts.get(EAST_ASIA) == "仿宋_GB2312"
    assert abs(normal.paragraph_format.line_spacing.pt - 28.95) < 0.01  # 22 lines in 225 mm
    title = doc.styles["Title"]
    assert title.font.size == Pt(22)  # 二号 方正小标宋简体
    assert title.element.rPr.rFonts.get(EAST_ASIA) == "方正小标宋简体"
    footer = "".join(p.text for p in section.footer.paragraphs)
    assert footer.startswith("— ") and footer.endswith(" —")  # — 1 —, the number is a PAGE field


def test_a_config_without_office_still_signs_with_its_name(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    Clerk("填表单位：叶县").all_forms([YE]).save(inbox / "叶县.xlsx")
    (tmp_path / "q.toml").write_text('name = "平顶山市"\nunits = ["叶县"]\n', encoding="utf-8")
    main(
        [
            "consolidate",
            str(inbox),
            "--period",
            "2024Q3",
            "--config",
            str(tmp_path / "q.toml"),
            "--out",
            str(tmp_path / "out"),
            "--db",
            str(tmp_path / "h.sqlite"),
            "--date",
            "2024-10-12",
        ]
    )
    lines = _text(tmp_path / "out" / "退回" / "叶县_审核意见.docx").rstrip().splitlines()
    assert lines[-2].strip("　") == "平顶山市" and "联系人：__" in "\n".join(lines)


def test_a_date_not_in_iso_form_is_bad_usage(tmp_path):
    assert main(["report", "--period", "2024Q3", "--db", str(tmp_path / "h"), "--date", "2024/10/12"]) == 2

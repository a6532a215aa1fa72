"""The files of an inbox: a Book built and saved with fixed zip timestamps, LibreOffice copies, the rest."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from .city import STATIST
from .scores import write_score_sheet
from .workbook import WRITERS, Book, Submission

# --------------------------------------------------------------------------- files

FIXED_TIME = (2024, 10, 8, 9, 0, 0)


def freeze_zip(path: Path) -> None:
    """Rewrite an .xlsx/.docx so that rerunning gives the same bytes: fixed entry times and
    fixed document dates (openpyxl stamps both with 'now')."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                for tag in ("dcterms:created", "dcterms:modified"):
                    start = text.find(f"<{tag}")
                    if start >= 0:
                        s = text.index(">", start) + 1
                        e = text.index(f"</{tag}>", s)
                        text = text[:s] + "2024-10-08T01:00:00Z" + text[e:]
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def build(sub: Submission) -> Book:
    b = Book(sub)
    st = sub.style
    b.wb.properties.creator = STATIST
    b.wb.properties.lastModifiedBy = STATIST
    b.wb.properties.created = dt.datetime(2024, 10, 8, 9, 0, 0)
    r = st.top
    for form in st.order:
        ws = b.sheet_for(form)
        top = r if st.single_sheet else st.top
        bottom = WRITERS[form](b, ws, top, st.left)
        r = bottom + 3  # stacked forms: three empty rows between them
    if sub.scores:
        write_score_sheet(b, sub.scores, r if st.single_sheet else None)
    for name, rows in UNIT_SHEETS.get((sub.file, sub.uq.q.key), {}).items():
        ws = b.wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        ws.column_dimensions["A"].width = 12
        ws.column_dimensions["C"].width = 60
    b.finish()
    return b


# Sheets a unit adds of its own accord: a 情况说明 explaining a warning (the explanation is
# attached to the finding and no longer counts against the unit) and a 文字材料 the report
# quotes under the sections its headings name.
UNIT_SHEETS = {
    ("湛河区2024年三季度报表.xlsx", "2024Q3"): {
        "情况说明": [
            ["规则编号", "单元格", "情况说明"],
            ["ST006", "季度统计表!E8", "录入时输入法处于全角状态，数值核对无误。"],
        ]
    },
    ("汝州市.xlsx", "2024Q3"): {
        "文字材料": [
            ["汝州市2024年第三季度工程质量监督工作情况"],
            ["一、企业总体情况"],
            ["全市在建工程施工企业总体运行平稳，未发生拖欠农民工工资引发的质量问题。"],
            ["二、对实体工程质量监督采取的措施"],
            ["本季度开展在建工程质量巡查两轮，重点检查住宅工程渗漏、开裂等质量通病防治措施落实情况。"],
            ["十一、对策建议"],
            ["建议进一步加强预拌混凝土质量抽检，推行住宅工程质量分户验收。"],
        ]
    },
}


def save(b: Book, path: Path) -> None:
    b.wb.save(path)
    freeze_zip(path)


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice in its own profile (so a running LibreOffice is not
    disturbed). Returns the converted file."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        sys.exit("make_samples: LibreOffice (soffice) is needed for 郏县.xls and 汝州市.xlsx")
    profile = Path(tempfile.gettempdir()) / "qstat-make-samples-lo"
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            str(src),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=300,
    )
    out = outdir / (src.stem + "." + fmt)
    if not out.exists():
        sys.exit(f"make_samples: LibreOffice did not write {out}")
    return out


def write_lock_file(path: Path) -> None:
    """What Excel leaves while 宝丰县.xlsx is open: 165 bytes, owner name, no workbook."""
    owner = "zhangsan"
    data = bytes([len(owner)]) + owner.encode("ascii").ljust(53, b" ")
    data += bytes([len(owner), 0]) + owner.encode("utf-16-le")
    path.write_bytes(data.ljust(165, b"\x00"))


def write_docx(path: Path, paragraphs: list[str]) -> None:
    """A minimal but valid Word document (a zip like an .xlsx: a naive reader may try it)."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))

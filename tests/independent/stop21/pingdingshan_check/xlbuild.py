"""A tiny sheet model written out with xlsxwriter or openpyxl (independent of qstat)."""
import datetime as dt
import os
import shutil
import subprocess
import tempfile
import zipfile

NOCACHE = object()


def col_letter(c):
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def a1(r, c):
    return f"{col_letter(c)}{r + 1}"


class Sheet:
    def __init__(self, name, hidden=False):
        self.name = name
        self.hidden = hidden  # False | 'hidden' | 'veryHidden'
        self.cells = {}       # (r,c) -> (value, fmt)
        self.formulas = {}    # (r,c) -> (formula, cached or NOCACHE, fmt)
        self.merges = []      # (r1,c1,r2,c2)
        self.widths = {}
        self.hidden_rows = set()

    def put(self, r, c, v, fmt=None):
        if v is None:
            self.cells.pop((r, c), None)
            return
        self.cells[(r, c)] = (v, fmt)

    def formula(self, r, c, f, cached=NOCACHE, fmt=None):
        self.formulas[(r, c)] = (f, cached, fmt)
        self.cells.pop((r, c), None)

    def merge(self, r1, c1, r2, c2, v=None, fmt=None):
        if (r1, c1) == (r2, c2):
            self.put(r1, c1, v, fmt)
            return
        self.merges.append((r1, c1, r2, c2))
        self.put(r1, c1, v, fmt)

    def width(self, c, w):
        self.widths[c] = w


FMT = {
    "date": "yyyy-mm-dd",
    "date_cn": 'yyyy"年"m"月"d"日"',
    "date_slash": "yyyy/m/d",
    "pct1": "0.0%",
    "pct0": "0%",
    "n2": "0.00",
    "n1": "0.0",
}


def save_xlsxwriter(sheets, path):
    import xlsxwriter
    wb = xlsxwriter.Workbook(path, {"strings_to_numbers": False, "strings_to_formulas": False})
    cache = {}

    def fmt(key, wrap=True):
        k = (key, wrap)
        if k not in cache:
            props = {"valign": "vcenter"}
            if wrap:
                props["text_wrap"] = True
            if key == "title":
                props.update(bold=True, font_size=16, align="center")
            elif key == "bold":
                props.update(bold=True)
            elif key == "head":
                props.update(bold=True, align="center", border=1)
            elif key in FMT:
                props["num_format"] = FMT[key]
            cache[k] = wb.add_format(props)
        return cache[k]

    for sh in sheets:
        ws = wb.add_worksheet(sh.name)
        for c, w in sh.widths.items():
            ws.set_column(c, c, w)
        merged_tl = {}
        covered = set()
        for (r1, c1, r2, c2) in sh.merges:
            merged_tl[(r1, c1)] = (r2, c2)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if (r, c) != (r1, c1):
                        covered.add((r, c))
        for (r, c), (v, f) in sh.cells.items():
            if (r, c) in covered:
                continue
            F = fmt(f) if f else None
            if (r, c) in merged_tl:
                r2, c2 = merged_tl[(r, c)]
                if isinstance(v, (dt.date, dt.datetime)):
                    ws.merge_range(r, c, r2, c2, "", F)
                    ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()) if not isinstance(v, dt.datetime) else v, F)
                else:
                    ws.merge_range(r, c, r2, c2, v, F)
                continue
            if isinstance(v, bool):
                ws.write_boolean(r, c, v, F)
            elif isinstance(v, (int, float)):
                ws.write_number(r, c, v, F)
            elif isinstance(v, dt.datetime):
                ws.write_datetime(r, c, v, F or fmt("date"))
            elif isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), F or fmt("date"))
            else:
                ws.write_string(r, c, str(v), F)
        for (r1, c1, r2, c2) in sh.merges:
            if (r1, c1) not in sh.cells:
                ws.merge_range(r1, c1, r2, c2, "", None)
        for (r, c), (f, cached, fk) in sh.formulas.items():
            F = fmt(fk) if fk else None
            if cached is NOCACHE:
                ws.write_formula(r, c, f, F)  # xlsxwriter stores 0
            else:
                ws.write_formula(r, c, f, F, cached)
        for r in sh.hidden_rows:
            ws.set_row(r, None, None, {"hidden": True})
        if sh.hidden:
            ws.hide()
            if sh.hidden == "veryHidden":
                ws.very_hidden()
    # first visible sheet active
    for i, sh in enumerate(sheets):
        if not sh.hidden:
            wb.worksheets()[i].activate()
            break
    wb.close()


def save_openpyxl(sheets, path):
    import openpyxl
    from openpyxl.styles import Alignment, Font
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sh in sheets:
        ws = wb.create_sheet(sh.name)
        for c, w in sh.widths.items():
            ws.column_dimensions[col_letter(c)].width = w
        for (r, c), (v, f) in sh.cells.items():
            cell = ws.cell(row=r + 1, column=c + 1)
            cell.value = v
            if f in FMT:
                cell.number_format = FMT[f]
            elif isinstance(v, (dt.date, dt.datetime)):
                cell.number_format = FMT["date"]
            if f == "title":
                cell.font = Font(bold=True, size=16)
                cell.alignment = Alignment(horizontal="center")
            elif f in ("head", "bold"):
                cell.font = Font(bold=True)
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for (r, c), (f, cached, fk) in sh.formulas.items():
            cell = ws.cell(row=r + 1, column=c + 1)
            cell.value = "=" + f.lstrip("=")
            if fk in FMT:
                cell.number_format = FMT[fk]
        for (r1, c1, r2, c2) in sh.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for r in sh.hidden_rows:
            ws.row_dimensions[r + 1].hidden = True
        if sh.hidden:
            ws.sheet_state = sh.hidden
    for i, sh in enumerate(sheets):
        if not sh.hidden:
            wb.active = i
            break
    wb.save(path)


def make_xlsm(xlsx_path, xlsm_path):
    """Repackage an .xlsx as a macro-enabled workbook (content type of .xlsm, no VBA project)."""
    with zipfile.ZipFile(xlsx_path) as zin, zipfile.ZipFile(xlsm_path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            zout.writestr(item, data)


def soffice_convert(xlsx_path, target_ext, out_path):
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    if not os.path.exists(soffice):
        return False
    with tempfile.TemporaryDirectory() as td:
        prof = os.path.join(td, "profile")
        src = os.path.join(td, "src.xlsx")
        shutil.copy(xlsx_path, src)
        filt = {"xls": "xls:MS Excel 97", "ods": "ods"}[target_ext]
        subprocess.run([soffice, f"-env:UserInstallation=file://{prof}", "--headless",
                        "--convert-to", filt, "--outdir", td, src],
                       check=True, capture_output=True, timeout=180)
        produced = os.path.join(td, "src." + target_ext)
        if not os.path.exists(produced):
            return False
        shutil.copy(produced, out_path)
    return True

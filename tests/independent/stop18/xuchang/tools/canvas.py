"""A tiny sheet model rendered with openpyxl or xlsxwriter (so different clerks' tools differ)."""
import datetime as dt
from openpyxl.utils import get_column_letter


class Formula:
    def __init__(self, expr, cached=None):
        self.expr = expr
        self.cached = cached


class Canvas:
    def __init__(self, name):
        self.name = name
        self.cells = {}      # (r, c) -> (value, numfmt, bold)
        self.merges = []
        self.hidden_rows = set()
        self.widths = {}

    def set(self, r, c, v, fmt=None, bold=False):
        self.cells[(r, c)] = (v, fmt, bold)

    def merge(self, r1, c1, r2, c2):
        if (r1, c1) != (r2, c2):
            self.merges.append((r1, c1, r2, c2))

    @staticmethod
    def ref(r, c):
        return f"{get_column_letter(c)}{r}"


def render_openpyxl(canvases, path, props_author="Administrator"):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    for cv in canvases:
        ws = wb.create_sheet(cv.name)
        for (r, c), (v, fmt, bold) in cv.cells.items():
            cell = ws.cell(row=r, column=c)
            if isinstance(v, Formula):
                cell.value = v.expr          # openpyxl: no cached value is saved
            else:
                cell.value = v
            if fmt:
                cell.number_format = fmt
            cell.font = Font(name="宋体", size=10, bold=bold)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for m in cv.merges:
            ws.merge_cells(start_row=m[0], start_column=m[1], end_row=m[2], end_column=m[3])
        for r in cv.hidden_rows:
            ws.row_dimensions[r].hidden = True
        for c, w in cv.widths.items():
            ws.column_dimensions[get_column_letter(c)].width = w
    wb.properties.creator = props_author
    wb.save(path)


def render_xlsxwriter(canvases, path):
    import xlsxwriter
    wb = xlsxwriter.Workbook(path)
    fmts = {}

    def F(numfmt, bold):
        k = (numfmt, bold)
        if k not in fmts:
            d = {"font_name": "宋体", "font_size": 10, "text_wrap": True, "valign": "vcenter", "border": 1}
            if numfmt:
                d["num_format"] = numfmt
            if bold:
                d["bold"] = True
            fmts[k] = wb.add_format(d)
        return fmts[k]

    for cv in canvases:
        ws = wb.add_worksheet(cv.name)
        merged_tl = {}
        covered = set()
        for m in cv.merges:
            merged_tl[(m[0], m[1])] = m
            for r in range(m[0], m[2] + 1):
                for c in range(m[1], m[3] + 1):
                    covered.add((r, c))
        for (r, c), (v, fmt, bold) in cv.cells.items():
            if (r, c) in merged_tl:
                continue
            f = F(fmt, bold)
            if isinstance(v, Formula):
                ws.write_formula(r - 1, c - 1, v.expr, f, v.cached)
            elif isinstance(v, (dt.date, dt.datetime)):
                ws.write_datetime(r - 1, c - 1, dt.datetime(v.year, v.month, v.day), F(fmt or "yyyy-mm-dd", bold))
            elif v is None:
                ws.write_blank(r - 1, c - 1, None, f)
            else:
                ws.write(r - 1, c - 1, v, f)
        for m in cv.merges:
            v, fmt, bold = cv.cells.get((m[0], m[1]), (None, None, False))
            ws.merge_range(m[0] - 1, m[1] - 1, m[2] - 1, m[3] - 1, "" if v is None else v, F(fmt, bold))
        for c, w in cv.widths.items():
            ws.set_column(c - 1, c - 1, w)
    wb.close()

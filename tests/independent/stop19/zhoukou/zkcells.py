"""My own reader of clerk-typed cells (independent of qstat)."""
import datetime as dt
import re

FW = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．，％－"}
ZERO = {"无", "—", "-", "/", "－", "——", "暂无", ""}


def norm_text(v):
    if v is None:
        return ""
    s = str(v).translate(FW).replace("\u00a0", " ").replace("\u3000", " ").strip()
    return s


def num(v):
    """number or None (empty); raises ValueError on junk"""
    if v is None:
        return None
    if isinstance(v, bool):
        raise ValueError(v)
    if isinstance(v, (int, float)):
        return float(v)
    s = norm_text(v)
    if s in ZERO:
        return 0.0 if s else None
    s = s.replace(",", "").replace(" ", "")
    s = re.sub(r"(平方米|万㎡|㎡|万元|项|个|人)$", "", s)
    pct = s.endswith("%")
    s = s.rstrip("%")
    return float(s)


def rate(v):
    if v is None:
        return None
    s = norm_text(v)
    if s in ZERO:
        return None
    x = num(v)
    if not s.endswith("%") and 0 < x < 1:
        x *= 100
    return x

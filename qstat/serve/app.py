"""The web application: pages (Jinja2, server-rendered) and the JSON API they use.

Every route only calls the desk (qstat.check), the job (qstat.consolidate, the report) or reads
the output folder. The guard in front refuses what must never reach them: a request without the
password, a form posted from another site's page, an upload over the limit.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..findings import Finding
from ..periods import Period
from ..rules import RULES, Severity
from ..write.findings_workbook import form_name
from ..write.report import FORMATS
from ..write.returns import RETURNS_FOLDER
from ..write.safe import safe_name
from .desk import ROSTER_CN, UPLOAD_LIMIT, Desk, Settings, refused, submission_json
from .job import NARRATIVE, RETURNS_ZIP, Job, JobBusy, JobFailed, output_path, outputs, returns_zip

HERE = Path(__file__).parent
SECTION_FIELD = "section-"  # the report page's box of a section: section-1 … section-14 (第十条 item)
# The multipart envelope around the file: its headers and the boundaries, well under this.
ENVELOPE = 64 * 1024
FORMAT_CN = {"docx": "Word文档（.docx）", "html": "网页（.html）", "md": "Markdown（.md）"}
# What each output is, in the order the page lists them (the forms that go up first).
OUTPUT_CN = {
    "汇总表": "汇总表（报上级）",
    "审核问题清单": "审核问题清单",
    "考核评分排名": "考核评分排名表",
    "分析报告": "分析报告",
    "审核意见": "审核意见",
    "审核标注": "审核标注表",
    "summary.json": "汇总数据（供程序读取）",
    NARRATIVE: "分析报告文字材料",
}


def create_app(settings: Settings, hosts: list[str] | None = None) -> Starlette:
    """The application; ``hosts``: the only names the browser may use to reach it (a local
    server answers to localhost alone, so a web page whose name is made to point at this PC
    cannot read it)."""
    desk = Desk(settings)
    job = Job(desk)
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(
        settings=settings,
        period_cn=settings.period.chinese(),
        office=settings.config.name or "汇总",
        status_cn=ROSTER_CN,
        severity_cn={s.value: s.label for s in Severity},
        form_name=form_name,
        rules=RULES,
        quote=quote,
        label=_label,
        limit_mb=UPLOAD_LIMIT // (1024 * 1024),
        ordered=_ordered,
    )

    def page(request: Request, name: str, status_code: int = 200, **context) -> Response:
        return templates.TemplateResponse(request, name, context, status_code=status_code)

    async def desk_page(request: Request) -> Response:
        return page(request, "desk.html", roster=await run_in_threadpool(desk.roster))

    async def roster_fragment(request: Request) -> Response:
        return page(request, "_roster.html", roster=await run_in_threadpool(desk.roster))

    async def api_roster(request: Request) -> Response:
        return JSONResponse([r.to_json() for r in await run_in_threadpool(desk.roster)])

    async def unit_page(request: Request) -> Response:
        unit = request.path_params["unit"]
        files = await run_in_threadpool(desk.unit_files, unit)
        prefix = safe_name(unit) + "_"
        returns = [n for n in outputs(settings.out) if n.startswith(f"{RETURNS_FOLDER}/{prefix}")]
        listed = unit in settings.config.units or files
        return page(
            request,
            "findings.html",
            title=unit,
            files=files,
            returns=returns,
            status_code=200 if listed else 404,
        )

    async def file_page(request: Request) -> Response:
        name = request.query_params.get("name", "")
        sub = await run_in_threadpool(desk.file, name)
        return page(
            request,
            "findings.html",
            title=name,
            files=[sub] if sub else [],
            returns=None,
            status_code=200 if sub else 404,
        )

    async def api_inbox(request: Request) -> Response:
        upload = await _upload(request)
        if isinstance(upload, Response):
            return upload
        sub, saved = await run_in_threadpool(desk.save, *upload)
        return JSONResponse(submission_json(sub) | {"saved": saved})

    async def api_check(request: Request) -> Response:
        upload = await _upload(request)
        if isinstance(upload, Response):
            return upload
        sub = await run_in_threadpool(desk.check_only, *upload)
        return JSONResponse(submission_json(sub))

    async def check_page(request: Request) -> Response:
        return page(request, "check.html")

    async def job_page(request: Request) -> Response:
        summary, when = None, None
        path = settings.out / "summary.json"
        try:
            summary = json.loads(path.read_text(encoding="utf-8"))
            when = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        except (OSError, ValueError):
            pass  # not consolidated yet (or the file was damaged): nothing to show
        files = outputs(settings.out)
        returned = [n for n in files if n.startswith(f"{RETURNS_FOLDER}/")]
        main = sorted((n for n in files if n not in returned), key=_output_order)
        return page(
            request,
            "job.html",
            summary=summary,
            when=when,
            progress=job.progress,
            returns_zip=RETURNS_ZIP,
            main=main,
            returned=returned,
            addressees=_by_addressee(returned),
        )

    def _by_addressee(names: list[str]) -> list[tuple[str, list[str]]]:
        """The 退回 files by the unit they go to, in configuration order."""
        grouped: dict[str, list[str]] = {}
        for name in names:
            grouped.setdefault(_addressee(name), []).append(name)
        units = settings.config.units
        order = sorted(grouped, key=lambda u: (units.index(u) if u in units else len(units), u))
        return [(unit, grouped[unit]) for unit in order]

    async def api_consolidate(request: Request) -> Response:
        try:
            summary = await run_in_threadpool(job.consolidate)
        except JobBusy as e:
            return JSONResponse({"error": str(e)}, status_code=409)
        except JobFailed as e:
            return JSONResponse({"error": str(e)}, status_code=409)
        return JSONResponse(summary | {"outputs": [f"/files/{quote(n)}" for n in outputs(settings.out)]})

    async def api_progress(request: Request) -> Response:
        return JSONResponse(job.progress.to_json())

    async def report_page(request: Request) -> Response:
        context: dict[str, Any] = {  # the template's variables
            "formats": FORMATS,
            "format_cn": FORMAT_CN,
            "fmt": "docx",
            "result": None,
            "preview": None,
            "error": None,
            "sections": [],
            "public_periods": public_periods(settings.period),
            "public": None,
        }
        if request.method == "POST":
            form = await request.form()
            fmt = str(form.get("format", "docx"))
            context["fmt"] = fmt if fmt in FORMATS else "docx"
            texts = {
                int(key.removeprefix(SECTION_FIELD)): str(value)
                for key, value in form.items()
                if key.startswith(SECTION_FIELD) and key.removeprefix(SECTION_FIELD).isdigit()
            }
            public = next((p for p in context["public_periods"] if str(p) == form.get("public")), None)
            try:
                if public:  # the half-year or annual public report, from the same narrative
                    context["public"] = await run_in_threadpool(job.report, texts, "docx", public)
                else:
                    result = await run_in_threadpool(job.report, texts, context["fmt"])
                    context["result"] = result
                    if context["fmt"] == "docx":  # a page to read before downloading the document
                        context["preview"] = await run_in_threadpool(job.report, texts, "html")
                    elif context["fmt"] == "html":
                        context["preview"] = result
            except (JobBusy, JobFailed) as e:
                context["error"] = str(e)
        try:
            context["sections"] = await run_in_threadpool(job.sections)
        except JobFailed as e:
            context["error"] = str(e)
        context["out"] = settings.out
        context["field"] = SECTION_FIELD
        return page(request, "report.html", **context)

    async def files(request: Request) -> Response:
        name = request.path_params["name"]
        if name == RETURNS_ZIP:
            data = await run_in_threadpool(returns_zip, settings.out)
            if data is None:
                return _not_found()
            zip_name = f"{safe_name(settings.config.name, '汇总')}_{settings.period}_退回文件.zip"
            return Response(
                data, media_type="application/zip", headers={"Content-Disposition": _attachment(zip_name)}
            )
        if "\x00" in name:  # no file has one; the path functions would raise on it
            return Response("文件名无效", status_code=400, media_type="text/plain; charset=utf-8")
        path = output_path(settings.out, name)
        if path is None:
            return _not_found()
        inline = path.suffix in (".html", ".json", ".png")
        return FileResponse(
            path, content_disposition_type="inline" if inline else "attachment", filename=path.name
        )

    routes = [
        Route("/", desk_page),
        Route("/unit/{unit:path}", unit_page),
        Route("/file", file_page),
        Route("/check", check_page),
        Route("/job", job_page),
        Route("/report", report_page, methods=["GET", "POST"]),
        Route("/fragment/roster", roster_fragment),
        Route("/api/roster", api_roster),
        Route("/api/inbox", api_inbox, methods=["POST"]),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/consolidate", api_consolidate, methods=["POST"]),
        Route("/api/progress", api_progress),
        Route("/files/{name:path}", files),
        Route("/favicon.ico", lambda request: RedirectResponse("/static/favicon.svg")),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes)
    app.add_middleware(Guard, password=settings.password, hosts=hosts)
    app.state.desk, app.state.job = desk, job  # for tests and embedding
    return app


async def _upload(request: Request) -> tuple[str, bytes] | Response:
    """The uploaded file's name and content, or the refusal (IN010) to send back."""
    try:
        form = await request.form(max_files=1, max_fields=5)
    except Exception:  # not multipart, a broken body: the parser's own exceptions vary
        return JSONResponse(refused(None, "unreadable_request"), status_code=400)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        return JSONResponse(refused(None, "no_file"), status_code=400)
    name = upload.filename or "上传文件"
    data = await upload.read(UPLOAD_LIMIT + 1)
    await form.close()
    if len(data) > UPLOAD_LIMIT:
        return JSONResponse(_too_large(name), status_code=413)
    return name, data


def public_periods(period: Period) -> list[Period]:
    """The public reports the page offers for its period: the half-year it is in, and the year
    once its fourth quarter (or the year itself) is the period."""
    if period.is_annual:
        return [period]
    half = Period(period.year, half=1 if (period.quarter or 1) <= 2 else 2)
    return [half, Period(period.year)] if period.quarter == 4 else [half]


def _too_large(name: str | None) -> dict:
    return refused(name, limit_mb=UPLOAD_LIMIT // (1024 * 1024))


def _not_found() -> Response:
    return Response("没有这个文件", status_code=404, media_type="text/plain; charset=utf-8")


def _attachment(name: str) -> str:
    return f"attachment; filename*=UTF-8''{quote(name)}"


def _ordered(findings: list[Finding]) -> list[Finding]:
    """Errors first, then open warnings, explained warnings, notes: what to fix first."""
    return sorted(findings, key=lambda f: (f.severity.rank, f.explained))


def _addressee(name: str) -> str:
    """Whom a 退回 file goes to: 退回/叶县_审核意见.docx → 叶县."""
    return name.split("/")[-1].rsplit("_", 1)[0]


def _output_order(name: str) -> int:
    return next((i for i, key in enumerate(OUTPUT_CN) if key in name), len(OUTPUT_CN))


def _label(name: str) -> str:
    """An output's name as the page lists it: 审核意见 of 叶县, 汇总表, …"""
    for key, text in OUTPUT_CN.items():
        if key in name:
            return text
    return name


def host_name(header: str) -> str:
    """A Host header's name without its port: ``[::1]:8000`` → ``::1``, ``localhost:8000`` →
    ``localhost`` (an IPv6 address is bracketed there, its colons are not the port's)."""
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.partition(":")[0]


class Guard:
    """Refuses before any route runs: a Host name it does not answer to, no password (when one
    is set), a POST from another site's page (a page on the internet must not drive the
    clerk's local server), a body over the upload limit or of unknown length."""

    def __init__(self, app, password: str = "", hosts: list[str] | None = None) -> None:
        self.app = app
        self.password = password
        self.hosts = hosts  # the only names the Host header may give (None: any)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        response = self._refusal(scope["method"], headers)
        if response is None:
            return await self.app(scope, receive, send)
        return await response(scope, receive, send)

    def _refusal(self, method: str, headers: dict[str, str]) -> Response | None:
        if self.hosts and host_name(headers.get("host", "")) not in self.hosts:
            return Response("Invalid host header", status_code=400, media_type="text/plain")
        if self.password and not self._authorised(headers.get("authorization", "")):
            return Response(
                "需要密码",
                status_code=401,
                media_type="text/plain; charset=utf-8",
                headers={"WWW-Authenticate": 'Basic realm="qstat", charset="UTF-8"'},
            )
        if method != "POST":
            return None
        origin = headers.get("origin")  # browsers send it with every cross-site POST
        if origin and (origin == "null" or urlsplit(origin).netloc != headers.get("host")):
            return JSONResponse({"error": "拒绝来自其他网站页面的请求"}, status_code=403)
        length = headers.get("content-length")
        if length is None:
            if "transfer-encoding" in headers:
                return JSONResponse(_too_large(None) | {"error": "请求须注明长度"}, status_code=411)
            return None
        if not length.isdigit() or int(length) > UPLOAD_LIMIT + ENVELOPE:
            return JSONResponse(_too_large(None), status_code=413)
        return None

    def _authorised(self, header: str) -> bool:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            _, _, given = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return secrets.compare_digest(given.encode(), self.password.encode())

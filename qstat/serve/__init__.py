"""`qstat serve`: the clerk's page in a browser, on the clerk's own PC or the office network.

    app = create_app(Settings(inbox, out, period, config, db))   # a Starlette application
    serve(settings, host="127.0.0.1", port=8000)                  # uvicorn, until Ctrl+C

The page calls the same library as the command line: ``qstat.check.check`` for each file that
arrives, ``qstat.consolidate`` for the job, ``qstat.write.report.build_report`` for the report.
"""

from __future__ import annotations

import ipaddress

from .app import create_app
from .desk import UPLOAD_LIMIT, Settings

__all__ = [
    "LOCAL_NAMES",
    "UPLOAD_LIMIT",
    "ServeError",
    "Settings",
    "check_bind",
    "create_app",
    "is_local",
    "serve",
]


LOCAL_NAMES = ["localhost", "127.0.0.1", "::1"]  # what a local server answers to


class ServeError(Exception):
    """The server cannot start as asked; the message says why in Chinese."""


def is_local(host: str) -> bool:
    """Whether only this PC can reach an address (127.0.0.1, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, password: str) -> None:
    """ServeError unless the address is this PC's own or a password guards it."""
    if not is_local(host) and not password:
        raise ServeError(
            f"在本机以外的地址（{host}）上提供服务必须设置密码："
            "用 --password 或在配置文件的 [serve] 中写 password"
        )


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the page until interrupted. A non-local address needs a password (ServeError)."""
    check_bind(host, settings.password)
    import uvicorn

    hosts = LOCAL_NAMES if is_local(host) else None
    uvicorn.run(create_app(settings, hosts), host=host, port=port, log_level="warning")

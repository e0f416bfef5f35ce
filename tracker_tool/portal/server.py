"""The production server: waitress, a pure-Python WSGI server that runs the same on Windows,
where a service's quality lead may have nowhere else to run it."""

from __future__ import annotations

from django.conf import settings


def serve(host: str, port: int, threads: int = 8) -> None:
    from django.core.wsgi import get_wsgi_application
    from waitress import serve as waitress_serve

    from tracker_tool.portal.checking import WORKERS

    WORKERS.start()
    # waitress answers 413 itself for a body far over the limit, before Django reads it.
    waitress_serve(get_wsgi_application(), host=host, port=port, threads=threads,
                   max_request_body_size=settings.UPLOAD_LIMIT + 1024 * 1024,
                   ident="tracker-tool", clear_untrusted_proxy_headers=True)

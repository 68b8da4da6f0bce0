"""gunicorn's settings for this project (gunicorn reads ./gunicorn.conf.py by itself).

The access log leaves out query strings: BILLmanager's API takes `authinfo=login:password`
in the URL, and a log file must never hold passwords. Scripts should POST it anyway."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# A worker busy longer than this is restarted. An unpaged /billmgr list is streamed by the
# worker for as long as it takes (the 1M benchmark's whole queue: see docs/performance.md).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
# %(U)s is the path without the query string; no referrer either, it may carry one.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s" %(M)sms'
# Requests are refused before Django reads them when their head is oversized.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

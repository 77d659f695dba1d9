"""gunicorn's configuration for samvydat (``make serve``; docs/deployment.md).

Environment: ``BIND`` (default 127.0.0.1:8000 — nginx in front), ``WEB_CONCURRENCY`` (worker processes; default
2 × cores), ``GUNICORN_THREADS`` (threads per worker; default 4). gthread workers keep connections from nginx
alive and let a worker answer cache hits while another thread waits on the database.

No access log: gunicorn's would hold readers' IP addresses. samvydat logs one JSON line per request itself,
without them (samvydat.serving.logs); gunicorn's own messages use the same JSON formatter.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
keepalive = 75  # longer than nginx's upstream keepalive_timeout (60 s), so nginx closes first
timeout = 60
graceful_timeout = 30
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))  # recycle workers after N requests (0: never)
max_requests_jitter = max_requests // 10
preload_app = True  # import Django once; workers share the memory until they write to it
accesslog = None
control_socket_disable = True  # gunicorn 27's control socket: not used, and one path per user would clash
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "samvydat.wsgi:application"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "samvydat.serving.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

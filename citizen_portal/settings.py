"""Settings for Cổng Công dân, read from the environment (see .env.example for every variable).

One module for every deployment: a developer's laptop (SQLite, DEBUG=1), CI (PostgreSQL) and production
(PostgreSQL, Redis, S3-compatible storage, DEBUG off). Test-only tweaks live in conftest.py.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is optional; real environment variables always win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. Set SECRET_KEY in the environment "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Guessing limits (per hour unless said): the status lookup (codes are sequential) and one-time codes.
LOOKUP_LIMITS = {"PER_IP": env.int("LOOKUP_PER_HOUR_IP", default=30), "PER_CONTACT": 10}
OTP_LIMITS = {"PER_IP": env.int("OTP_PER_HOUR_IP", default=10), "PER_PHONE_15_MIN": 3}
CSRF_FAILURE_VIEW = "citizen_portal.views.csrf_failure"  # in Vietnamese, phone-sized, with the way back

INSTALLED_APPS = [
    "citizen_portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # full-text and trigram lookups (the search); idle on SQLite
    "rest_framework",
    "corsheaders",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "citizen_portal.apps.TasksDatabaseConfig",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "identity.zalo",
    "citizen_portal",
    "identity",
    "agencies",
    "notifications",
    "dossiers",
    "reports",
    "qa",
    "shops",
    "payments",
    "tuition",
    "media_feeds",
    "dashboards",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The mini app calls the API from Zalo's origin (CORS_ALLOWED_ORIGINS); answered before anything else.
    "corsheaders.middleware.CorsMiddleware",
    "citizen_portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compression: a cheap phone on a slow network pays for every byte.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # A page anonymous visitors share is answered here, before sessions, locale and the rest (they have nothing to
    # add for a visitor without a session); below, everything runs as usual and its headers are kept with the page.
    # Counts visits (a page opened from outside the portal) for the dashboards, shared copies included.
    "dashboards.usage.VisitCounterMiddleware",
    "citizen_portal.public_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "citizen_portal.middleware.InputHygieneMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "identity.middleware.StaffSecurityMiddleware",
    "dashboards.usage.ActiveUserMiddleware",
    "identity.middleware.ConsentRequiredMiddleware",
    "citizen_portal.middleware.PrivateCacheMiddleware",
    "citizen_portal.middleware.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "citizen_portal.urls"

# Public pages anonymous visitors share for a short while (citizen_portal/public_cache.py); 0 turns it off.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60)
PUBLIC_CACHE_VIEWS = {
    "home",
    # News and channels: the province's most read pages ("now playing" may lag by the cache's minute).
    "media_feeds:news",
    "media_feeds:article",
    "media_feeds:rss",
    "media_feeds:atom",
    "media_feeds:category_rss",
    "media_feeds:category_atom",
    "media_feeds:channels",
    "media_feeds:channel",
    "news-list",
    "news-detail",
    "channel-list",
    "channel-detail",
    "search:results",
    "qa:index",
    "qa:detail",
    "api_search",
    "question-list",
    "question-detail",
    "question-topic-list",
    "dossiers:catalogue",
    "dossiers:procedure",
    "dossiers:lookup",
    "reports:feed",
    "reports:detail",
    "reports:map_points",
    "open311:discovery",
    "open311:services",
    "open311:service_definition",
    "open311:requests",
    "open311:request",
    "api_schema",
    "report-list",
    "report-detail",
    "report-category-list",
    "procedure-list",
    "procedure-detail",
    "province-list",
    "ward-list",
    "agency-list",
}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "citizen_portal.context_processors.portal",
            ],
            # Filters every citizen page uses (money as "50.000 đồng"), without {% load %} in each template.
            "builtins": ["citizen_portal.templatetags.portal"],
        },
    },
]

WSGI_APPLICATION = "citizen_portal.wsgi.application"
ASGI_APPLICATION = "citizen_portal.asgi.application"

# Database: PostgreSQL when DATABASE_URL is set, otherwise an embedded SQLite file so that a newcomer's
# `make run` needs nothing but Python.
# An empty value means unset, so a copied .env.example behaves like no .env at all.
DATABASE_URL = env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": environ.Env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite is for a single developer: wait for locks instead of failing at once. IMMEDIATE transactions take the
    # write lock when they begin, so the web server and the task worker of `make run` queue up for it instead of one
    # failing with "database is locked" when a read turns into a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "identity.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Cache: Redis when REDIS_URL is set (shared by several app servers), otherwise local memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "citizen_portal.redis_cache.ReusedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "citizen_portal",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Rate limits and lockouts live in the cache: per process, each gunicorn worker would grant its own quota.
    # Production must share them (a single-process measurement may say so explicitly).
    if not DEBUG and not env.bool("SINGLE_PROCESS_LIMITS", default=False):
        raise ImproperlyConfigured(
            "REDIS_URL is required when DEBUG is off: rate limits, login lockouts and one-time-code limits must be "
            "shared by every worker process. (SINGLE_PROCESS_LIMITS=1 only for a one-process measurement.)"
        )

LANGUAGE_CODE = "vi"
# Our translations of what Django's and the libraries' Vietnamese catalogues lack (the admin's newer strings).
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# Static files: one small CSS file, served by WhiteNoise with hashed, compressed copies.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default="") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="") or "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default="") or BASE_DIR / "media")

# Uploads: local files by default; S3-compatible object storage when a bucket is configured.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default=""),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=""),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security. Production runs behind HTTPS (usually a reverse proxy that sets X-Forwarded-Proto).
SESSION_COOKIE_HTTPONLY = True
# Framing: CSP frame-ancestors (our own pages, and what Zalo's webview needs) governs every modern browser, which
# then ignores X-Frame-Options; DENY stays for old ones (the workspace's PDF frame view says SAMEORIGIN itself).
X_FRAME_OPTIONS = "DENY"
CSP_FRAME_ANCESTORS = env.list("CSP_FRAME_ANCESTORS", default=["'self'"])
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # /healthz is probed over plain HTTP by the load balancer.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Identity. Citizens: Zalo (level 1) and OIDC (level 2), or a one-time code; never a password.
# Officers: username/e-mail + password + TOTP.
LOGIN_URL = "/dang-nhap/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "identity.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "identity.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
# Lockout: after LOGIN_ATTEMPTS_LIMIT failed logins for one account, refuse it for LOGIN_ATTEMPTS_TIMEOUT seconds.
ACCOUNT_RATE_LIMITS = {
    "login_failed": (
        f"20/m/ip,{env.int('LOGIN_ATTEMPTS_LIMIT', default=5)}/{env.int('LOGIN_ATTEMPTS_TIMEOUT', default=900)}s/key"
    ),
}
SOCIALACCOUNT_AUTO_SIGNUP = True  # no registration form: the first Zalo login creates the account
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_QUERY_EMAIL = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False  # the login starts with a POST (CSRF-safe); the button is a form
MFA_ADAPTER = "identity.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="") or "Cổng Công dân"
# Everyone with back-office access must use TOTP; staff sessions end after this long without activity.
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=True)
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_SECONDS", default=30 * 60)
# Level 2 (verified identity) lasts this long, then the citizen renews it.
IDENTITY_LEVEL2_VALID_DAYS = env.int("IDENTITY_LEVEL2_VALID_DAYS", default=365)
# One-time codes for citizens created at the desk.
OTP_VALID_SECONDS = 5 * 60
OTP_MAX_ATTEMPTS = 5
# SMS gateway for one-time codes: a dotted path to a class with send(phone, text) -> message id.
SMS_PROVIDER = env.str("SMS_PROVIDER", default="") or "notifications.sms.LogSmsProvider"
SMS_SIMULATOR_URL = env.str("SMS_SIMULATOR_URL", default="http://127.0.0.1:8790")  # make run's demo gateway
# The demo's "phone" (the Zalo simulator's message page), linked from a banner on every page; empty in production.
DEMO_MESSAGES_URL = env.str("DEMO_MESSAGES_URL", default="")
# Demo login (pick a demo citizen or officer): only ever with DEBUG on.
DEMO_LOGIN_ENABLED = DEBUG and env.bool("DEMO_LOGIN", default=True)

# Django REST Framework: session + token authentication, one error format, pagination on.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first so an anonymous API client gets 401 with a WWW-Authenticate header, not 403.
        "identity.tokens.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "citizen_portal.api.pagination.StandardPagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "citizen_portal.api.exceptions.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "citizen_portal.api.parsers.StrictJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Cổng Công dân API",
    "DESCRIPTION": "API cho mini app Zalo và các hệ thống tích hợp của Cổng Công dân.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page loads Swagger UI from our own static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "DossierStatusEnum": "dossiers.workflow.DossierStatus.choices",
        "ReportStatusEnum": "reports.workflow.ReportStatus.choices",
        "QuestionStatusEnum": "qa.workflow.QuestionStatus.choices",
        "ChannelKindEnum": "media_feeds.workflow.ChannelKind.choices",
    },
}

# The deployment's home province (default Tây Ninh, code 80 since 1 July 2025).
HOME_PROVINCE_CODE = env.int("HOME_PROVINCE_CODE", default=80)
PORTAL_NAME = env.str("PORTAL_NAME", default="Cổng Công dân Tây Ninh")
# The API's bearer tokens (identity/tokens.py) live this long; the mini app signs in again silently after.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=30)

# The Zalo Mini App (miniapp/). With an id, notifications and QR codes open the mini app
# (https://zalo.me/s/<id>/<path>); without one they open the web pages.
ZALO_MINIAPP_ID = env.str("ZALO_MINIAPP_ID", default="")
# Origins allowed to call /api/v1/ from a browser: Zalo's mini app host only (plus the local shim build in DEBUG).
MINIAPP_ORIGINS = env.list("MINIAPP_ORIGINS", default=["https://h5.zdn.vn"])
MINIAPP_DEV_ORIGIN = env.str("MINIAPP_DEV_ORIGIN", default="http://127.0.0.1:8794")
CORS_ALLOWED_ORIGINS = MINIAPP_ORIGINS + ([MINIAPP_DEV_ORIGIN] if DEBUG and MINIAPP_DEV_ORIGIN else [])
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_CREDENTIALS = False  # bearer tokens, never cookies, across origins
CORS_ALLOW_HEADERS = ("accept", "authorization", "content-type", "x-client", "x-visit-start")
CORS_PREFLIGHT_MAX_AGE = 86400

# Where citizens reach the portal; links in messages sent outside the app start with it.
PUBLIC_BASE_URL = (env.str("PUBLIC_BASE_URL", default="") or "http://127.0.0.1:8000").rstrip("/")

# Office hours for the working-day calendar: comma-separated HH:MM-HH:MM windows.
OFFICE_HOURS = env.str("OFFICE_HOURS", default="07:00-11:30,13:30-17:00")

# Background work: Django's tasks API. The database backend needs no broker: `manage.py db_worker` runs the tasks.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="") or "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Periodic jobs, enqueued by `manage.py run_scheduler` (any number of them; each run is enqueued once).
PERIODIC_JOBS = {
    "notifications.deliver_due": {"task": "notifications.tasks.deliver_due_notifications", "every": 60},
    "notifications.prune": {"task": "notifications.tasks.prune_notifications", "every": 24 * 3600},
    "tasks.prune_results": {"task": "citizen_portal.tasks.prune_task_results", "every": 24 * 3600},
    "tasks.release_abandoned": {"task": "citizen_portal.tasks.release_abandoned_tasks", "every": 60},
    # Hourly; the outbox's dedupe key sends each officer one reminder a day.
    "dossiers.deadline_reminders": {"task": "dossiers.tasks.send_deadline_reminders", "every": 3600},
    # Field reports: reminders before and escalation after the deadline (once per report), every 15 minutes;
    # closing answered reports after the rating window, anonymising old ones and purging abandoned drafts daily.
    "reports.deadlines": {"task": "reports.tasks.remind_and_escalate", "every": 900},
    "reports.housekeeping": {"task": "reports.tasks.housekeeping", "every": 24 * 3600},
    # Questions: reminded a working day before the answer deadline, escalated past it.
    "qa.deadlines": {"task": "qa.tasks.remind_and_escalate", "every": 900},
    "qa.housekeeping": {"task": "qa.tasks.housekeeping", "every": 24 * 3600},
    # Readers of published answers, counted in the cache on every view, written to the database in one batch.
    "qa.view_counts": {"task": "qa.tasks.flush_view_counts", "every": 300},
    # Payments nobody told us about are asked about; invoices past their payment time expire.
    "payments.reconcile": {"task": "payments.tasks.reconcile_pending_payments", "every": 300},
    "payments.housekeeping": {"task": "payments.tasks.expire_invoices", "every": 3600},
    # Parents reminded a few days before a tuition charge falls due (once per charge and parent).
    "tuition.reminders": {"task": "tuition.tasks.send_reminders", "every": 3600},
    # Shop photos uploaded on a form never saved go after a day.
    "shops.housekeeping": {"task": "shops.tasks.housekeeping", "every": 24 * 3600},
    # News: articles scheduled for now go out within the minute; feeds are read when each one's interval is up;
    # every active channel's stream is asked whether it is alive.
    "news.publish_due": {"task": "media_feeds.tasks.publish_due", "every": 60},
    "news.import_feeds": {"task": "media_feeds.tasks.import_feeds", "every": 300},
    "channels.check_streams": {"task": "media_feeds.tasks.check_streams", "every": 300},
    "news.housekeeping": {"task": "media_feeds.tasks.housekeeping", "every": 24 * 3600},
    # Dashboards: the facts of the days touched by changes, every ten minutes; the last two months again nightly.
    "dashboards.refresh_facts": {"task": "dashboards.tasks.refresh_facts", "every": 600},
    "dashboards.rebuild_recent": {"task": "dashboards.tasks.rebuild_recent_facts", "every": 24 * 3600},
}

# Secrets kept in the database (provider tokens) are encrypted with this key (defaults to SECRET_KEY).
FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="") or SECRET_KEY

# Notifications.
NOTIFICATIONS = {
    # Tries on one channel before falling back to the next; waits between tries grow: 1, 5, 25 min…
    "MAX_ATTEMPTS_PER_CHANNEL": env.int("NOTIFICATION_MAX_ATTEMPTS_PER_CHANNEL", default=4),
    "BACKOFF_BASE_SECONDS": env.int("NOTIFICATION_BACKOFF_BASE_SECONDS", default=60),
    "BACKOFF_FACTOR": 5,
    # A message left "sending" longer than this (a worker died) goes back to the queue.
    # A worker killed mid-send leaves its claim: released after this, and the minute sweep sends the message again.
    "CLAIM_TIMEOUT_SECONDS": 60,
    # Per recipient, external messages at most this many per hour and per day; essential ones wait, others drop.
    "RATE_LIMIT_PER_HOUR": env.int("NOTIFICATION_RATE_LIMIT_PER_HOUR", default=10),
    "RATE_LIMIT_PER_DAY": env.int("NOTIFICATION_RATE_LIMIT_PER_DAY", default=30),
    # Delivered messages and inbox entries older than this many days are deleted.
    "RETENTION_DAYS": env.int("NOTIFICATION_RETENTION_DAYS", default=365),
}

# Zalo: the Official Account's app and the endpoints (a simulator on 127.0.0.1 in tests and the demo).
ZALO = {
    "APP_ID": env.str("ZALO_APP_ID", default="") or "demo-app",
    "APP_SECRET": env.str("ZALO_APP_SECRET", default="") or "demo-secret",
    "OAUTH_URL": env.str("ZALO_OAUTH_URL", default="") or "https://oauth.zaloapp.com",
    "OPENAPI_URL": env.str("ZALO_OPENAPI_URL", default="") or "https://openapi.zalo.me",
    "BUSINESS_URL": env.str("ZALO_BUSINESS_URL", default="") or "https://business.openapi.zalo.me",
    "GRAPH_URL": env.str("ZALO_GRAPH_URL", default="") or "https://graph.zalo.me",
    "TIMEOUT_SECONDS": 10,
    # Our event name → the template id Zalo approved for it (the template files carry a default).
    "ZNS_TEMPLATE_IDS": env.json("ZALO_ZNS_TEMPLATE_IDS", default={}) or {},
}

# Payments (../shared/INTEGRATIONS.md). The defaults are the simulators' test keys; production sets real ones.
PAYMENTS = {
    "TIMEOUT_SECONDS": 15,
    # The gateways a citizen may choose, in the order shown.
    "GATEWAYS": env.list("PAYMENT_GATEWAYS", default=["vnpay", "zalopay", "vietqr"]),
    # How long a started payment may take before we stop waiting (VNPay's vnp_ExpireDate).
    "ATTEMPT_MINUTES": env.int("PAYMENT_ATTEMPT_MINUTES", default=15),
    # A pending attempt older than this is asked about by the reconciliation job.
    "RECONCILE_AFTER_MINUTES": env.int("PAYMENT_RECONCILE_AFTER_MINUTES", default=10),
    "VNPAY": {
        "TMN_CODE": env.str("VNPAY_TMN_CODE", default="") or "CONGDAN1",
        "HASH_SECRET": env.str("VNPAY_HASH_SECRET", default="") or "demo-vnpay-secret",
        "PAY_URL": env.str("VNPAY_PAY_URL", default="") or "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
        "API_URL": env.str("VNPAY_API_URL", default="")
        or "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction",
    },
    "ZALOPAY": {
        "APP_ID": env.str("ZALOPAY_APP_ID", default="") or "2553",
        "KEY1": env.str("ZALOPAY_KEY1", default="") or "demo-zalopay-key1",
        "KEY2": env.str("ZALOPAY_KEY2", default="") or "demo-zalopay-key2",
        "API_URL": env.str("ZALOPAY_API_URL", default="") or "https://sb-openapi.zalopay.vn",
    },
    # Zalo Checkout SDK, the only way to pay inside the mini app (payments/gateways/zalo_checkout.py).
    "ZALO_CHECKOUT": {
        "APP_ID": env.str("ZALO_MINIAPP_ID", default="") or "demo-miniapp",
        "PRIVATE_KEY": env.str("ZALO_CHECKOUT_PRIVATE_KEY", default="") or "demo-checkout-private-key",
        "API_URL": env.str("ZALO_CHECKOUT_API_URL", default="") or "https://payment-mini.zalo.me",
        # The order of the fields the callback's `mac` covers (unconfirmed by the stored documentation).
        "CALLBACK_MAC_FIELDS": env.list("ZALO_CHECKOUT_CALLBACK_MAC_FIELDS", default=[])
        or ["appId", "amount", "description", "orderId", "message", "resultCode", "transId"],
    },
    # The bank's credit notifications for VietQR transfers: HMAC-SHA256 with this secret, within this window.
    "BANK_WEBHOOK_SECRET": env.str("BANK_WEBHOOK_SECRET", default="") or "demo-bank-webhook-secret",
    "BANK_WEBHOOK_WINDOW_SECONDS": 300,
}

# Social login providers. Zalo is our own allauth provider; level-2 identity uses OpenID Connect servers listed in
# OIDC_SERVERS (JSON list of {"id", "name", "client_id", "secret", "server_url"}).
OIDC_SERVERS = env.json("OIDC_SERVERS", default=[]) or []
# The claim carrying the 12-digit citizen ID (CCCD) in the providers' userinfo / ID token.
OIDC_CITIZEN_ID_CLAIM = env.str("OIDC_CITIZEN_ID_CLAIM", default="") or "citizen_id"
SOCIALACCOUNT_PROVIDERS = {
    "zalo": {
        "APPS": [{"client_id": ZALO["APP_ID"], "secret": ZALO["APP_SECRET"]}],
        "OAUTH_PKCE_ENABLED": True,
    },
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "SCOPE": env.list("OIDC_SCOPE", default=["openid", "profile", "address"]),
        "APPS": [
            {
                "provider_id": server["id"],
                "name": server["name"],
                "client_id": server["client_id"],
                "secret": server.get("secret", ""),
                "settings": {"server_url": server["server_url"], "token_auth_method": "client_secret_post"},
            }
            for server in OIDC_SERVERS
        ],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # fpdf2 subsets fonts through fontTools, which narrates every glyph at INFO.
    "loggers": {"fontTools": {"level": "WARNING"}},
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="khong-tra-loi@congcongdan.local")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Behind a reverse proxy that appends the caller's address to X-Forwarded-For (rate limits use it).
USE_X_FORWARDED_FOR = env.bool("USE_X_FORWARDED_FOR", default=False)

# Maps (loaded only when a citizen asks): the tile server, its attribution, and where the province is.
MAP = {
    "TILE_URL": env.str("MAP_TILE_URL", default="") or "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "ATTRIBUTION": env.str("MAP_ATTRIBUTION", default="") or "© OpenStreetMap",
    "CENTER": [11.3100, 106.0980],  # Tây Ninh
    "ZOOM": 13,
}

# Field reports (reports app).
REPORTS = {
    # Before filing, open reports of the same category this close are offered to follow instead.
    "DUPLICATE_RADIUS_M": env.int("REPORTS_DUPLICATE_RADIUS_M", default=250),
    # Staff duplicate help: same category, this close, this recent.
    "STAFF_DUPLICATE_RADIUS_M": 50,
    "STAFF_DUPLICATE_WEEKS": 12,
    "MIN_PHOTOS": env.int("REPORTS_MIN_PHOTOS", default=1),
    "MAX_PHOTOS": 5,
    "MAX_PHOTO_BYTES": 15 * 1024 * 1024,  # a phone original; it is re-encoded to at most 2,048 px
    "RATING_DAYS": 14,
    "RATING_REASONS": {
        "slow": "Xử lý chậm",
        "not_fixed": "Sự việc chưa được khắc phục",
        "unclear": "Câu trả lời chưa rõ",
        "attitude": "Thái độ chưa tốt",
        "good": "Xử lý nhanh, đúng việc",
    },
    # Contact details of the reporter are wiped this many days after a report is closed.
    "RETENTION_DAYS": env.int("REPORTS_RETENTION_DAYS", default=365),
    # Public pages and Open311 show coordinates rounded to this many decimals (3 ≈ 110 m); empty = exact.
    "PUBLIC_LOCATION_DECIMALS": env.int("REPORTS_PUBLIC_LOCATION_DECIMALS", default=4),
    # Submissions allowed per hour, per signed-in person and per IP address.
    "SUBMISSIONS_PER_HOUR_USER": env.int("REPORTS_SUBMISSIONS_PER_HOUR_USER", default=10),
    "SUBMISSIONS_PER_HOUR_IP": env.int("REPORTS_SUBMISSIONS_PER_HOUR_IP", default=30),
}

# 4.0 shops (shops).
SHOPS = {
    "MIN_PHOTOS": 1,
    "MAX_PHOTOS": 5,
    "MAX_PHOTO_BYTES": 15 * 1024 * 1024,  # a phone original; it is re-encoded to at most 2,048 px
    # Name + address trigram similarity (pg_trgm's measure) from which two shops of a ward look like one.
    "DUPLICATE_SIMILARITY": 0.5,
    "REGISTRATIONS_PER_HOUR_USER": env.int("SHOPS_REGISTRATIONS_PER_HOUR_USER", default=10),
    "DIRECTORY_PAGE_SIZE": 20,
}

# News, TV and radio (media_feeds).
MEDIA_FEEDS = {
    "HTTP_TIMEOUT_SECONDS": env.float("MEDIA_FEEDS_HTTP_TIMEOUT_SECONDS", default=10.0),
    "MAX_FEED_BYTES": 5 * 1024 * 1024,
    "MAX_IMAGE_BYTES": 10 * 1024 * 1024,
    "PAGE_SIZE": 20,
}

# Online Q&A (qa).
QA = {
    "QUESTIONS_PER_HOUR_USER": env.int("QA_QUESTIONS_PER_HOUR_USER", default=5),
    "QUESTIONS_PER_HOUR_IP": env.int("QA_QUESTIONS_PER_HOUR_IP", default=30),
    "MAX_ATTACHMENT_BYTES": 10 * 1024 * 1024,
    "SIMILAR_SHOWN": 5,
}

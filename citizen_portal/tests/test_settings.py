"""Settings come from the environment; production refuses to start unsafe. Each case starts a fresh Python."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-deploy-test-0123456789",
    "ALLOWED_HOSTS": "congcongdan.tayninh.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://congcongdan.tayninh.gov.vn",
    "DATABASE_URL": "",
    "REDIS_URL": "redis://127.0.0.1:6379/0",  # not contacted by these checks
    "VNPAY_HASH_SECRET": "vnpay-secret-issued-to-the-province",
    "ZALOPAY_KEY1": "zalopay-key1-issued-to-the-province",
    "ZALOPAY_KEY2": "zalopay-key2-issued-to-the-province",
    "BANK_WEBHOOK_SECRET": "secret-agreed-with-the-bank",
}


def run_manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    unset = {"DATABASE_URL", "SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_manage("check", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_it_refuses_to_start_in_production_with_limits_kept_per_process():
    """Without a shared cache each worker counts alone: 4 workers let 4× the login failures and code requests by."""
    result = run_manage("check", **{**PRODUCTION, "REDIS_URL": ""})
    assert result.returncode != 0
    assert "REDIS_URL is required when DEBUG is off" in result.stderr


def test_it_starts_without_a_secret_key_in_debug():
    result = run_manage("check", DEBUG="1", SECRET_KEY="")
    assert result.returncode == 0, result.stderr


def test_the_deploy_check_passes_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_static_files_collect_with_the_production_storage(tmp_path):
    """The hashed, compressed storage follows every url() and source map in our CSS/JS (Leaflet's too): a missing
    reference would stop a deployment at collectstatic."""
    result = run_manage("collectstatic", "--noinput", **PRODUCTION, STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/leaflet-1.9.4/leaflet.js" in manifest and "js/map.js" in manifest


def test_the_deploy_check_catches_a_weak_secret_key():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_the_deploy_check_refuses_the_simulators_payment_keys():
    demo = {k: v for k, v in PRODUCTION.items() if not k.startswith(("VNPAY", "ZALOPAY", "BANK"))}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **demo)
    assert result.returncode != 0
    assert "payments.E001" in result.stderr and "VNPAY_HASH_SECRET" in result.stderr
    assert "payments.E002" in result.stderr
    only_transfer = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **{**demo, "PAYMENT_GATEWAYS": "vietqr", "BANK_WEBHOOK_SECRET": "x" * 32},
    )
    assert only_transfer.returncode == 0, only_transfer.stderr


def _print_setting(expression: str, **environment: str) -> str:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": "citizen_portal.settings", "DEBUG": "1", **environment})
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("environment", "engine"),
    [
        ({}, "django.db.backends.sqlite3"),
        ({"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/citizen_portal"}, "django.db.backends.postgresql"),
    ],
)
def test_the_database_comes_from_database_url(environment, engine):
    assert _print_setting("settings.DATABASES['default']['ENGINE']", **environment) == engine


def test_sqlite_writers_queue_for_the_lock_instead_of_failing():
    """`make run` has a web server and a task worker on one SQLite file: a transaction that reads, then writes, must
    wait for the other's lock (IMMEDIATE), not fail with "database is locked"."""
    options = _print_setting("sorted(settings.DATABASES['default']['OPTIONS'].items())")
    assert options == "[('timeout', 20), ('transaction_mode', 'IMMEDIATE')]"


def test_redis_url_switches_the_cache_to_redis():
    assert _print_setting("settings.CACHES['default']['BACKEND']") == "django.core.cache.backends.locmem.LocMemCache"
    backend = _print_setting("settings.CACHES['default']['BACKEND']", REDIS_URL="redis://127.0.0.1:6379/0")
    assert backend == "citizen_portal.redis_cache.ReusedClientRedisCache"


def test_a_bucket_switches_uploads_to_s3():
    assert _print_setting("settings.STORAGES['default']['BACKEND']") == "django.core.files.storage.FileSystemStorage"
    backend = _print_setting("settings.STORAGES['default']['BACKEND']", AWS_STORAGE_BUCKET_NAME="ho-so")
    assert backend == "storages.backends.s3.S3Storage"


def test_language_and_time_zone_are_vietnamese():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True
    assert settings.HOME_PROVINCE_CODE == 80

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from citizen_portal.models import ScheduledJob
from citizen_portal.scheduling import scheduler_tick

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
ONE_JOB = {"test.prune": {"task": "citizen_portal.tasks.prune_task_results", "every": 60}}


@pytest.mark.django_db
def test_a_due_job_is_enqueued_once_and_then_waits_its_interval(settings):
    settings.TASKS = DB_TASKS
    settings.PERIODIC_JOBS = ONE_JOB
    now = timezone.now()
    assert scheduler_tick(now) == ["test.prune"]
    assert scheduler_tick(now + dt.timedelta(seconds=30)) == []
    assert scheduler_tick(now + dt.timedelta(seconds=61)) == ["test.prune"]
    assert DBTaskResult.objects.filter(task_path="citizen_portal.tasks.prune_task_results").count() == 2
    assert ScheduledJob.objects.get(name="test.prune").runs == 2


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_running_at_once_enqueue_a_run_only_once(settings, run_concurrently):
    settings.TASKS = DB_TASKS
    settings.PERIODIC_JOBS = ONE_JOB
    ScheduledJob.objects.create(name="test.prune", next_run_at=timezone.now() - dt.timedelta(seconds=1))
    now = timezone.now()
    enqueued = run_concurrently(lambda: scheduler_tick(now))
    assert sorted(enqueued) == [[], [], [], ["test.prune"]]
    assert DBTaskResult.objects.filter(task_path="citizen_portal.tasks.prune_task_results").count() == 1


@pytest.mark.django_db
def test_the_scheduler_command_runs_once(settings, capsys):
    from django.core.management import call_command

    settings.TASKS = DB_TASKS
    settings.PERIODIC_JOBS = ONE_JOB
    call_command("run_scheduler", "--once")
    assert "Đã xếp việc định kỳ: test.prune" in capsys.readouterr().out


def test_every_configured_periodic_job_names_a_real_task(settings):
    from django.utils.module_loading import import_string
    from django_tasks.base import Task

    for name, job in settings.PERIODIC_JOBS.items():
        assert isinstance(import_string(job["task"]), Task), name
        assert job["every"] >= 60


def test_the_task_worker_survives_a_database_outage():
    """A fresh worker whose database is a closed port keeps trying (and says so) instead of exiting."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {key: value for key, value in os.environ.items() if key != "TASKS_BACKEND"}  # the real database backend
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "citizen_portal.settings",
            "DEBUG": "1",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:1/x",
        }
    )
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--max-pause", "1"],
        cwd=settings.BASE_DIR,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            worker.wait(timeout=6)  # still alive: it did not exit on the first error
    finally:
        worker.terminate()
        _, errors = worker.communicate(timeout=10)
    assert errors.count("Mất kết nối cơ sở dữ liệu") >= 2, errors


@pytest.mark.django_db
def test_a_task_left_running_by_a_killed_worker_is_released():
    import datetime as dt

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from citizen_portal.tasks import release_abandoned_tasks

    now = timezone.now()
    row, recent = (
        DBTaskResult.objects.create(
            status="RUNNING",
            started_at=started,
            args_kwargs={"args": [], "kwargs": {}},
            task_path="citizen_portal.tasks.prune_task_results",
            backend_name="default",
            run_after=now,
        )
        for started in (now - dt.timedelta(minutes=11), now - dt.timedelta(minutes=1))
    )
    assert release_abandoned_tasks.call() == 1  # the one a killed worker left; the other is still running
    row.refresh_from_db()
    recent.refresh_from_db()
    assert row.status == "FAILED" and "stopped before it finished" in row.traceback
    assert recent.status == "RUNNING"

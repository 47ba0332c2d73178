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

import os
import subprocess
import sys
from pathlib import Path


def production_environment(tmp_path, **values) -> dict[str, str]:
    # The test process allows async-unsafe ORM use for Playwright; production never does.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **env,
        "KOMPETENCEDIALOG_PROFILE": "production",
        "KOMPETENCEDIALOG_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "kompetencedialog.settings",
        **values,
    }


def test_production_profile_passes_djangos_deploy_checks(tmp_path):
    env = production_environment(
        tmp_path,
        SECRET_KEY="production-secret-that-is-long-and-random-enough-1234567890",
        ALLOWED_HOSTS="kompetencedialog.example.dk",
    )
    command = Path(sys.executable).parent / "kompetencedialog"
    result = subprocess.run(
        [str(command), "check", "--deploy", "--fail-level", "DEBUG"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_demo_data_is_refused_in_production(tmp_path):
    env = production_environment(tmp_path, SECRET_KEY="y" * 60)
    command = Path(sys.executable).parent / "kompetencedialog"
    result = subprocess.run([str(command), "demo"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "never loaded in production" in result.stderr

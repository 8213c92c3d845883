"""The secret key: refused at start when it is unusable, generated only in development.

Each case starts the settings in a fresh process, as a server would.
"""

import subprocess
import sys

import pytest

from tests.core.test_deploy_check import production_environment

SHOW_KEY = "from django.conf import settings; print(settings.SECRET_KEY)"


def start(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SHOW_KEY], env=env, capture_output=True, text=True, timeout=60
    )


def development_environment(tmp_path) -> dict[str, str]:
    env = production_environment(tmp_path, KOMPETENCEDIALOG_PROFILE="development")
    for name in ("SECRET_KEY", "SECRET_KEY_FILE"):
        env.pop(name, None)
    return env


def refused(result: subprocess.CompletedProcess, *words: str) -> bool:
    last_line = result.stderr.strip().splitlines()[-1]
    return (
        result.returncode != 0
        and last_line.startswith("django.core.exceptions.ImproperlyConfigured")
        and all(word in last_line for word in words)
    )


def test_production_without_a_key_refuses_to_start(tmp_path):
    env = production_environment(tmp_path)
    env.pop("SECRET_KEY", None)
    env.pop("SECRET_KEY_FILE", None)
    result = start(env)
    assert refused(result, "No secret key", "SECRET_KEY_FILE")
    assert not (tmp_path / "secret_key").exists()


def test_production_with_an_empty_secret_key_file_variable_refuses_and_fails_the_deploy_check(
    tmp_path,
):
    env = production_environment(tmp_path, SECRET_KEY_FILE="", ALLOWED_HOSTS="example.dk")
    env.pop("SECRET_KEY", None)
    assert refused(start(env), "No secret key")
    command = [sys.executable, "-m", "django", "check", "--deploy"]
    assert subprocess.run(command, env=env, capture_output=True, timeout=60).returncode != 0


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ("is empty", "Put the key in it")),
        (b"\n  \n", ("is empty",)),
        (b"\xff\xfe\x00\x81binary", ("does not hold text",)),
        (b"key\x00with-a-nul", ("control characters",)),
    ],
)
def test_production_refuses_an_unusable_key_file_and_names_it(tmp_path, content, words):
    key_file = tmp_path / "mounted-key"
    key_file.write_bytes(content)
    env = production_environment(tmp_path, SECRET_KEY_FILE=str(key_file))
    env.pop("SECRET_KEY", None)
    assert refused(start(env), f"SECRET_KEY_FILE ({key_file})", *words)


def test_production_refuses_a_key_file_it_cannot_read(tmp_path):
    env = production_environment(tmp_path, SECRET_KEY_FILE=str(tmp_path / "not-there"))
    env.pop("SECRET_KEY", None)
    assert refused(start(env), "cannot be read", "not-there")
    (tmp_path / "a-folder").mkdir()
    env["SECRET_KEY_FILE"] = str(tmp_path / "a-folder")
    assert refused(start(env), "cannot be read", "a-folder")


def test_production_refuses_an_empty_secret_key_variable(tmp_path):
    assert refused(start(production_environment(tmp_path, SECRET_KEY="")), "SECRET_KEY", "empty")


def test_production_reads_the_key_from_its_file(tmp_path):
    key_file = tmp_path / "mounted-key"
    key_file.write_text("the-same-key-on-every-machine\n")
    env = production_environment(tmp_path, SECRET_KEY_FILE=str(key_file))
    env.pop("SECRET_KEY", None)
    result = start(env)
    assert result.stdout.strip() == "the-same-key-on-every-machine", result.stderr


def test_development_makes_a_key_once_and_keeps_it(tmp_path):
    env = development_environment(tmp_path)
    first, second = start(env), start(env)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    assert len(first.stdout.strip()) >= 50
    assert second.stdout == first.stdout == key_file.read_text() + "\n"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert list(tmp_path.glob(".secret_key*")) == []  # no half-written file left behind


@pytest.mark.parametrize(
    ("content", "words"), [(b"", ("is empty",)), (b"\x80\x81\x82", ("does not hold text",))]
)
def test_development_refuses_a_broken_key_file_and_leaves_it_alone(tmp_path, content, words):
    key_file = tmp_path / "secret_key"
    key_file.write_bytes(content)
    assert refused(start(development_environment(tmp_path)), str(key_file), "Delete it", *words)
    assert key_file.read_bytes() == content
